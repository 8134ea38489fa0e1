"""The cost of the other forms of a report against the form they were made from: each .doc of
fixtures/doc_export against its .docx, each OFD of fixtures/ofd (and its shapes' subfolders)
against its PDF.

    python bench/formats.py [--repeat 5] [--each] [--json FILE]

Per pair, in this process, the least CPU time (``time.process_time``: what other work on a shared
machine takes is not counted) of ``--repeat`` runs of reading the file (``read_document``) and of
checking it (``check_file``: reading, recognition, every rule), the two files' runs interleaved;
printed are the medians of the per-pair times and of their ratios (.doc / .docx, OFD / PDF) and
the worst ratio, and each OFD's ratios (each .doc's too with ``--each``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from functools import partial
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linter.readers import read_document  # noqa: E402
from linter.run.check import check_file  # noqa: E402

FIXTURES = ROOT / "fixtures"


def doc_pairs() -> list[tuple[Path, Path]]:
    sources = {"shapes": FIXTURES / "pdf_export" / "shapes", "wps": FIXTURES / "docx", "hidden_text": FIXTURES / "docx"}
    export = FIXTURES / "doc_export"
    pairs = []
    for doc in sorted(export.rglob("*.doc")):
        beside = doc.with_suffix(".docx")  # a .doc written by a test builder keeps its .docx beside it
        folder, *rel = doc.relative_to(export).parent.parts
        source = sources.get(folder, FIXTURES / folder).joinpath(*rel) / f"{doc.stem}.docx"
        pairs.append((doc, beside if beside.exists() else source))
    return pairs


def ofd_pairs() -> list[tuple[Path, Path]]:
    pdfs = {
        p.stem: p
        for p in [
            *(FIXTURES / "pdf_export" / "corpus_docx").glob("*.pdf"),
            *(FIXTURES / "pdf_export" / "shapes").glob("*.pdf"),
            FIXTURES / "scans" / "scanned_table3_2021.pdf",
        ]
    }
    return [(ofd, pdfs[ofd.stem]) for ofd in sorted((FIXTURES / "ofd").rglob("*.ofd"))]


def cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def least(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Each function's least CPU time over ``repeat`` rounds, the functions run in turn."""
    times = [[cpu(fn) for fn in fns] for _ in range(repeat)]
    return [min(column) for column in zip(*times)]


def measure(pairs: list[tuple[Path, Path]], repeat: int, each: bool) -> dict[str, object]:
    rows: list[tuple[str, float, float, float, float]] = []
    for a, b in pairs:
        read_document(a), read_document(b), check_file(a), check_file(b)  # warm: imports, rule sets
        read_a, read_b = least([partial(read_document, a), partial(read_document, b)], repeat)
        check_a, check_b = least([partial(check_file, a), partial(check_file, b)], repeat)
        name = str(a.relative_to(FIXTURES).with_suffix(""))
        rows.append((name, read_a, read_b, check_a, check_b))
        if each:
            print(f"  {name}: read {read_a / read_b:.2f}, check {check_a / check_b:.2f} of its source's", flush=True)

    def ms(i: int) -> float:
        return round(statistics.median(float(row[i]) for row in rows) * 1000, 2)

    read_ratios = [row[1] / row[2] for row in rows]
    check_ratios = [row[3] / row[4] for row in rows]
    return {
        "pairs": len(pairs),
        "read_ms": ms(1),
        "read_source_ms": ms(2),
        "read_ratio": round(statistics.median(read_ratios), 2),
        "read_ratio_worst": round(max(read_ratios), 2),
        "check_ms": ms(3),
        "check_source_ms": ms(4),
        "check_ratio": round(statistics.median(check_ratios), 2),
        "check_ratio_worst": round(max(check_ratios), 2),
        "each": {
            row[0]: {"read_ratio": round(r, 3), "check_ratio": round(c, 3)}
            for row, r, c in zip(rows, read_ratios, check_ratios)
        },
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--each", action="store_true", help="print each .doc's ratios too")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results = {
        "doc_vs_docx": measure(doc_pairs(), args.repeat, args.each),
        "ofd_vs_pdf": measure(ofd_pairs(), args.repeat, True),
    }
    for name, r in results.items():
        print(
            f"{name}: {r['pairs']} pairs; read {r['read_ms']} ms vs {r['read_source_ms']} ms "
            f"(ratio median {r['read_ratio']}, worst {r['read_ratio_worst']}); check {r['check_ms']} ms vs "
            f"{r['check_source_ms']} ms (ratio median {r['check_ratio']}, worst {r['check_ratio_worst']})"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
