/**
 * The report's only script: sorting and filtering of the findings table. It is inlined
 * as is and allowed by the hash of this exact text (see the report's CSP), so it reads
 * only the page, never builds markup from values, and must not contain "</script".
 */
export const FINDINGS_TABLE_SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('findings-table');
  var controls = document.getElementById('findings-controls');
  if (!table || !controls) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById('findings-search');
  var selects = Array.prototype.slice.call(controls.querySelectorAll('select[data-filter]'));
  var shown = document.getElementById('findings-shown');
  function apply() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var visible = selects.every(function (s) { return !s.value || row.getAttribute('data-' + s.getAttribute('data-filter')) === s.value; }) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !visible;
      if (visible) count += 1;
    });
    shown.textContent = count + ' of ' + rows.length + ' findings shown';
  }
  function sortKey(row, index) {
    var cell = row.cells[index];
    var key = cell.getAttribute('data-sort');
    return key === null ? cell.textContent : key;
  }
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, index) {
    th.classList.add('sortable');
    th.tabIndex = 0;
    function sort() {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var sorted = rows.slice().sort(function (a, b) {
        var x = sortKey(a, index);
        var y = sortKey(b, index);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        sort();
      }
    });
  });
  search.addEventListener('input', apply);
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  controls.hidden = false;
  apply();
})();
`;
