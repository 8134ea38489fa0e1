"""Structure checks: the six sections (RL-STR-001) and a table's rows and columns (RL-T3-001, RL-T4-001)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from linter.checks.draft import Draft
from linter.i18n import Listing
from linter.checks.kind import Kind, NoParams, Traits, known_table
from linter.checks.order import out_of_order
from linter.model import Location
from linter.recognise.normalize import label_key, without_note
from linter.recognise.report import Report
from linter.ruleset.specs import RuleSet, TableSpec


def _end_location(report: Report) -> Location:
    last = len(report.document.blocks) - 1
    return report.location(max(last, 0)) if last >= 0 else Location(file=report.document.path)


class ReportShape(Kind[NoParams, NoParams]):
    """A file with none of a report's marks (title, section headings, tables 2–4) is not a report:
    one finding, and the engine drops every other (a list of missing sections helps nobody)."""

    traits = Traits(verdict=True)

    def run(self, report: Report, compiled: NoParams) -> Iterator[Draft]:
        return _report_shape(report)


def _report_shape(report: Report) -> Iterator[Draft]:
    if report.sections or report.tables or report.title is not None:
        return
    first = next((p for p in report.document.paragraphs() if p.full_text.strip()), None)
    if first is None:
        yield Draft("empty", Location(file=report.document.path))
        return
    text = " ".join(first.full_text.split())
    quote = text if len(text) <= 30 else text[:30] + "…"
    yield Draft("not_a_report", report.location(first.index), {"start": quote})


class Sections(Kind[NoParams, NoParams]):
    """The format's sections: each present once, under its heading, in order (RL-STR-001)."""

    traits = Traits(may_be_pictured=frozenset({"missing"}))

    def run(self, report: Report, compiled: NoParams) -> Iterator[Draft]:
        return _sections(report, report.ruleset)


def _sections(report: Report, ruleset: RuleSet) -> Iterator[Draft]:
    order = {s.key: i for i, s in enumerate(ruleset.sections)}
    first: dict[str, int] = {}
    hits = []
    for hit in sorted(report.sections, key=lambda h: h.block):
        if hit.implied:
            # The part is there, its heading line is not: one finding, at its first paragraph.
            yield Draft(
                "heading_missing",
                report.location(hit.block, text=hit.text),
                {"number": hit.spec.number, "title": hit.spec.title, "start": hit.text},
                expected=hit.spec.heading,
            )
        if hit.spec.key in first:
            yield Draft(
                "duplicate",
                report.location(hit.block, text=hit.text),
                {"number": hit.spec.number, "title": hit.spec.title},
            )
            continue
        first[hit.spec.key] = hit.block
        hits.append(hit)
    moved = out_of_order([order[h.spec.key] for h in hits])
    for i, hit in enumerate(hits):
        if i in moved:
            idx = order[hit.spec.key]
            after = ruleset.sections[idx - 1].number if idx > 0 else "—"
            yield Draft(
                "order",
                report.location(hit.block, text=hit.text),
                {"number": hit.spec.number, "title": hit.spec.title, "after": after},
            )
    for spec in ruleset.sections:
        if spec.key in first:
            continue
        # Point at the heading of the next section that is present, else the end of the document.
        later = [first[s.key] for s in ruleset.sections[order[spec.key] + 1 :] if s.key in first]
        loc = report.location(min(later)) if later else _end_location(report)
        yield Draft("missing", loc, {"number": spec.number, "title": spec.title}, expected=spec.heading)


def _header_key(text: str) -> str:
    return label_key(text).replace("（", "").replace("）", "")


@dataclass(frozen=True)
class TableParams:
    table: str


class TableStructure(Kind[TableParams, TableSpec]):
    """A table's rows and columns as the format has them (RL-T3-001, RL-T4-001)."""

    Params = TableParams
    traits = Traits(judges_table=True, may_be_pictured=frozenset({"missing_table"}), own_edition_only=True)

    def compile(self, params: TableParams, ruleset: RuleSet) -> TableSpec:
        return ruleset.tables[known_table(ruleset, params.table)]

    def run(self, report: Report, compiled: TableSpec) -> Iterator[Draft]:
        return _table_structure(report, compiled)


def _table_structure(report: Report, spec: TableSpec) -> Iterator[Draft]:
    table = report.tables.get(spec.key)
    if table is None:
        heading = next((h for h in report.sections if h.spec.key == spec.section), None)
        loc = (
            report.location(heading.block, table=spec.number)
            if heading
            else _end_location(report).with_(table=spec.number)
        )
        yield Draft("missing_table", loc, {"table": spec.number})
        return
    first_block = table.blocks[0]
    table_loc = report.location(first_block, table=spec.number)
    # (format's header, printed header) -> the columns so misprinted: one finding names them all
    # (table 4's groups repeat their headers, and a misprint typed once is copied to each).
    typos: dict[tuple[str, str], list[Location]] = {}
    for col in spec.columns:
        if col.key not in table.columns:
            yield Draft(
                "missing_column", table_loc.with_(column_label=col.label), {"col": col.label}, expected=col.label
            )
            continue
        printed = table.headers.get(col.key)
        if printed and not any(
            _header_key(printed) == _header_key(t) for t in ((col.path or (col.label,))[-1], *col.aliases)
        ):
            if "（" not in label_key(col.label) and _header_key(without_note(label_key(printed))) == _header_key(
                col.label
            ):
                continue  # the label and a note (「采购总金额（万元）」): read as its column, not a misprint
            # A header misprinted but taken as its column (「先行有效件数」): read, and named.
            typos.setdefault(((col.path or (col.label,))[-1], printed), []).append(
                table_loc.with_(column_label=col.label)
            )
    for (label, printed), where in typos.items():
        yield Draft(
            "column_typo",
            where[0],
            {"col": label, "text": printed},
            expected=label,
            actual=printed,
            related=tuple(where[1:]),
        )
    labelled = any(r.label for r in spec.rows)
    known = [r for r in table.rows if r.key is not None]
    present = {r.key for r in known}
    seen: set[str] = set()
    unique = []
    collapsed: set[str] = set()  # groups written as one row (the 2019 layout of （六）其他处理)
    tolerated = [label_key(t) for t in spec.tolerated_rows]
    groups = {label_key(r.group): r.group for r in spec.rows if r.group}
    for row in table.rows:
        if row.key is None or row.key in seen:
            if row.key is None and any(t in label_key(row.text) for t in tolerated):
                continue
            group = groups.get(label_key(row.text)) if row.key is None else None
            members = [r for r in spec.rows if group and r.group == group]
            if group and members and not any(m.key in present for m in members) and group not in collapsed:
                collapsed.add(group)
                yield Draft(
                    "group_collapsed",
                    report.cell_location(table, row, None).with_(row_label=group),
                    {"group": group, "count": len(members), "rows": Listing(tuple(m.label for m in members))},
                    expected="、".join(m.label for m in members),
                    actual=row.text,
                )
                continue
            yield Draft(
                "unknown_row",
                report.cell_location(table, row, None).with_(row_label=row.text or None),
                {"text": row.text or "—"},
                actual=row.text or None,
            )
            continue
        if row.fuzzy:
            yield Draft(
                "row_typo",
                report.cell_location(table, row, None),
                {"row": spec.row(row.key).label, "text": row.text},
                expected=spec.row(row.key).label,
                actual=row.text,
            )
        seen.add(row.key)
        unique.append(row)
    rank = {r.key: i for i, r in enumerate(spec.rows)}
    moved = out_of_order([rank[r.key] for r in unique if r.key is not None])
    for i, row in enumerate(unique):
        if i in moved and row.key is not None:
            idx = rank[row.key]
            after = spec.rows[idx - 1].label if idx > 0 else "—"
            yield Draft(
                "row_order", report.cell_location(table, row, None), {"row": spec.row(row.key).label, "after": after}
            )
    if not known and not labelled:
        yield Draft("missing_row", table_loc, {})
        return
    for row_spec in spec.rows:
        if row_spec.key not in seen and labelled and row_spec.group not in collapsed:
            yield Draft(
                "missing_row",
                table_loc.with_(row_label=row_spec.label),
                {"row": row_spec.label},
                expected=row_spec.label,
            )


class HeadingVariants(Kind[NoParams, NoParams]):
    """Section headings worded otherwise than the format's (RL-STR-002)."""

    def run(self, report: Report, compiled: NoParams) -> Iterator[Draft]:
        return _heading_variants(report)


def _heading_variants(report: Report) -> Iterator[Draft]:
    for hit in report.sections:
        if hit.implied:
            continue  # no heading to word (RL-STR-001 says the line is missing)
        if not hit.exact or hit.bare:
            kind = "typo" if hit.fuzzy else "worded" if hit.worded else "numbering" if hit.bare else "variant"
            yield Draft(
                kind,
                report.location(hit.block, text=hit.text),
                {"found": hit.text, "template": hit.spec.heading},
                expected=hit.spec.heading,
                actual=hit.text,
            )
