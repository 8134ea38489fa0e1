"""The page of ``reportlint serve`` in headless Chromium over the DevTools protocol: files set on
the file input (DOM.setFileInputFiles) are checked, the findings and the marked cells appear as
in the HTML report, the annotated .docx and the JSON download, the page loads nothing but from
its server and breaks no rule of its Content-Security-Policy; in English too, and with a token.
Skipped when Chromium is not installed, unless REPORTLINT_REQUIRE_E2E is set."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.chromium import Browser, CdpError, find_chromium
from tests.serveproc import ROOT, ServerProcess

CHROMIUM = find_chromium()
FILES = [
    ROOT / "examples/pingtan_2021_correct.docx",
    ROOT / "examples/sample_2021_broken_table3.docx",
    ROOT / "fixtures/text/fail_t3_total_cell.txt",
]
WATCH = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) {"
    " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"
)


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("REPORTLINT_REQUIRE_E2E"):
            pytest.fail("Chromium is required (REPORTLINT_REQUIRE_E2E is set) but not installed")
        pytest.skip("Chromium is not installed")
    return CHROMIUM


def wait_for(browser: Browser, expression: str, timeout: float = 90) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:  # (the page may be between two documents)
            value = browser.js(f"(function () {{ try {{ return {expression}; }} catch (e) {{ return false; }} }})()")
        except CdpError:
            value = False
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}: {browser.js('document.body.innerText')[:2000]}")
        time.sleep(0.1)


def open_page(browser: Browser, url: str, downloads: Path) -> None:
    browser.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads), eventsEnabled=True)
    browser.send("Network.enable")
    browser.send("Page.addScriptToEvaluateOnNewDocument", source=WATCH)
    browser._events.clear()
    browser.send("Page.navigate", url=url)
    browser.wait_event("Page.loadEventFired")


def choose(browser: Browser, files: list[Path]) -> None:
    root = browser.send("DOM.getDocument")["root"]["nodeId"]
    node = browser.send("DOM.querySelector", nodeId=root, selector="#rl-files")["nodeId"]
    browser.send("DOM.setFileInputFiles", nodeId=node, files=[str(p) for p in files])


def downloaded(browser: Browser, folder: Path, name: str) -> Path:
    while True:
        event = browser.wait_event("Browser.downloadProgress")
        if event["params"]["state"] == "completed":
            break
        assert event["params"]["state"] != "canceled"
    path = folder / name
    assert path.is_file(), sorted(p.name for p in folder.iterdir())
    return path


def requested(browser: Browser) -> list[str]:
    return [e["params"]["request"]["url"] for e in browser._events if e.get("method") == "Network.requestWillBeSent"]


def test_the_page_checks_files_and_downloads_results(chromium: str, tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with ServerProcess(tmp_path / "srv") as srv, Browser(chromium, width=1280, height=900) as browser:
        with srv.client() as client:
            expected = client.post("/api/check", files=[("files", (p.name, p.read_bytes())) for p in FILES]).json()
        open_page(browser, srv.base + "/", downloads)
        assert browser.js("document.documentElement.lang") == "zh-CN"
        choose(browser, FILES)
        wait_for(browser, f"document.querySelectorAll('#rl-report section.file').length === {len(FILES)}")
        assert browser.js("document.getElementById('rl-status').textContent") == f"检查完成：{len(FILES)} 个文件"
        shown = browser.js("""Array.from(document.querySelectorAll('#rl-report section.file')).map(function (s) {
            return [s.getAttribute('data-path'), Array.from(s.querySelectorAll('li.finding')).map(function (li) {
                return li.getAttribute('data-rule'); })]; })""")
        assert shown == [[f["path"], [x["rule"] for x in f["findings"]]] for f in expected["files"]]
        assert browser.js("document.querySelector('dd[data-count=\"errors\"]').textContent") == str(
            expected["summary"]["errors"]
        )
        # The broken total of table 3: 3051 where the components add up to 3050, marked as in the report.
        cell = browser.js("""(function () { var td = document.getElementById('c-2-28-27-9'), s = getComputedStyle(td);
            return [td.className, td.getAttribute('data-rules'), td.textContent, s.outlineStyle, s.outlineWidth]; })()""")
        assert cell[0] == "bad error" and "RL-T3-008" in cell[1].split()
        assert cell[2].startswith("3051") and "应为 3050" in cell[2] and cell[3:] == ["solid", "3px"]
        # The report's own script runs in the page: sorting the index by errors.
        browser.js("document.querySelector('#index th:nth-child(4) button').click()")
        assert browser.js("document.querySelector('#index th:nth-child(4)').getAttribute('aria-sort')") == "descending"
        # Only .docx files offer the annotated copy.
        assert browser.js(
            "Array.from(document.querySelectorAll('.rl-annotate')).map(function (b) {"
            " return b.getAttribute('data-path'); })"
        ) == [FILES[0].name, FILES[1].name]

        browser.js("document.querySelector('#file-2 .rl-annotate').click()")
        annotated = downloaded(browser, downloads, "sample_2021_broken_table3.annotated.docx")
        document = docx.Document(str(annotated))
        assert len(document.tables) == len(docx.Document(str(FILES[1])).tables)
        with zipfile.ZipFile(annotated) as z:
            comments = z.read("word/comments.xml").decode("utf-8")
        total = next(f for f in expected["files"][1]["findings"] if f["rule"] == "RL-T3-008")
        assert total["message"] in comments and comments.count("<w:comment ") == len(expected["files"][1]["findings"])

        browser.js("document.querySelector('#rl-downloads button[data-format=\"json\"]').click()")
        result = downloaded(browser, downloads, "reportlint.json")
        assert json.loads(result.read_text(encoding="utf-8")) == expected
        assert browser.js("window.__csp") == []
        urls = requested(browser)
        assert urls and all(u.startswith((srv.base + "/", "blob:")) for u in urls), urls
        assert srv.leftovers() == []


def test_the_page_in_english(chromium: str, tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "srv") as srv, Browser(chromium) as browser:
        with srv.client() as client:
            expected = client.post(
                "/api/check?lang=en", files=[("files", (FILES[1].name, FILES[1].read_bytes()))]
            ).json()
        open_page(browser, srv.base + "/", tmp_path)
        browser.js("document.querySelector('a[hreflang=\"en\"]').click()")
        wait_for(browser, "document.documentElement.lang === 'en' && !!document.getElementById('rl-files')")
        choose(browser, [FILES[1]])
        wait_for(browser, "document.querySelectorAll('#rl-report li.finding').length > 0")
        messages = browser.js(
            "Array.from(document.querySelectorAll('#rl-report li.finding')).map(function (li) {"
            " return li.textContent; })"
        )
        for text, finding in zip(messages, expected["files"][0]["findings"]):
            assert finding["message"] in text
        assert browser.js("document.getElementById('rl-status').textContent") == "Checked: 1 file(s)"
        assert browser.js("window.__csp") == []


def test_the_page_asks_for_the_token_once(chromium: str, tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "srv", "--token", "office-token") as srv, Browser(chromium) as browser:
        open_page(browser, srv.base + "/", tmp_path)
        assert browser.js("document.getElementById('rl-token').hidden") is True
        choose(browser, [FILES[1]])
        wait_for(browser, "!document.getElementById('rl-token').hidden")
        assert "令牌" in browser.js("document.getElementById('rl-status').textContent")
        browser.js(
            "document.getElementById('rl-token-input').value = 'office-token';"
            "document.getElementById('rl-token').requestSubmit()"
        )
        wait_for(browser, "document.querySelectorAll('#rl-report section.file').length === 1")
        assert browser.js("localStorage.getItem('reportlint-token')") == "office-token"
        # Once: a reload checks again without asking.
        browser._events.clear()
        browser.send("Page.reload")
        browser.wait_event("Page.loadEventFired")
        choose(browser, [FILES[0]])
        wait_for(
            browser,
            "document.querySelectorAll('#rl-report section.file').length === 1"
            f" && document.querySelector('#rl-report section.file').getAttribute('data-path') === '{FILES[0].name}'",
        )
        assert browser.js("document.getElementById('rl-token').hidden") is True
