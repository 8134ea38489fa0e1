"""Check cost against the parse floor in CPU instructions, not seconds: a figure that does not
move with the machine's load (the wall-clock ratio of bench.py moved between 2.8x and 4.2x on
a shared 2-core machine from one run to the next).

    python bench/instructions.py                      # three bundled .docx, one made 20x longer
    python bench/instructions.py a.docx b.docx        # your own files
    python bench/instructions.py --batch DIR          # every 10th .docx of DIR, in one process

Needs valgrind (callgrind counts instructions). Each file is measured as (process checking it
1 + N times) - (process checking it once), so interpreter start-up, imports and first-use
caches cancel out; the floor (zip + lxml parse of document.xml, as in bench.py) likewise.
Prints millions of instructions per check and per floor, and their ratio. ``--batch DIR`` checks
every ``--every``-th .docx of DIR (by name) one after the other in one process, as a batch does,
after a warm-up check of the first, minus a process doing only that warm-up; the floor likewise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 2

# The measured child: the check (or the floor) once to warm up, then REPEAT more times.
_CHILD = """
import sys, zipfile
sys.path.insert(0, {root!r})
from pathlib import Path
from lxml import etree
from linter.run.check import check_file
path, kind, times = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
def floor(p):
    with zipfile.ZipFile(p) as zf:
        etree.fromstring(zf.read("word/document.xml"), etree.XMLParser(resolve_entities=False, no_network=True))
run = floor if kind == "floor" else check_file
if path.is_dir():  # a batch: a warm-up check of its first file, then its first ``times`` files once each
    files = sorted(f for f in path.iterdir() if f.suffix == ".docx")[:: {every}]
    check_file(files[0])
    for f in files[:times]:
        run(f)
else:
    for _ in range(1 + times):
        run(path)
"""


def _instructions(path: Path, kind: str, times: int, every: int = 1) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict layouts in every run
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            _CHILD.format(root=str(ROOT), every=every),
            str(path),
            kind,
            str(times),
        ],
        capture_output=True,
        text=True,
        env=env,
    ).stderr
    m = re.search(r"Collected : (\d+)", out)
    if not m:
        raise SystemExit(f"callgrind failed on {path}:\n{out[-2000:]}")
    return int(m.group(1))


def per_run(path: Path, kind: str) -> float:
    """Millions of instructions of one check (or floor) of ``path``."""
    return (_instructions(path, kind, REPEAT) - _instructions(path, kind, 0)) / REPEAT / 1e6


def batch(folder: Path, every: int) -> tuple[float, float, int]:
    """Millions of instructions of checking, and of merely parsing, every ``every``-th .docx of
    ``folder`` in one process; and how many files that is."""
    count = len(sorted(f for f in folder.iterdir() if f.suffix == ".docx")[::every])
    _instructions(folder, "floor", 0, every)  # a first run writes the rule sets' cache; not measured
    warm = _instructions(folder, "floor", 0, every)
    check = (_instructions(folder, "check", count, every) - warm) / 1e6
    floor = (_instructions(folder, "floor", count, every) - warm) / 1e6
    return check, floor, count


def _default_files(tmp: Path) -> list[Path]:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench import _inflate_docx  # the long narrative of the generated corpus

    long = tmp / "filled_2021_x20.docx"
    _inflate_docx(ROOT / "fixtures/docx/filled_2021.docx", long, 20)
    return [ROOT / "fixtures/docx/filled_2021.docx", ROOT / "fixtures/corpus_docx/2021_pingtan_zhqsyq.docx", long]


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--batch", type=Path, metavar="DIR", help="a folder of .docx checked in one process")
    ap.add_argument("--every", type=int, default=10, metavar="N", help="with --batch: every N-th file (default 10)")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    if args.batch is not None:
        check, floor, count = batch(args.batch, max(1, args.every))
        print(f"{count} .docx of {args.batch}: check {check:.0f}M, floor {floor:.0f}M, {check / floor:.2f}x")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        files = args.files or _default_files(Path(tmp))
        print(f"{'file':<40} {'check Minstr':>13} {'floor Minstr':>13} {'check/floor':>12}")
        for f in files:
            check, floor = per_run(f, "check"), per_run(f, "floor")
            print(f"{f.name[:40]:<40} {check:>13.1f} {floor:>13.1f} {check / floor:>11.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
