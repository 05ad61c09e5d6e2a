// Contact Hub pages: the few behaviours that need script (no inline script: the pages' CSP forbids it).
document.addEventListener('DOMContentLoaded', function () {
  // Forms marked data-confirm ask first (replay, reject).
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });
  // The survey's login and password fields only matter when membership is asked for.
  var wants = document.getElementById('wantsMembership');
  var member = document.getElementById('member-fields');
  if (wants && member) {
    var sync = function () { member.hidden = !wants.checked; };
    wants.addEventListener('change', sync);
    sync();
  }
});
