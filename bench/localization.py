"""Measure error localization on the correct report fixtures: change every number of tables 3
and 4, one cell at a time (raised by one; a non-zero cell also emptied), check the changed report
and count what the findings say about that cell.

    python bench/localization.py                     # .docx, every correct .docx fixture
    python bench/localization.py --formats docx,html,pdf --fixtures filled_2021   # needs soffice

HTML and PDF copies are made from each changed .docx by LibreOffice (as the committed HTML and
PDF fixtures were). Counts per form:

- localized: a finding at exactly the changed cell whose expected value is the original;
- candidates: no value, but the changed cell is among the named candidates (several sets);
- reported: neither, but an error in the changed cell's table;
- missed: no error in that table;
- hints at correct cells: findings proposing a value (``expected`` a number) for a table cell
  other than the changed one, or for a sentence (the sentences were right: only a cell changed).

Run it with another checkout's ``linter`` on PYTHONPATH to compare.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH: another checkout's linter may be measured


def _celledit():  # type: ignore[no-untyped-def]
    """This checkout's tests/celledit.py, whichever ``tests`` package comes first on the path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("celledit", ROOT / "tests" / "celledit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


from linter.run.check import check_file  # noqa: E402
from linter.recognise.values import parse_value  # noqa: E402

cells, edit_cells = _celledit().cells, _celledit().edit_cells

CLEAN = [
    "filled_2021",
    "filled_2021_large",
    "autonum_headings",
    "content_controls",
    "tracked_changes",
    "split_table",
    "fullwidth",
    "nested_and_fields",
]
NUMBER = re.compile(r"^\d+$")


def mutations(path: Path) -> list[tuple[tuple[str, str, str], str, str, str, str, str]]:
    """(cell, new text, original value, table number, row label, column label) per change."""
    from linter.readers import read_document
    from linter.recognise.report import recognise
    from linter.ruleset.loader import builtin_ruleset

    report = recognise(read_document(path), builtin_ruleset(2021))
    out = []
    for ref, cell in cells(path).items():
        table = report.tables[ref[0]]
        value = parse_value(cell.text)
        if not value.is_count:
            continue
        n = int(value.as_number())
        row_label = table.spec.row(ref[1]).label or ""
        col_label = table.spec.column(ref[2]).label
        out.append((ref, str(n + 1), str(n), str(table.spec.number), row_label, col_label))
        if n:
            out.append((ref, "", str(n), str(table.spec.number), row_label, col_label))
    return out


def judge(path: Path, table: str, row: str, col: str, original: str) -> tuple[str, int]:
    result = check_file(path)
    if result.error is not None:
        return "unreadable", 0
    here = [
        f
        for f in result.findings
        if str(f.location.table) == table and (f.location.row_label or "") == row and f.location.column_label == col
    ]
    hints = sum(1 for f in result.findings if f.expected is not None and NUMBER.match(f.expected) and f not in here)
    if any(f.expected == original and f.severity == "error" for f in here):
        return "localized", hints
    if any(
        f.severity == "error"
        and f.expected is None
        and any(str(r.table) == table and (r.row_label or "") == row and r.column_label == col for r in f.related)
        for f in result.findings
    ):
        return "candidates", hints
    if any(f.severity == "error" and str(f.location.table) == table for f in result.findings):
        return "reported", hints
    return "missed", hints


def convert(files: list[Path], target: str, outdir: Path) -> None:
    for i in range(0, len(files), 40):
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{outdir}/profile",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, files[i : i + 40]),
            ],
            check=True,
            capture_output=True,
            timeout=1800,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formats", default="docx")
    parser.add_argument("--fixtures", default=",".join(CLEAN))
    args = parser.parse_args()
    formats = args.formats.split(",")
    counts: dict[str, Counter[str]] = {f: Counter() for f in formats}
    hints: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.fixtures.split(","):
            src = ROOT / "fixtures" / "docx" / f"{name}.docx"
            known = cells(src)
            cases = []
            for i, (ref, text, original, table, row, col) in enumerate(mutations(src)):
                changed = edit_cells(src, work / f"{name}-{i}.docx", {ref: text}, known)
                cases.append((changed, table, row, col, original))
            for form in formats:
                if form != "docx":
                    target = "html:HTML (StarWriter)" if form == "html" else "pdf:writer_pdf_Export"
                    convert([c[0] for c in cases], target, work)
                for changed, table, row, col, original in cases:
                    outcome, n = judge(changed.with_suffix("." + form), table, row, col, original)
                    counts[form][outcome] += 1
                    hints[form] += n
    for form in formats:
        c = counts[form]
        total = sum(c.values())
        print(
            f"{form}: {total} single-cell changes: localized {c['localized']}, candidates {c['candidates']}, "
            f"reported elsewhere {c['reported']}, missed {c['missed']}, unreadable {c['unreadable']}; "
            f"hints at correct cells or sentences: {hints[form]}"
        )


if __name__ == "__main__":
    main()
