"""Cell checks: value types (RL-T3-006) and blank cells (RL-T3-005)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Literal

from linter.checks.draft import Draft
from linter.i18n import Listing, Msg
from linter.checks.kind import Kind, Traits, known_table
from linter.checks.bindings import term_location
from linter.checks.culprits import explained, related_cells
from linter.checks.relations import arithmetic
from linter.recognise.normalize import fold_traditional
from linter.recognise.report import FoundRow, LogicalTable, Report
from linter.ruleset.facts import format_facts
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet
from linter.model import Location
from linter.recognise.values import Value, parse_value


def _valid(value: Value, kind: str) -> bool:
    if value.kind != "number" or value.number is None:
        return False
    if kind == "signed":
        return value.is_integer
    if kind in ("amount", "amount_wan"):
        return value.number >= 0 and not value.sign_word
    return value.number >= 0 and value.is_integer and not value.sign_word


def _tables(tables: tuple[str, ...], ruleset: RuleSet) -> tuple[str, ...]:
    if not tables:
        raise ParamError("tables", Msg.of("param.no_table"))
    return tuple(known_table(ruleset, t, f"tables[{i}]") for i, t in enumerate(tables))


@dataclass(frozen=True)
class ValuesParams:
    tables: tuple[str, ...]
    type: Literal["count", "by_column"]  # every cell a count, or each column's own kind of value


class Values(Kind[ValuesParams, ValuesParams]):
    """Cell values of the kind their column takes (RL-T3-006)."""

    Params = ValuesParams
    traits = Traits(judges_table=True)

    def compile(self, params: ValuesParams, ruleset: RuleSet) -> ValuesParams:
        _tables(params.tables, ruleset)
        return params

    def run(self, report: Report, compiled: ValuesParams) -> Iterator[Draft]:
        return _values(report, compiled)


def _values(report: Report, check: ValuesParams) -> Iterator[Draft]:
    by_column = check.type == "by_column"
    money = format_facts().money_units
    for tkey in check.tables:
        table = report.tables.get(tkey)
        if table is None:
            continue
        for col in table.spec.columns:
            if (
                by_column
                and col.unit
                and col.key in table.headers
                and col.unit not in fold_traditional(table.headers[col.key])
            ):
                row = next((r for r in table.rows if col.key in r.cells), None)
                if row is not None:
                    yield Draft(
                        "header_unit",
                        report.cell_location(table, row, col.key).with_(row=None, col=None),
                        {"col": col.label},
                    )
        for row in table.rows:
            if row.key is None:
                continue
            if by_column and row.unplaced is not None:
                yield from _unplaced_unit(report, table, row)
            for col in table.spec.columns:
                cell = row.cells.get(col.key)
                if cell is None:
                    continue
                value = parse_value(cell.text)
                if value.kind == "blank":
                    continue
                kind = col.value if by_column else "count"
                if (value.is_count and not by_column) or (
                    by_column and _valid(value, kind) and not value.unit and not value.thousands
                ):
                    continue  # the common case: nothing to report, nothing to build
                text = cell.text.strip()
                loc = report.cell_location(table, row, col.key)
                params = {
                    "table": table.spec.number,
                    "text": text,
                    "unit": value.unit,
                    "expected_kind": Msg.of("words.kind." + kind),
                }
                if not by_column:
                    yield Draft("invalid", loc, params, actual=text)
                    continue
                if not _valid(value, kind):
                    yield Draft("invalid", loc, params, actual=text)
                    continue
                if value.unit:  # readable, but the unit belongs in the header
                    # another money unit than the header's (「元」 under 「万元」): off by a factor
                    unit = fold_traditional(value.unit)  # as printed in the message, as written here
                    other_money = col.unit in money and unit in money and unit != col.unit
                    variant = "fee_yuan" if kind == "amount_wan" and other_money else "unit_text"
                    yield Draft(variant, loc, params, actual=text)
                if value.thousands:
                    yield Draft("thousands", loc, params, actual=text)


def unplaced_location(report: Report, table: LogicalTable, row: FoundRow) -> Location:
    """Where a row's unplaced figures are: the row, at the figures' place in the text."""
    loc = report.cell_location(table, row, None)
    figures = row.unplaced
    return loc if figures is None else loc.with_(line=figures.line, column=figures.column, text=figures.figures)


def _unplaced_unit(report: Report, table: LogicalTable, row: FoundRow) -> Iterator[Draft]:
    """A unit among a row's unplaced figures (「政府集中采购1018703元」): in a cell whatever the split."""
    figures = row.unplaced.figures if row.unplaced is not None else ""
    unit = _units().search(figures)
    if unit is not None:
        params = {"table": table.spec.number, "row": row.text, "text": figures, "unit": unit.group(0)}
        yield Draft("unit_text_row", unplaced_location(report, table, row), params, actual=figures)


@lru_cache(maxsize=1)
def _units() -> re.Pattern[str]:
    return re.compile(format_facts().units_pattern)


@dataclass(frozen=True)
class BlanksParams:
    tables: tuple[str, ...]


class Blanks(Kind[BlanksParams, tuple[str, ...]]):
    """Blank cells: one warning per table naming them (they count as 0); a blank the table's
    relations force to a non-zero value is an error with that value (linter/checks/localize.py)."""

    Params = BlanksParams
    traits = Traits(judges_table=True)

    def compile(self, params: BlanksParams, ruleset: RuleSet) -> tuple[str, ...]:
        return _tables(params.tables, ruleset)

    def run(self, report: Report, compiled: tuple[str, ...]) -> Iterator[Draft]:
        return _blanks(report, compiled)


def _blanks(report: Report, tables: tuple[str, ...]) -> Iterator[Draft]:
    for tkey in tables:
        arith = arithmetic(report, tkey)
        if arith is None:
            continue
        table, loc = arith.table, arith.localization
        forced: set[tuple[int, int, str]] = set()
        for key in sorted(loc.unknown):  # a value only where the localization is conclusive
            term = loc.terms[key]
            value = loc.value(key)
            if term.value.kind != "blank" or term.col not in term.row.cells or not value:
                continue
            forced.add(key)
            failed = loc.failed_with(key)
            yield Draft(
                "blank_value",
                term_location(report, table, term),
                {"table": table.spec.number, "expected": str(value)},
                expected=str(value),
                actual="",
                fix=str(value),
                related=related_cells(report, loc, failed, key),
                explains=explained(report, loc, failed),
            )
        blanks: list[tuple[FoundRow, str]] = []
        for row in table.rows:
            if row.key is None:
                continue
            # A value merged down a group's sub-rows is printed once, not left blank in the rows below.
            blanks += [
                (row, c.key)
                for c in table.spec.columns
                if c.key in row.cells
                and c.key not in row.merged_down
                and parse_value(_text(row.cells[c.key])).kind == "blank"
                and (row.block, row.phys_row, c.key) not in forced
            ]
        # Rows with fewer figures than cells (「结转下年度继续办理 000000」 for seven): a cell of each
        # is blank, which one the text does not show. One remark for the table naming the rows.
        short = [row for row in table.rows if row.key is not None and row.unplaced is not None and row.unplaced.short]
        if short:
            rows = tuple(
                Msg.of(
                    "words.blank.unplaced",
                    row=row.text,
                    text=row.unplaced.figures,
                    figures=sum(ch.isdigit() for ch in row.unplaced.figures),
                    cells=len(row.unplaced.columns),
                )
                for row in short
                if row.unplaced is not None
            )
            locs = [unplaced_location(report, table, row) for row in short]
            yield Draft(
                "blank_unplaced",
                locs[0],
                {"table": table.spec.number, "rows": Listing(rows, sep="list.clause")},
                related=tuple(locs[1:]),
            )
        if blanks:
            # One remark for the table naming its blank cells; the JSON lists each in ``related``.
            locs = [report.cell_location(table, row, k) for row, k in blanks]
            yield Draft(
                "blank",
                locs[0],
                {"table": table.spec.number, "count": len(blanks), "cells": blank_cells(table, blanks)},
                related=tuple(locs[1:]),
            )


_NAMED_GROUPS = 6  # a message names this many groups of blank cells, then 「等」


def blank_cells(table: LogicalTable, blanks: list[tuple[FoundRow, str]]) -> Msg:
    """The blank cells as a reviewer names them: a column blank in every row as 「X」列, the others
    by row (行「R」的「X」「Y」)."""
    spec = table.spec
    blank = {(id(row), key) for row, key in blanks}
    rows = [r for r in table.rows if r.key is not None]
    if len(blank) == sum(k in r.cells for r in rows for k in {c.key for c in spec.columns}):
        return Msg.of("words.blank.whole")
    whole = [
        c.key
        for c in spec.columns
        if sum(c.key in r.cells for r in rows) > 1 and all((id(r), c.key) in blank for r in rows if c.key in r.cells)
    ]
    names = "".join(f"「{spec.column(k).label}」" for k in whole)
    groups: list[object] = [Msg.of("words.blank.columns", names=names)] if whole else []
    by_row: dict[int, list[str]] = {}
    labels: dict[int, str] = {}
    for row, key in blanks:
        if key not in whole:
            by_row.setdefault(id(row), []).append(f"「{spec.column(key).label}」")
            labels[id(row)] = spec.row(row.key).label if row.key else ""
    for rid, cols in by_row.items():
        label = labels[rid]
        groups.append(Msg.of("words.blank.row", label=label, cols="".join(cols)) if label else "".join(cols))
    named = Listing(tuple(groups[:_NAMED_GROUPS]), sep="list.clause")
    return Msg.of("words.blank.more" if len(groups) > _NAMED_GROUPS else "words.blank.all", cells=named)


def _text(cell: object) -> str:
    return getattr(cell, "text", "") or ""
