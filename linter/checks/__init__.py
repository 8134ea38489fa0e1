"""Check kinds: the few Python classes that all YAML rules parameterise.

A kind reads its parameters into its ``Params`` dataclass and compiles them once, when the rule
set loads; on each recognised report it yields Drafts, which the engine turns into Findings (rule
id, severity, localised message), treating them as the kind's ``traits`` say. ``KINDS`` is the one
registry of the kinds a rule file may name (linter/checks/kind.py says what a kind is).
"""

from __future__ import annotations

from typing import Any

from linter.checks.cells import Blanks, Values
from linter.checks.citations import Citation
from linter.checks.content import SectionContent, TextPatterns
from linter.checks.culprits import Localize
from linter.checks.draft import Draft
from linter.checks.equation import Equation
from linter.checks.kind import Kind, Traits
from linter.checks.meta import Edition, Publication, ReportYear
from linter.checks.narrative import Narrative
from linter.checks.parse import Parse
from linter.checks.parts import Parts
from linter.checks.period import Period
from linter.checks.rollup import Rollup
from linter.checks.structure import HeadingVariants, ReportShape, Sections, TableStructure

__all__ = ["KINDS", "Draft", "Kind", "Traits"]

KINDS: dict[str, type[Kind[Any, Any]]] = {
    "report_shape": ReportShape,
    "sections": Sections,
    "table_structure": TableStructure,
    "heading_variants": HeadingVariants,
    "edition": Edition,
    "report_year": ReportYear,
    "publication": Publication,
    "parse": Parse,
    "values": Values,
    "blanks": Blanks,
    "equation": Equation,
    "localize": Localize,
    "narrative": Narrative,
    "citation": Citation,
    "text_patterns": TextPatterns,
    "section_content": SectionContent,
    "parts": Parts,
    "period": Period,
    "rollup": Rollup,
}
