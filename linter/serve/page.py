"""The page: drop reports, see the HTML report's view of them, download the results.

One self-contained document: the HTML report's stylesheet and script (linter.reporters.html.assets)
plus the page's own, inline, allowed by their hashes in the Content-Security-Policy (stricter
than 'unsafe-inline'); no fonts, images or scripts from anywhere, and requests only to this server.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from typing import Sequence

from linter import __version__
from linter.reporters.html.assets import CSS as REPORT_CSS
from linter.reporters.html.assets import JS as REPORT_JS
from linter.i18n import section, t

PAGE_CSS = (
    REPORT_CSS
    + """
#rl-top { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
#rl-drop { display: block; border: 2px dashed #777; border-radius: 10px; padding: 1.5rem; margin: 1rem 0;
  text-align: center; cursor: pointer; background: #fafafa; }
#rl-drop.over { border-color: var(--info); background: var(--info-bg); }
#rl-drop input { display: block; margin: .75rem auto 0; }
#rl-status { min-height: 1.6em; font-weight: 600; } #rl-status.bad { color: var(--error); }
#rl-downloads button, .rl-annotate { font: inherit; margin: .2rem .4rem .2rem 0; padding: .25rem .8rem;
  border: 1px solid #555; border-radius: 5px; background: #fff; cursor: pointer; }
#rl-token { border: 1px solid var(--warning); background: var(--warning-bg); padding: .75rem 1rem; border-radius: 6px; }
[hidden] { display: none !important; }
"""
)

PAGE_JS = (
    """
window.rlReport = function () {
"""
    + REPORT_JS
    + """
};
(function () {
  var cfg = JSON.parse(document.getElementById('rl-config').textContent);
  var W = cfg.words, lang = cfg.lang;
  var input = document.getElementById('rl-files'), zone = document.getElementById('rl-drop');
  var status = document.getElementById('rl-status'), report = document.getElementById('rl-report');
  var bar = document.getElementById('rl-downloads'), tokenForm = document.getElementById('rl-token');
  var current = [], retry = null;
  function fmt(s, p) { return s.replace(/\\{(\\w+)\\}/g, function (m, k) { return k in p ? p[k] : m; }); }
  function token() { try { return localStorage.getItem('reportlint-token') || ''; } catch (e) { return ''; } }
  function say(text, bad) { status.textContent = text; status.classList.toggle('bad', !!bad); }
  function form(files, path) {
    var f = new FormData();
    files.forEach(function (file) { f.append('files', file, file.name); });
    if (path) { f.append('path', path); }
    return f;
  }
  function post(url, body, again) {
    var headers = {}, t = token();
    if (t) { headers['X-Reportlint-Token'] = t; }
    return fetch(url, { method: 'POST', body: body, headers: headers, credentials: 'same-origin' }).then(function (r) {
      if (r.status === 401) { retry = again; tokenForm.hidden = false; document.getElementById('rl-token-input').focus();
        throw new Error(W.token_hint); }
      if (!r.ok) {
        return r.json().then(function (e) { throw new Error(e.error.message); },
                             function () { throw new Error('HTTP ' + r.status); });
      }
      return r;
    });
  }
  function fail(e) { say(W.failed + e.message, true); }
  function save(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = name; document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
  }
  function check(files) {
    if (!files.length) { return; }
    current = files; bar.hidden = true; report.textContent = '';
    say(fmt(W.checking, { n: files.length }));
    post('api/view?lang=' + lang, form(files), function () { check(files); })
      .then(function (r) { return r.json(); }).then(show).catch(fail);
  }
  function show(data) {
    var doc = new DOMParser().parseFromString(data.main, 'text/html');
    report.textContent = '';
    Array.prototype.forEach.call(doc.body.childNodes, function (node) { report.appendChild(document.importNode(node, true)); });
    data.files.forEach(function (f, i) {
      var section = document.getElementById('file-' + (i + 1));
      if (!section || f.format !== 'docx' || f.error) { return; }
      var b = document.createElement('button');
      b.type = 'button'; b.className = 'rl-annotate'; b.textContent = W.annotated; b.setAttribute('data-path', f.path);
      b.addEventListener('click', function () { annotate(f); });
      section.querySelector('h2').insertAdjacentElement('afterend', b);
    });
    window.rlReport();
    say(fmt(W.done, { n: data.files.length })); bar.hidden = false;
  }
  function annotate(f) {
    var upload = current[f.upload];
    post('api/annotate?lang=' + lang, form([upload], f.path), function () { annotate(f); })
      .then(function (r) { return r.blob(); })
      .then(function (blob) { save(blob, f.path.split('/').pop().replace(/\\.[^.]*$/, '') + '.annotated.docx'); })
      .catch(fail);
  }
  function result(format, ext) {
    post('api/check?format=' + format + '&lang=' + lang, form(current), function () { result(format, ext); })
      .then(function (r) { return r.blob(); })
      .then(function (blob) { save(blob, 'reportlint.' + ext); }).catch(fail);
  }
  function kit() {
    post('api/kit?lang=' + lang, form(current), kit)
      .then(function (r) { return r.blob(); }).then(function (blob) { save(blob, W.kit_name); }).catch(fail);
  }
  document.getElementById('rl-kit').addEventListener('click', kit);
  Array.prototype.forEach.call(bar.querySelectorAll('button[data-format]'), function (b) {
    b.addEventListener('click', function () { result(b.getAttribute('data-format'), b.getAttribute('data-ext')); });
  });
  input.addEventListener('change', function () { check(Array.prototype.slice.call(input.files)); });
  zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  zone.addEventListener('drop', function (e) {
    e.preventDefault(); zone.classList.remove('over');
    check(Array.prototype.slice.call(e.dataTransfer.files));
  });
  tokenForm.addEventListener('submit', function (e) {
    e.preventDefault();
    try { localStorage.setItem('reportlint-token', document.getElementById('rl-token-input').value.trim()); } catch (x) {}
    tokenForm.hidden = true;
    if (retry) { var again = retry; retry = null; again(); }
  });
})();
"""
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# The page's policy: nothing from anywhere but its own inline style and script (by hash) and
# requests to this server; no frames, forms posted elsewhere or <base>.
CSP = (
    f"default-src 'none'; style-src {_hash(PAGE_CSS)}; script-src {_hash(PAGE_JS)}; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


_LABELS = {"junit": "JUnit", "xlsx": "Excel", "sarif": "SARIF"}


def render(lang: str, formats: Sequence[tuple[str, str]]) -> str:
    """The page in ``lang``; ``formats`` are the (format, file extension) offered for the batch."""
    other = t("lang.other", lang)
    config = {"lang": lang, "words": section("serve.", lang)}
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    buttons = "".join(
        f'<button type="button" data-format="{escape(f)}" data-ext="{escape(ext)}">'
        f"{escape(_LABELS.get(f, f.upper()))}</button>"
        for f, ext in formats
    )
    return (
        "<!DOCTYPE html>"
        f'<html lang="{t("lang.tag", lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(t('serve.title', lang))}</title><style>{PAGE_CSS}</style></head><body>"
        f'<header id="rl-top"><h1>{escape(t("serve.title", lang))}</h1>'
        f'<a href="?lang={other}" hreflang="{other}">{escape(t("serve.lang_other", lang))}</a></header>'
        '<form id="rl-token" hidden>'
        f"<p>{escape(t('serve.token_hint', lang))}</p><label>{escape(t('serve.token_label', lang))} "
        '<input id="rl-token-input" type="password" autocomplete="current-password"></label> '
        f'<button type="submit">{escape(t("serve.token_ok", lang))}</button></form>'
        f'<label id="rl-drop"><span>{escape(t("serve.lead", lang))}</span>'
        '<input id="rl-files" type="file" multiple '
        'accept=".docx,.docm,.doc,.wps,.pdf,.ofd,.html,.htm,.mht,.txt,.rtf,.zip"></label>'
        '<p id="rl-status" role="status" aria-live="polite"></p>'
        f'<p id="rl-downloads" hidden>{escape(t("serve.downloads", lang))}{buttons}'
        f'<button type="button" id="rl-kit">{escape(t("serve.kit", lang))}</button></p>'
        '<div id="rl-report"></div>'
        f'<footer class="meta">reportlint {escape(__version__)} · {escape(t("serve.stores", lang))}</footer>'
        f'<script type="application/json" id="rl-config">{data}</script>'
        f"<script>{PAGE_JS}</script></body></html>"
    )
