"""The HTML report's cost against the text run on the same batch (a mixed folder of reports).

    python bench/html_report.py                 # 216 files, 2 jobs, 3 runs of each format
    python bench/html_report.py --count 150 --jobs 2 --repeat 5

Prints the wall time of ``check --format text`` and ``check --format html`` (median of the runs),
their ratio and the size of the page. The folder mixes every fixture format, long reports, a file
that is not a report and an unreadable one, as an office's inbox does.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, _reportlint, generate  # noqa: E402


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=216)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportlint-html-") as tmp:
        folder = Path(tmp) / "inbox"
        generate(args.count - 2, folder)
        shutil.copyfile(ROOT / "fixtures" / "inbox" / "meeting_minutes.txt", folder / "minutes.txt")
        shutil.copyfile(ROOT / "fixtures" / "bad" / "legacy_word97.doc", folder / "legacy.doc")
        page = Path(tmp) / "report.html"
        base = [*_reportlint(), "check", "--jobs", str(args.jobs), "--no-progress", str(folder)]
        text, html = [], []
        for _ in range(args.repeat):  # interleaved, so that a busy machine weighs on both alike
            text.append(_time([*base, "--format", "text", "-o", str(Path(tmp) / "report.txt")]))
            html.append(_time([*base, "--format", "html", "-o", str(page)]))
        t, h = statistics.median(text), statistics.median(html)
        print(f"files: {args.count}, jobs: {args.jobs}, runs: {args.repeat}")
        print(f"text: {t:.2f} s (runs {', '.join(f'{x:.2f}' for x in text)})")
        print(f"html: {h:.2f} s (runs {', '.join(f'{x:.2f}' for x in html)})")
        print(f"ratio html/text: {h / t:.2f}")
        print(f"page: {page.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
