"""The roll-up workbook: tables 2–4 summed, each laid out as the national format draws it (its
rows down, its columns across, under their labels), and a sheet saying what was summed, which
children are missing and where the parent's own tables 3 and 4 differ from the sum."""

from __future__ import annotations

import io
from typing import Any

from linter.office.rollup import Rollup
from linter.i18n import join, t
from linter.reporters.export.data import header
from linter.reporters.export.write import _fixed_zip
from linter.ruleset.facts import format_facts
from linter.ruleset.loader import builtin_editions, builtin_ruleset


def to_xlsx(data: Rollup, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    w = lambda key, **p: t("office.rollup." + key, lang, **p)  # noqa: E731
    book = Workbook()
    for blank in list(book.worksheets):  # the default sheet
        book.remove(blank)
    ruleset = builtin_ruleset(data.edition or builtin_editions()[0])
    bold = Font(bold=True)
    for spec in sorted(ruleset.tables.values(), key=lambda s: s.number):
        if spec.number not in format_facts().shown_tables:
            continue
        sheet = book.create_sheet(f"表{spec.number}")
        sheet.append([spec.title])
        sheet.append([w("row"), *(" ".join(c.path) for c in spec.columns)])
        for cell in sheet[2]:
            cell.font = bold
        for row in spec.rows:
            values = [data.sums.get((spec.number, row.key, c.key)) for c in spec.columns]
            if all(v is None for v in values):
                continue
            label = " ".join(p for p in (row.group if spec.number == 3 and row.group else "", row.label) if p)
            sheet.append([label or spec.title, *(_plain(v) for v in values)])
        sheet.freeze_panes = "B3"
        sheet.column_dimensions["A"].width = 48
        for i in range(2, len(spec.columns) + 2):
            sheet.column_dimensions[get_column_letter(i)].width = 14
    notes = book.create_sheet(w("notes"))
    notes.column_dimensions["A"].width = 48
    notes.column_dimensions["B"].width = 60
    notes.append([w("parent"), data.parent or w("all")])
    notes.append([w("year"), data.year])
    notes.append([w("summed", n=len(data.summed)), "\n".join(data.summed)])
    notes.append([w("missing", n=len(data.missing)), join(data.missing, lang)])
    notes.append([w("skipped", n=len(data.skipped)), "\n".join(f"{p} ({why})" for p, why in data.skipped)])
    notes.append([w("own"), data.own or ""])
    notes.append([])
    notes.append([w("cell"), w("own_value"), w("sum"), w("difference")])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for key, own, total in data.differences:
        label = header(ruleset, key) or str(key)
        notes.append([label, own, _plain(total), (own - total) if isinstance(own, (int, float)) else None])
    book.properties.created = book.properties.modified = __import__("datetime").datetime(2000, 1, 1)
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _plain(v: Any) -> Any:
    if isinstance(v, float) and v == int(v):
        return int(v)
    return round(v, 6) if isinstance(v, float) else v
