"""Wrong cells named by error localization (RL-T3-008, RL-T4-002): see linter/checks/localize.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from linter.checks.draft import Draft
from linter.checks.kind import Kind, Traits, known_table
from linter.checks.arithmetic import anchor_label, written_out
from linter.checks.bindings import cell_key, printed, term_location
from linter.checks.localize import CellKey, Equation, Exact, Localization
from linter.i18n import Formatted, Listing, Msg, Translated
from linter.checks.relations import arithmetic
from linter.model import Location
from linter.recognise.report import Report
from linter.ruleset.specs import RuleSet
from linter.recognise.values import format_number


@dataclass(frozen=True)
class LocalizeParams:
    table: str  # the table whose exact relations (== equations of error rules) are searched


class Localize(Kind[LocalizeParams, str]):
    """The cells error localization finds wrong (RL-T3-008, RL-T4-002)."""

    Params = LocalizeParams
    traits = Traits(judges_table=True)

    def compile(self, params: LocalizeParams, ruleset: RuleSet) -> str:
        return known_table(ruleset, params.table)

    def run(self, report: Report, compiled: str) -> Iterator[Draft]:
        return _localize(report, compiled)


def _localize(report: Report, table_key: str) -> Iterator[Draft]:
    arith = arithmetic(report, table_key)
    if arith is None:
        return
    loc = arith.localization
    number = loc.table.spec.number
    if loc.culprits:
        for key in sorted(loc.culprits, key=lambda k: (k[0], k[1], _column_index(loc, k))):
            term = loc.terms[key]
            failed = loc.failed_with(key)
            value = loc.value(key)
            params = {
                "table": number,
                "actual": format_number(term.number),
                "count": len(failed),
                "arithmetic": _sums(report, loc, failed),
            }
            where = term_location(report, loc.table, term)
            related = related_cells(report, loc, failed, key)
            if value is None:
                yield Draft(
                    "suspect",
                    where,
                    params,
                    actual=format_number(term.number),
                    related=related,
                    explains=explained(report, loc, failed),
                )
                continue
            params["expected"] = str(value)
            yield Draft(
                "culprit",
                where,
                params,
                expected=str(value),
                actual=format_number(term.number),
                related=related,
                fix=str(value),
                explains=explained(report, loc, failed),
            )
    candidates = loc.candidates
    if candidates:
        for eq in loc.failed:
            keys = [k for k in eq.coefs if k in candidates]
            if not keys:
                continue
            cells = [term_location(report, loc.table, loc.terms[k]) for k in keys if printed(loc.terms[k])]
            params = {
                "table": number,
                "relation": _relation(eq, {"arithmetic": _sums(report, loc, [eq], own=True)}),
                "cells": Listing(tuple(f"「{_label(c)}」" for c in cells)),
                "count": len(cells),
            }
            yield Draft(
                "candidates",
                term_location(report, loc.table, eq.terms[eq.check.anchor]),
                params,
                related=tuple(cells),
                explains=explained(report, loc, [eq]),
                uncertain=True,
            )


def _sums(report: Report, loc: Localization, failed: list[Equation], own: bool = False) -> Listing:
    """Each failed relation written out with its numbers: 「该行：21+0+0+50+3+1289 = 1363，总计为
    1362；该列：…」 (the row's and the column's sums that cross at a wrong cell). ``own``: one
    relation that the message names already, without 「该行」."""
    out: list[object] = []
    for eq in failed:
        coefs: dict[str, Exact] = {}
        for name, term in eq.terms.items():
            key = cell_key(term)
            if key in eq.coefs and key not in {cell_key(eq.terms[n]) for n in coefs}:
                coefs[name] = eq.coefs[key]
        anchor = eq.check.anchor
        where = term_location(report, loc.table, eq.terms[anchor])
        text = written_out(eq.terms, coefs, anchor, anchor_label(eq.check, where))
        if text is None:
            continue
        keys = list(eq.coefs)
        # Two sums side by side (「3029+73 = 3102，3051+52 = 3103」) say which they are by the rule's summary.
        named = _both_summed(eq.coefs.values())
        summary = Translated(eq.rule.summary.get("zh", ""), eq.rule.summary.get("en", ""))
        if own:
            out.append(text)
        elif eq.params.get("group"):
            out.append(Msg.of("sum.group", group=eq.params["group"], text=text))
        elif len({k[:2] for k in keys}) == 1:
            out.append(Msg.of("sum.row_named", text=text, name=summary) if named else Msg.of("sum.row", text=text))
        elif len({k[2] for k in keys}) == 1:
            out.append(Msg.of("sum.col_named", text=text, name=summary) if named else Msg.of("sum.col", text=text))
        else:
            out.append(text)
    return Listing(tuple(out), sep="sum.list")


def _both_summed(coefs: Iterable[Exact]) -> bool:
    """Whether both sides of a relation add up more than one cell."""
    signs = [c > 0 for c in coefs]
    return signs.count(True) > 1 and signs.count(False) > 1


def related_cells(report: Report, loc: Localization, failed: list[Equation], key: CellKey) -> tuple[Location, ...]:
    """The other cells of the failed relations a cell is in, each once, in the relations' order."""
    keys = dict.fromkeys(k for eq in failed for k in eq.coefs if k != key)
    return tuple(term_location(report, loc.table, loc.terms[k]) for k in keys if printed(loc.terms[k]))


def explained(report: Report, loc: Localization, failed: list[Equation]) -> tuple[tuple[str, Location], ...]:
    """The relation findings (relation source, anchor location) that ``failed`` would give."""
    out = []
    for eq in failed:
        out.append((eq.check.relation.source, term_location(report, loc.table, eq.terms[eq.check.anchor])))
    return tuple(out)


def _relation(eq: Equation, sums: dict[str, object]) -> Formatted:
    """The relation's own message (its rule's ``violated``) with the sums."""
    message = eq.rule.messages.get("violated", {})
    template = Translated(message.get("zh", ""), message.get("en", ""))
    return Formatted(template, tuple({**eq.params, **sums}.items()))


def _label(loc: Location) -> str:
    """「（一）予以公开·自然人」, 「行政复议·总计」: the parts of a cell's name joined by one separator."""
    return "·".join("·".join(x.split()) for x in (loc.row_label, loc.column_label) if x)


def _column_index(loc: Localization, key: CellKey) -> int:
    keys = [c.key for c in loc.table.spec.columns]
    return keys.index(key[2]) if key[2] in keys else len(keys)
