// The queue's row selection for bulk changes (no inline script: the pages' CSP forbids it).
// The table refreshes itself every few seconds (htmx replaces its rows); the selection is kept by
// ticket reference across those refreshes, and "select all" takes the rows on this page.
(function () {
  var selected = new Set();

  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll('#queue-rows input.select-row'));
  }

  function sync() {
    var all = boxes();
    all.forEach(function (box) { box.checked = selected.has(box.value); });
    var onPage = all.filter(function (box) { return box.checked; }).length;
    var count = document.getElementById('bulk-count');
    if (count) { count.textContent = String(onPage); }
    var head = document.getElementById('select-all');
    if (head) {
      head.checked = all.length > 0 && onPage === all.length;
      head.indeterminate = onPage > 0 && onPage < all.length;
    }
  }

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target.matches && target.matches('#queue-rows input.select-row')) {
      if (target.checked) { selected.add(target.value); } else { selected.delete(target.value); }
      sync();
    } else if (target.id === 'select-all') {
      boxes().forEach(function (box) {
        if (target.checked) { selected.add(box.value); } else { selected.delete(box.value); }
      });
      sync();
    }
  });

  // After htmx swapped in fresh rows: tick again what was ticked.
  document.addEventListener('htmx:afterSettle', sync);
  document.addEventListener('DOMContentLoaded', function () {
    boxes().forEach(function (box) { if (box.checked) { selected.add(box.value); } });
    sync();
  });
})();
