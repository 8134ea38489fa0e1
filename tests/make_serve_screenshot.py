"""Regenerate the README's picture of ``reportlint serve`` (docs/serve.png) in headless Chromium:
``python -m tests.make_serve_screenshot``. Two sample reports are dropped on the page; the picture
shows the drop zone, the summary, the index and the downloads."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.chromium import Browser, chromium_or_exit
from tests.serveproc import ROOT, ServerProcess
from tests.test_serve_browser import choose, open_page, wait_for

FILES = [
    ROOT / "examples/pingtan_2021_correct.docx",
    ROOT / "examples/sample_2021_broken_table3.docx",
    ROOT / "fixtures/docx/fail_blank_cells.docx",
]


def main() -> int:
    program = chromium_or_exit()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with ServerProcess(work / "srv") as srv, Browser(program, width=1280, height=1000) as browser:
            open_page(browser, srv.base + "/", work)
            choose(browser, FILES)
            wait_for(browser, f"document.querySelectorAll('#rl-report section.file').length === {len(FILES)}")
            time.sleep(0.3)
            out = ROOT / "docs" / "serve.png"
            browser.screenshot(out, clip={"x": 0, "y": 0, "width": 1280, "height": 1000})
            print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
