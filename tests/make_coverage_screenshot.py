"""Regenerate docs/coverage.png, 报送情况 in the HTML report of the office inbox fixture, in
headless Chromium: ``python -m tests.make_coverage_screenshot``."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.chromium import Browser, chromium_or_exit
from tests.conftest import cli

ROOT = Path(__file__).resolve().parents[1]  # a script: before tests is importable


def main() -> int:
    program = chromium_or_exit()
    office = Path("fixtures/inbox/office")  # relative, as a user types it: no machine's folders shown
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        cli(
            "check",
            "--roster",
            str(office / "roster.yaml"),
            "--format",
            "html",
            "-o",
            str(report),
            str(office / "2024"),
        )
        with Browser(program, width=1280, height=900) as browser:
            browser.open(report)
            box = browser.js(
                "(function () { var r = document.getElementById('coverage').getBoundingClientRect();"
                " return [r.top + scrollY, r.bottom + scrollY]; })()"
            )
            browser.screenshot(
                ROOT / "docs/coverage.png",
                clip={"x": 0, "y": box[0] - 8, "width": 1280, "height": box[1] - box[0] + 16},
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
