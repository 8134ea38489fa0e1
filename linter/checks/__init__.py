"""Check kinds: the few Python functions that all YAML rules parameterise.

A check receives the recognised Report and its CheckSpec and yields Drafts; the engine turns
Drafts into Findings (rule id, severity, localised message). ``CHECKS`` is the one registry of
the kinds a rule file may name.
"""

from __future__ import annotations

from linter.checks import (
    cells,
    citations,
    content,
    culprits,
    equation,
    meta,
    narrative,
    parse,
    parts,
    period,
    structure,
)
from linter.checks.draft import CheckFn, Draft

__all__ = ["CHECKS", "CheckFn", "Draft", "get_check"]

CHECKS: dict[str, CheckFn] = {
    "report_shape": structure.check_report_shape,
    "sections": structure.check_sections,
    "table_structure": structure.check_table_structure,
    "heading_variants": structure.check_heading_variants,
    "edition": meta.check_edition,
    "report_year": meta.check_report_year,
    "publication": meta.check_publication,
    "parse": parse.check_parse,
    "values": cells.check_values,
    "blanks": cells.check_blanks,
    "equation": equation.check_equation,
    "localize": culprits.check_localize,
    "narrative": narrative.check_narrative,
    "citation": citations.check_citation,
    "text_patterns": content.check_text_patterns,
    "section_content": content.check_section_content,
    "parts": parts.check_parts,
    "period": period.check_period,
}


def get_check(kind: str) -> CheckFn:
    try:
        return CHECKS[kind]
    except KeyError:
        raise KeyError(f"no such check kind: {kind}") from None
