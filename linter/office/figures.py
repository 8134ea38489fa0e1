"""Tables 2–4's figures as plain values: what the export writes, the roll-up adds, and what tells
two files of one report apart from two different reports."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from linter.recognise.normalize import strip_spaces
from linter.recognise.report import collapsed_groups
from linter.ruleset.facts import format_facts

if TYPE_CHECKING:
    from linter.recognise.report import Report

Figure = tuple[int, str, str, str]  # table number, row key, column key, the cell's text


def figures_of(report: "Report") -> tuple[Figure, ...]:
    """Every value cell of tables 2–4 in the format's order of tables, then the document's rows. A
    group printed as one row (「（六）其他处理」 alone) is read as the checks read it: its figures are
    its first member's, its other members are not printed (blank)."""
    out: list[Figure] = []
    for logical in sorted(report.tables.values(), key=lambda t: t.spec.number):
        number = logical.spec.number
        if number not in format_facts().shown_tables:
            continue
        standing = {id(row): members[0] for row, members in collapsed_groups(logical)}
        for row in logical.rows:
            key = row.key if row.key is not None else standing.get(id(row))
            if key is None:
                continue
            for col, cell in row.cells.items():
                if cell is not None:
                    out.append((number, key, col, strip_spaces(cell.text)))
    return tuple(out)


def digest(figures: tuple[Figure, ...]) -> str:
    """Equal for two files holding the same figures (a report's .docx and its web page)."""
    h = hashlib.sha256()
    for number, row, col, text in sorted(figures):
        h.update(f"{number}\x1f{row}\x1f{col}\x1f{text}\x1e".encode("utf-8"))
    return h.hexdigest()[:24]
