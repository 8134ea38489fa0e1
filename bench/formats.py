"""The cost of the other forms of a report against the form they were made from: each .doc of
fixtures/doc_export against its .docx, each OFD of fixtures/ofd against its PDF.

    python bench/formats.py [--repeat 5] [--json FILE]

Per pair, in this process, the best of ``--repeat`` runs of reading the file (``read_document``)
and of checking it (``check_file``: reading, recognition, every rule); printed are the medians of
the per-pair times and of their ratios (.doc / .docx, OFD / PDF).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
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
        folder, *rel = doc.relative_to(export).parent.parts
        pairs.append((doc, sources.get(folder, FIXTURES / folder).joinpath(*rel) / f"{doc.stem}.docx"))
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
    return [(ofd, pdfs[ofd.stem]) for ofd in sorted((FIXTURES / "ofd").glob("*.ofd"))]


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(pairs: list[tuple[Path, Path]], repeat: int) -> dict[str, float]:
    read_a, read_b, check_a, check_b = [], [], [], []
    for a, b in pairs:
        read_document(a), read_document(b), check_file(a), check_file(b)  # warm: imports, rule sets
        read_a.append(best(lambda a=a: read_document(a), repeat))
        read_b.append(best(lambda b=b: read_document(b), repeat))
        check_a.append(best(lambda a=a: check_file(a), repeat))
        check_b.append(best(lambda b=b: check_file(b), repeat))
    ms = lambda xs: round(statistics.median(xs) * 1000, 2)  # noqa: E731
    return {
        "pairs": len(pairs),
        "read_ms": ms(read_a),
        "read_source_ms": ms(read_b),
        "read_ratio": round(statistics.median(x / y for x, y in zip(read_a, read_b)), 2),
        "check_ms": ms(check_a),
        "check_source_ms": ms(check_b),
        "check_ratio": round(statistics.median(x / y for x, y in zip(check_a, check_b)), 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results = {"doc_vs_docx": measure(doc_pairs(), args.repeat), "ofd_vs_pdf": measure(ofd_pairs(), args.repeat)}
    for name, r in results.items():
        print(
            f"{name}: {r['pairs']} pairs; read {r['read_ms']} ms vs {r['read_source_ms']} ms "
            f"(median ratio {r['read_ratio']}); check {r['check_ms']} ms vs {r['check_source_ms']} ms "
            f"(median ratio {r['check_ratio']})"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
