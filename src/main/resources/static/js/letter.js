// The letter form (console/letter.html): a scan larger than the hub takes is refused here, before it is
// uploaded; the server's form says so too, but a file over the servlet's own multipart limit would only
// have its connection cut. No inline script: the pages' CSP forbids it.
document.addEventListener('DOMContentLoaded', function () {
  var scan = document.getElementById('scan');
  if (!scan) {
    return;
  }
  var max = parseInt(scan.getAttribute('data-max-bytes'), 10);
  scan.addEventListener('change', function () {
    var file = scan.files && scan.files[0];
    scan.setCustomValidity(file && max && file.size > max ? scan.getAttribute('data-too-big') : '');
    scan.reportValidity();
  });
});
