"""What the findings say together, once every check has run.

* A relation finding that a located wrong cell (or a blank with a forced value) accounts for is
  not reported again: the cell's finding names the relations as its related cells.
* A finding on a sentence that quotes a table value (it carries the cell it compares with as a
  related location, the table value as ``expected`` and the quoted value as ``actual``) is judged
  against the corrected table: when the sentence agrees with the correction it is not a defect of
  the sentence, and it is named as evidence on the cell's finding; when it does not, the value it
  should have is the corrected one. When the cells it compares with are among several candidates
  no value is proposed to the sentence at all: the table, not the text, may be wrong.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Optional

from linter.checks import Draft, Traits
from linter.findings import Finding
from linter.i18n import t
from linter.model import Location
from linter.recognise.values import format_number

Item = tuple[Finding, Draft, Traits]  # a finding, its draft and its kind's traits


def _cell(loc: Location) -> tuple[object, ...]:
    return (loc.file, loc.block, loc.row, loc.col)


def _number(text: Optional[str]) -> Optional[Decimal]:
    if text is None:
        return None
    try:
        value = Decimal(text.strip() or "0")
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def reconcile(items: list[Item], lang: str) -> list[Finding]:
    explained = {(source, loc) for _f, d, _c in items for source, loc in d.explains}
    kept = [(f, d, c) for f, d, c in items if not (d.relation is not None and (d.relation, d.location) in explained)]
    fixes = {_cell(f.location): i for i, (f, d, c) in enumerate(kept) if f.fix is not None}
    candidates = {_cell(r) for f, d, c in kept if d.uncertain for r in f.related}
    if not fixes and not candidates:
        return [f for f, _d, _c in kept]
    out: list[Optional[Finding]] = [f for f, _d, _c in kept]
    for i, (f, _d, c) in enumerate(kept):
        if c.judges_table or f.location.row is not None or not f.related:
            continue
        table_value, quoted = _number(f.expected), _number(f.actual)
        if table_value is None or quoted is None:
            continue
        cells = [_cell(r) for r in f.related]
        corrections = [fixes[k] for k in dict.fromkeys(cells) if k in fixes]
        if corrections:
            corrected = table_value + sum(
                (
                    _number(out[j].fix) - (_number(out[j].actual) or 0)  # type: ignore[operator, union-attr]
                    for j in corrections
                ),
                Decimal(0),
            )
            if quoted == corrected:  # the sentence is right: evidence for the correction
                for j in corrections:
                    cell = out[j]
                    assert cell is not None
                    out[j] = replace(
                        cell,
                        related=cell.related + (f.location,),
                        message=cell.message
                        + t("reconcile.evidence", lang, text=f.location.text or "", value=f.actual),
                    )
                out[i] = None
            else:
                blank = all(not (out[j].actual or "").strip() for j in corrections)  # type: ignore[union-attr]
                note = "reconcile.corrected_blank" if blank else "reconcile.corrected"
                out[i] = replace(
                    f,
                    expected=format_number(corrected),
                    message=f.message + t(note, lang, value=format_number(corrected)),
                )
        elif any(k in candidates for k in cells):
            out[i] = replace(f, expected=None, message=f.message + t("reconcile.doubt", lang))
    return [f for f in out if f is not None]
