"""Regenerate the README's screenshots of the HTML report (docs/html-report*.png) in headless
Chromium: ``python -m tests.make_screenshots``. The batch is the README's sample reports plus two
failing fixtures; the first picture shows the broken total of table 3 focused, with its message."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from linter.run.check import check_files
from linter.reporters import RunInfo
from linter.reporters.html.report import HtmlReporter
from tests.chromium import Browser, chromium_or_exit
from tests.test_html_report import BATCH, TABLES

ROOT = Path(__file__).resolve().parents[1]  # a script: before tests is importable
CELL = "c-2-28-27-9"  # examples/sample_2021_broken_table3.docx, table 3, row 27, cell 9


def main() -> int:
    program = chromium_or_exit()
    with tempfile.TemporaryDirectory() as tmp:
        # Relative paths, as a user would type them, so the pictures show no machine's folders.
        report = Path(tmp) / "report.html"
        files = [p.relative_to(ROOT) for p in BATCH] if Path.cwd() == ROOT else BATCH
        started = time.monotonic()
        results = check_files(files, TABLES)
        reporter = HtmlReporter(lang="zh")
        reporter.run_info = RunInfo(inputs=tuple(map(str, files)), elapsed=time.monotonic() - started)
        report.write_text(reporter.render(results), encoding="utf-8")
        with Browser(program, width=1280, height=900) as browser:
            browser.open(report)
            top = browser.js("document.querySelector('#summary').getBoundingClientRect().bottom + scrollY")
            browser.screenshot(
                ROOT / "docs/html-report-summary.png", clip={"x": 0, "y": 0, "width": 1280, "height": top + 16}
            )
            box = browser.js(f"""(function () {{ var td = document.getElementById('{CELL}'); td.focus();
                var fig = td.closest('figure').getBoundingClientRect(), tip = td.querySelector('.tip').getBoundingClientRect();
                return [fig.top + scrollY, Math.max(fig.bottom, tip.bottom) + scrollY]; }})()""")
            browser.screenshot(
                ROOT / "docs/html-report.png",
                clip={"x": 0, "y": box[0] - 12, "width": 1280, "height": box[1] - box[0] + 24},
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
