"""The HTML report in headless Chromium: the rendered DOM highlights exactly the cells the findings
name, shows the message on hover and on keyboard focus, outlines related cells, sorts the index,
loads nothing from the network, and a screenshot is taken. Skipped when Chromium is not installed,
unless REPORTLINT_REQUIRE_E2E is set (.ci/run installs it and sets it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.run.check import check_files
from linter.reporters.html.report import HtmlReporter
from linter.ruleset.titles import rule_title
from tests.chromium import Browser, find_chromium
from tests.test_html_report import BATCH, TABLES, expected_cells

CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):
    if CHROMIUM is None:
        if os.environ.get("REPORTLINT_REQUIRE_E2E"):
            pytest.fail("Chromium is required (REPORTLINT_REQUIRE_E2E is set) but not installed")
        pytest.skip("Chromium is not installed")
    work = tmp_path_factory.mktemp("html")
    empty = work / "empty.docx"
    empty.write_bytes(b"")
    results = check_files([*BATCH, empty], TABLES)
    report = work / "report.html"
    report.write_text(HtmlReporter(lang="zh").render(results), encoding="utf-8")
    with Browser(CHROMIUM, width=1280, height=900) as browser:
        browser.send("Network.enable")
        browser.open(report)
        yield browser, results, report


def test_highlighted_cells_are_the_ones_the_findings_name(page) -> None:
    browser, results, _ = page
    bad, related = expected_cells(results)
    shown = browser.js("""Array.from(document.querySelectorAll('td.bad')).map(function (td) {
        var s = getComputedStyle(td);
        return [td.id, s.outlineStyle, s.outlineWidth, s.backgroundColor, td.getAttribute('data-rules'),
                td.getAttribute('tabindex'), td.textContent];
    })""")
    assert {row[0] for row in shown} == bad and bad
    for cid, style, width, background, rules, tabindex, text in shown:
        assert style == "solid" and width == "3px" and background != "rgba(0, 0, 0, 0)", cid
        assert tabindex == "0"
        n, block, row, col = (int(x) for x in cid.split("-")[1:])
        r = results[n - 1]
        on_cell = [
            f for f in r.findings if (f.location.block, f.location.row, f.location.col or 1) == (block, row, col)
        ]
        assert rules.split() == [f.rule for f in on_cell]
        for f in on_cell:
            assert f.message in text
            if f.expected is not None and f.actual is not None:
                assert f"应为 {f.expected}" in text
    outlined = browser.js(
        "Array.from(document.querySelectorAll('td.rel')).map(function (td) {"
        " return [td.id, getComputedStyle(td).outlineStyle]; })"
    )
    assert {cid for cid, _ in outlined} == related
    assert all(style in ("dashed", "solid") for _, style in outlined)
    # The broken total of the sample report: 3051 where 3050 is expected.
    total = browser.js("document.getElementById('c-2-28-27-9').textContent")
    assert total.startswith("3051") and "应为 3050" in total


def test_message_on_keyboard_focus_and_on_hover(page) -> None:
    browser, _results, _ = page
    browser.js("document.activeElement.blur(); window.scrollTo(0, 0); document.body.focus()")
    for _ in range(300):  # Tab through links and buttons until the first highlighted cell
        browser.press("Tab", "Tab", 9)
        if browser.js("document.activeElement.classList.contains('bad')"):
            break
    focused = browser.js("""(function () { var td = document.activeElement, tip = document.getElementById(
        td.getAttribute('aria-describedby'));
        return [td.id, getComputedStyle(tip).display, tip.textContent, tip.getAttribute('role'),
                (td.getAttribute('data-related') || '').split(' ').filter(Boolean).length,
                document.querySelectorAll('td.rel-on').length]; })()""")
    first = browser.js("document.querySelector('td.bad').id")
    cid, display, text, role, n_related, n_on = focused
    assert cid == first and display == "block" and role == "tooltip" and text
    assert n_on == n_related  # the relation's other cells are outlined while the cell has focus
    browser.press("Escape", "Escape", 27)
    assert browser.js("getComputedStyle(document.activeElement.querySelector('.tip')).display") == "none"
    browser.press("Tab", "Tab", 9)
    browser.js("document.activeElement.blur()")
    assert browser.js("document.querySelectorAll('td.rel-on').length") == 0
    # Hover: move the mouse onto the broken total of the sample report.
    x, y = browser.js("""(function () { var td = document.getElementById('c-2-28-27-9');
        td.scrollIntoView({block: 'center'}); var r = td.getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2]; })()""")
    browser.hover(x, y)
    assert browser.js("getComputedStyle(document.querySelector('#c-2-28-27-9 .tip')).display") == "block"
    browser.hover(1, 1)
    assert browser.js("getComputedStyle(document.querySelector('#c-2-28-27-9 .tip')).display") == "none"


def test_index_sorts_by_error_count(page) -> None:
    browser, results, _ = page
    errors = [sum(1 for f in r.findings if f.severity == "error") for r in results]
    order = browser.js("""(function () { var th = Array.from(document.querySelectorAll('#index th'))
          .filter(function (h) { return h.textContent.trim() === '错误'; })[0];
        th.querySelector('button').click();
        return [th.getAttribute('aria-sort'), Array.from(document.querySelectorAll('#index tbody tr'))
          .map(function (tr) { return Number(tr.getAttribute('data-file')); })]; })()""")
    assert order[0] == "descending"
    assert [errors[i - 1] for i in order[1]] == sorted(errors, reverse=True)
    assert len(order[1]) == len(results)


def _visible(browser) -> tuple[list[int], list[int], str]:
    """Files shown (sections and index rows, by number) and the count line."""
    return browser.js("""(function () {
        var files = Array.from(document.querySelectorAll('section.file')).filter(function (s) { return !s.hidden; })
            .map(function (s) { return Number(s.id.split('-')[1]); });
        var rows = Array.from(document.querySelectorAll('#index tbody tr')).filter(function (r) { return !r.hidden; })
            .map(function (r) { return Number(r.getAttribute('data-file')); }).sort(function (a, b) { return a - b; });
        return [files, rows, document.getElementById('shown').textContent]; })()""")


def _set(browser, element: str, value: str) -> None:
    browser.js(f"""(function () {{ var el = document.getElementById('{element}'); el.value = {value!r};
        el.dispatchEvent(new Event('input')); }})()""")


def test_search_and_filters_by_status_severity_and_rule(page) -> None:
    browser, results, _ = page
    every = list(range(1, len(results) + 1))
    assert _visible(browser) == [every, every, f"显示 {len(results)} / {len(results)} 个文件"]
    # Status: the empty file is the one unreadable file; the sample and the two failing fixtures fail.
    _set(browser, "f-status", "unreadable")
    assert _visible(browser) == [[5], [5], f"显示 1 / {len(results)} 个文件"]
    _set(browser, "f-status", "failed")
    failed = [n for n, r in enumerate(results, 1) if r.error is None and any(f.severity == "error" for f in r.findings)]
    assert failed == [2, 3, 4] and _visible(browser)[:2] == [failed, failed]
    # Severity: files with warnings; inside them only warnings stay visible.
    _set(browser, "f-status", "")
    _set(browser, "f-sev", "warning")
    warned = [n for n, r in enumerate(results, 1) if any(f.severity == "warning" for f in r.findings)]
    assert warned and _visible(browser)[:2] == [warned, warned]
    shown_sev = browser.js("""Array.from(document.querySelectorAll('li.finding')).filter(function (li) {
        return !li.hidden && !li.closest('section.file').hidden; }).map(function (li) {
        return li.classList.contains('warning'); })""")
    assert shown_sev and all(shown_sev)
    # Rule: the breakdown's button picks RL-T3-008 (the sample report's wrong cell).
    _set(browser, "f-sev", "")
    browser.js("document.querySelector('#by-rule button[data-rule=\"RL-T3-008\"]').click()")
    with_rule = [n for n, r in enumerate(results, 1) if any(f.rule == "RL-T3-008" for f in r.findings)]
    assert browser.js("document.getElementById('f-rule').value") == "RL-T3-008"
    assert with_rule == [2] and _visible(browser)[:2] == [with_rule, with_rule]
    rules = browser.js("""Array.from(document.querySelectorAll('#file-2 li.finding')).filter(function (li) {
        return !li.hidden; }).map(function (li) { return li.getAttribute('data-rule'); })""")
    assert rules == ["RL-T3-008"] * sum(1 for f in results[1].findings if f.rule == "RL-T3-008")
    # Search: by file name, then by a message's words; reset shows everything again.
    _set(browser, "f-rule", "")
    _set(browser, "q", "fail_blank")
    assert _visible(browser)[:2] == [[3], [3]]
    _set(browser, "q", "没有这个词")
    assert _visible(browser) == [[], [], f"显示 0 / {len(results)} 个文件"]
    browser.js("document.getElementById('f-reset').click()")
    browser.js("new Promise(function (done) { setTimeout(done, 50); })")
    assert _visible(browser) == [every, every, f"显示 {len(results)} / {len(results)} 个文件"]


def test_breakdown_by_rule_counts_the_findings(page) -> None:
    browser, results, _ = page
    table = browser.js("""Array.from(document.querySelectorAll('#by-rule tbody tr')).map(function (tr) {
        return Array.from(tr.cells).map(function (td) { return td.textContent; }); })""")
    expected = {}
    for r in results:
        for f in r.findings:
            row = expected.setdefault(f.rule, {"error": 0, "warning": 0, "info": 0, "files": set()})
            row[f.severity] += 1
            row["files"].add(r.path)
    assert table == [
        [f"{rule} {rule_title(rule, 'zh')}", str(c["error"]), str(c["warning"]), str(c["info"]), str(len(c["files"]))]
        for rule, c in sorted(expected.items())
    ]  # each id with its title


def test_nothing_is_loaded_and_fonts_are_the_systems(page) -> None:
    browser, _, report = page
    requests = [
        e["params"]["request"]["url"] for e in browser._events if e.get("method") == "Network.requestWillBeSent"
    ]
    assert requests and all(url.startswith(report.resolve().as_uri()) for url in requests), requests
    assert browser.js("document.fonts.size") == 0  # no web fonts
    assert "Noto Sans CJK SC" in browser.js("getComputedStyle(document.body).fontFamily")


def test_screenshot(page, tmp_path: Path) -> None:
    browser, _, _ = page
    out = tmp_path / "report.png"
    browser.screenshot(out)
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
