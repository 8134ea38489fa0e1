"""The HTML report's cost against the text run on the same batch (a mixed folder of reports).

    python bench/html_report.py                 # 216 files, 2 jobs, 3 runs of each format
    python bench/html_report.py --count 150 --jobs 2 --repeat 5

Prints the wall time of ``check --format text`` and ``check --format html`` (median and best run),
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
from bench import ROOT, _reportlint, generate


def _time(cmd: list[str]) -> tuple[float, float]:
    """Wall time, and the CPU time of the reportlint process itself (its checking children are
    forked by multiprocessing's server and not counted): what writing the report costs there."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        runs: dict[str, list[tuple[float, float]]] = {"text": [], "html": []}
        for _ in range(args.repeat):  # interleaved, so that a busy machine weighs on both alike
            runs["text"].append(_time([*base, "--format", "text", "-o", str(Path(tmp) / "report.txt")]))
            runs["html"].append(_time([*base, "--format", "html", "-o", str(page)]))
        print(f"files: {args.count}, jobs: {args.jobs}, runs: {args.repeat}")
        for kind, index in (("wall", 0), ("parent cpu", 1)):
            t = [r[index] for r in runs["text"]]
            h = [r[index] for r in runs["html"]]
            print(
                f"{kind}: text median {statistics.median(t):.2f} s best {min(t):.2f} s; "
                f"html median {statistics.median(h):.2f} s best {min(h):.2f} s; "
                f"html/text median {statistics.median(h) / statistics.median(t):.2f} best {min(h) / min(t):.2f}"
            )
        print(f"page: {page.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
