"""Facts of the format outside the rules (rules/format.yaml): the words, units and names that
reading and recognition need before a report's edition is known. Recognition reads them here,
not through the rule-set loader; the loader checks the file against schemas/format.schema.json
whenever it compiles a rule set."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Mapping

from linter.ruleset.resources import data_dir


def format_file() -> Path:
    """rules/format.yaml, installed or in a source checkout."""
    return data_dir("rules") / "format.yaml"


@dataclass(frozen=True)
class FormatFacts:
    title_words: tuple[str, ...] = ()  # 「政府信息公开」…: what a report's title names its subject by
    report_names: tuple[str, ...] = ()  # 「年度报告」…: what a report calls itself at its title's end
    report_short_names: tuple[str, ...] = ()  # 「年报」: for short, in a file name
    period_cues: tuple[str, ...] = ()  # 「统计期限」…: the words that open the statistics-period sentence
    money_units: tuple[str, ...] = ()  # 万元, 元
    count_units: tuple[str, ...] = ()  # 件, 项, …
    government_suffixes: tuple[str, ...] = ()  # how a people's government's name ends
    department_suffixes: tuple[str, ...] = ()  # how a department's name ends
    government_offices: tuple[str, ...] = ()  # 「办公室」: a government's office, standing for it
    place_suffixes: tuple[str, ...] = ()  # how a place's name ends (a title naming a place: its government)
    shown_tables: tuple[int, ...] = ()  # the tables whose figures are read and shown
    summed_tables: tuple[int, ...] = ()  # the tables an area's report sums from its children's
    total_label: str = ""  # 「总计」: a total row's or column's label
    increase_words: tuple[str, ...] = ()  # 「增」, 「增加」: before an increase in a 「本年增/减」 cell
    decrease_words: tuple[str, ...] = ()  # 「减」, 「减少」: before a decrease
    traditional: Mapping[str, str] = field(default_factory=dict)  # 開 -> 开

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit a cell's figure may carry, longest first (「万元」 before 「元」)."""
        return tuple(sorted(dict.fromkeys(self.money_units + self.count_units), key=len, reverse=True))

    @cached_property
    def units_pattern(self) -> str:
        """The units as one regular-expression alternation, longest first."""
        return "|".join(map(re.escape, self.units))

    @property
    def change_words(self) -> tuple[str, ...]:
        """Every word a change may open with, longest first (「增加」 before 「增」)."""
        return tuple(sorted(self.increase_words + self.decrease_words, key=len, reverse=True))


def compile_facts(data: Mapping[str, Any]) -> FormatFacts:
    """The facts of a validated rules/format.yaml."""
    units = data.get("units", {})
    kinds = data.get("body_kinds", {})
    changes = data.get("changes", {})
    return FormatFacts(
        title_words=tuple(data.get("title_words", ())),
        report_names=tuple(data.get("report_names", ())),
        report_short_names=tuple(data.get("report_short_names", ())),
        period_cues=tuple(data.get("period_cues", ())),
        money_units=tuple(units.get("money", ())),
        count_units=tuple(units.get("count", ())),
        government_suffixes=tuple(kinds.get("government", ())),
        department_suffixes=tuple(kinds.get("department", ())),
        government_offices=tuple(data.get("government_offices", ())),
        place_suffixes=tuple(data.get("place_suffixes", ())),
        shown_tables=tuple(data.get("shown_tables", ())),
        summed_tables=tuple(data.get("summed_tables", ())),
        total_label=data.get("total_label", ""),
        increase_words=tuple(changes.get("increase", ())),
        decrease_words=tuple(changes.get("decrease", ())),
        traditional=dict(data.get("traditional", {})),
    )


@lru_cache(maxsize=1)
def format_facts() -> FormatFacts:
    """The bundled format's facts, read once per process (a small file: a plain YAML read)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return compile_facts(yaml.load(format_file().read_text(encoding="utf-8"), Loader=loader) or {})
