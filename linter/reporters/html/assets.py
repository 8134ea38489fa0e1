"""The HTML report's inline stylesheet and script (no network, no external fonts or files)."""

from __future__ import annotations

# System fonts only: the CJK faces Windows, macOS and Linux desktops ship, then the generic family.
CSS = """
:root { --error: #b3261e; --error-bg: #fde7e6; --warning: #8a5a00; --warning-bg: #fff3d6;
  --info: #155e9c; --info-bg: #e3f0fb; --rel: #6b4fbb; --line: #c9c9c9; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 1rem 1.5rem 4rem; color: #1f1f1f; background: #fff;
  font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin-top: 2.5rem;
  border-bottom: 2px solid #333; padding-bottom: .25rem; overflow-wrap: anywhere; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; } h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
.meta, .facts { color: var(--muted); margin: .25rem 0; }
dl.counts { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; }
dl.counts div { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem; min-width: 7rem; }
dl.counts dt { color: var(--muted); font-size: .85rem; } dl.counts dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
dl.counts .errors dd { color: var(--error); } dl.counts .warnings dd { color: var(--warning); }
table.index { border-collapse: collapse; width: 100%; }
table.index th, table.index td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; }
table.index td.num, table.index th.num { text-align: right; }
#coverage tr.cov-missing .cov-status, #coverage tr.cov-unknown .cov-status { color: var(--error); font-weight: 600; }
#coverage tr.cov-duplicate .cov-status, #coverage tr.cov-wrong_year .cov-status { color: var(--warning); font-weight: 600; }
table.index th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
table.index th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="descending"] button::after { content: " \\2193"; } th[aria-sort="ascending"] button::after { content: " \\2191"; }
.status-error { color: var(--error); font-weight: 600; }
.sev { display: inline-block; min-width: 3em; text-align: center; border-radius: 4px; padding: 0 .4em;
  font-size: .85em; font-weight: 600; }
.sev.error { background: var(--error-bg); color: var(--error); } .sev.warning { background: var(--warning-bg); color: var(--warning); }
.sev.info { background: var(--info-bg); color: var(--info); }
ol.findings { padding-left: 1.5rem; } ol.findings li { margin: .3rem 0; }
.where { color: var(--muted); font-size: .9em; display: block; }
code { font-family: ui-monospace, "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: .9em; }
figure.doc-table { margin: 1rem 0 2rem; } figure.doc-table.bad figcaption { color: var(--error); }
figcaption { font-weight: 600; margin-bottom: .4rem; }
.table-note { color: var(--error); margin: .2rem 0 .5rem; }
table.grid { border-collapse: collapse; font-size: 13px; line-height: 1.4; }
table.grid td { border: 1px solid #777; padding: 2px 6px; vertical-align: middle; text-align: center;
  position: relative; min-width: 2.5em; }
table.grid td.gap { border: 0; }
table.grid td.bad { outline-offset: -3px; cursor: help; }
table.grid td.bad.error { background: var(--error-bg); outline: 3px solid var(--error); }
table.grid td.bad.warning { background: var(--warning-bg); outline: 3px solid var(--warning); }
table.grid td.bad.info { background: var(--info-bg); outline: 3px solid var(--info); }
table.grid td.rel { outline: 2px dashed var(--rel); outline-offset: -3px; }
table.grid td.rel.rel-on { outline: 3px solid var(--rel); background: #efe9fb; }
table.grid td.bad:focus { box-shadow: 0 0 0 3px #000; }
.expected { display: block; font-size: 11px; color: var(--error); font-weight: 600; white-space: nowrap; }
.tip { display: none; position: absolute; z-index: 10; left: 0; top: 100%;
  width: max-content; max-width: min(28rem, 90vw); padding: .5rem .7rem; margin-top: 4px; text-align: left;
  background: #1f1f1f; color: #fff; border-radius: 6px; font-size: 13px; box-shadow: 0 4px 12px rgba(0,0,0,.3); }
.tip span { display: block; } .tip span + span { margin-top: .35rem; }
td.bad:hover .tip, td.bad:focus .tip, td.bad:target .tip { display: block; }
td.bad.tip-hidden .tip { display: none; } td.bad.tip-leftward .tip { left: auto; right: 0; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
.filters input[type=search] { min-width: 18rem; padding: .3rem .5rem; font: inherit; }
.filters select, .filters button { font: inherit; padding: .25rem .4rem; }
.filters output { color: var(--muted); }
[hidden] { display: none !important; }
.status-failed, .status-unreadable { color: var(--error); font-weight: 600; }
.status-doubtful { color: var(--warning); font-weight: 600; } .status-passed { color: #1e7b34; }
h2 .verdict { font-size: .85rem; font-weight: 600; margin-left: .5rem; }
#by-rule { margin-top: 1.5rem; } .pick-rule { font: inherit; background: none; border: 0; padding: 0;
  color: #1a0dab; text-decoration: underline; cursor: pointer; }
@media print { .tip { display: none !important; } .filters { display: none; } }
"""

# Sorting the index (buttons in the header, aria-sort kept in step), related cells outlined while
# an offending cell is hovered or focused, Escape hides a tooltip, #cell fragments focus the cell.
JS = """
(function () {
  var index = document.getElementById('index');
  if (index) {
    var body = index.tBodies[0];
    Array.prototype.forEach.call(index.querySelectorAll('th button'), function (button) {
      button.addEventListener('click', function () {
        var th = button.parentNode, col = Array.prototype.indexOf.call(th.parentNode.children, th);
        var desc = th.getAttribute('aria-sort') !== 'descending';
        Array.prototype.forEach.call(index.querySelectorAll('th'), function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
        var numeric = button.getAttribute('data-sort') === 'num';
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-value'), y = b.cells[col].getAttribute('data-value');
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'zh');
          if (c === 0) { c = Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order')); return c; }
          return desc ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  function place(cell) {  // open the tooltip towards the side with room
    var r = cell.getBoundingClientRect();
    cell.classList.toggle('tip-leftward', r.left > document.documentElement.clientWidth / 2);
  }
  function related(cell, on) {
    if (on) { place(cell); }
    (cell.getAttribute('data-related') || '').split(' ').forEach(function (id) {
      var el = id && document.getElementById(id);
      if (el) { el.classList.toggle('rel-on', on); }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('td.bad'), function (cell) {
    cell.addEventListener('mouseenter', function () { related(cell, true); });
    cell.addEventListener('mouseleave', function () { if (document.activeElement !== cell) related(cell, false); });
    cell.addEventListener('focus', function () { related(cell, true); });
    cell.addEventListener('blur', function () { related(cell, false); cell.classList.remove('tip-hidden'); });
    cell.addEventListener('keydown', function (e) { if (e.key === 'Escape') cell.classList.add('tip-hidden'); });
  });
  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1)), el = id && document.getElementById(id);
    if (el && el.classList.contains('bad')) { el.focus(); }
  }
  window.addEventListener('hashchange', focusTarget);
  focusTarget();
  // Search and filters: a file is shown when it matches all of them; within a shown file, the
  // findings of another severity or rule are hidden.
  var q = document.getElementById('q'), fStatus = document.getElementById('f-status'),
      fSev = document.getElementById('f-sev'), fRule = document.getElementById('f-rule'),
      shown = document.getElementById('shown');
  if (!q) { return; }
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.file'));
  var rows = {};  // index row of each file (the index may have been sorted)
  Array.prototype.forEach.call(document.querySelectorAll('#index tbody tr'), function (tr) {
    rows['file-' + tr.getAttribute('data-file')] = tr;
  });
  var texts = sections.map(function (s) { return s.textContent.toLowerCase(); });
  function has(list, value) { return !value || (' ' + list + ' ').indexOf(' ' + value + ' ') >= 0; }
  function apply() {
    var text = q.value.trim().toLowerCase(), status = fStatus.value, sev = fSev.value, rule = fRule.value, n = 0;
    sections.forEach(function (s, i) {
      var ok = (!status || s.getAttribute('data-status') === status) && has(s.getAttribute('data-sev'), sev) &&
               has(s.getAttribute('data-rules'), rule) && (!text || texts[i].indexOf(text) >= 0);
      s.hidden = !ok;
      if (rows[s.id]) { rows[s.id].hidden = !ok; }
      if (ok) { n += 1; }
      Array.prototype.forEach.call(s.querySelectorAll('li.finding'), function (li) {
        li.hidden = (sev && !li.classList.contains(sev)) || (rule && li.getAttribute('data-rule') !== rule);
      });
    });
    shown.textContent = shown.getAttribute('data-template').replace('{n}', n).replace('{total}', sections.length);
  }
  [q, fStatus, fSev, fRule].forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  document.getElementById('filters').addEventListener('reset', function () { setTimeout(apply, 0); });
  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  Array.prototype.forEach.call(document.querySelectorAll('.pick-rule'), function (b) {
    b.addEventListener('click', function () { fRule.value = b.getAttribute('data-rule'); apply(); });
  });
})();
"""
