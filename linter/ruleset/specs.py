"""What a rule set is made of: sections, tables, rules and their checks, as frozen values (the
loader builds them from the rule files; recognition and the checks read them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping, Optional

if TYPE_CHECKING:
    from linter.checks.kind import Kind
    from linter.ruleset.examples import RuleCase


@dataclass(frozen=True)
class Applies:
    """Which reports an edition's rule set is for (YAML ``applies:``)."""

    edition: int
    first_year: Optional[int] = None
    last_year: Optional[int] = None
    signatures: tuple[str, ...] = ()  # labels only this edition's tables have

    def covers(self, report_year: int) -> bool:
        return (self.first_year is None or report_year >= self.first_year) and (
            self.last_year is None or report_year <= self.last_year
        )


@dataclass(frozen=True)
class SectionSpec:
    key: str
    number: str
    title: str
    aliases: tuple[str, ...] = ()
    # Words a reviewer knows the part by (「问题」「改进」 for 五): a numbered heading in the part's
    # place, or the first subheading of a part whose heading line is missing, is found by them.
    keywords: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    path: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    value: str = "count"
    unit: str = ""  # the unit the header must name (「万元」)


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    group: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: int
    section: str
    title: str
    signature: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    groups: Mapping[str, tuple[str, ...]]
    tolerated_rows: tuple[str, ...] = ()

    def column(self, key: str) -> ColumnSpec:
        return self._columns_by_key[key]

    def row(self, key: str) -> RowSpec:
        return self._rows_by_key[key]

    @cached_property
    def _columns_by_key(self) -> dict[str, ColumnSpec]:
        out: dict[str, ColumnSpec] = {}
        for c in self.columns:
            out.setdefault(c.key, c)  # the first of a key, as a search would find
        return out

    @cached_property
    def _rows_by_key(self) -> dict[str, RowSpec]:
        out: dict[str, RowSpec] = {}
        for r in self.rows:
            out.setdefault(r.key, r)
        return out


@dataclass(frozen=True)
class CheckSpec:
    """One check of a rule: its kind's name in the rule file, the kind (a class of linter/checks/),
    its typed parameters, and what the kind compiled from them when the rule set loaded."""

    name: str
    kind: "Kind[Any, Any]"
    params: Any
    compiled: Any


@dataclass(frozen=True)
class RuleSpec:
    id: str
    name: str
    severity: str
    summary: Mapping[str, str]
    basis: str
    messages: Mapping[str, Mapping[str, str]]
    checks: tuple[CheckSpec, ...]
    examples: Mapping[str, str]  # what the passing and the failing examples are about
    severities: Mapping[str, str] = field(default_factory=dict)
    unverified: bool = False
    enabled: bool = True  # False: runs only when selected explicitly
    source: str = ""
    note: str = ""  # where the rule deliberately differs from a plain reading of the format, and why
    cases: tuple["RuleCase", ...] = ()  # the examples as report excerpts with their findings


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    edition: Optional[int]
    sections: tuple[SectionSpec, ...]
    tables: Mapping[str, TableSpec]
    rules: tuple[RuleSpec, ...]
    basis: str = ""
    applies: Optional[Applies] = None
    # Each table's row and column keys in every edition (a narrative quote may name rows of either).
    known_keys: Mapping[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)

    def rule(self, rule_id: str) -> RuleSpec:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no such rule: {rule_id}")
