"""A rule's title for people, in Chinese or English, beside its id: the built-in rules' summaries
and the reading errors' descriptions."""

from __future__ import annotations

import re
from functools import lru_cache

from linter.i18n import t


@lru_cache(maxsize=2)
def _titles(lang: str) -> dict[str, str]:
    from linter.errors import INPUT_ERRORS
    from linter.ruleset.loader import builtin_editions, builtin_ruleset

    out: dict[str, str] = {}
    for edition in builtin_editions():
        for rule in builtin_ruleset(edition).rules:
            out.setdefault(rule.id, rule.summary.get(lang) or rule.summary.get("en", ""))
    for code in INPUT_ERRORS:  # the first clause of the reading error's text
        out.setdefault(code, re.split(r"[，,]|（| \(", t("input." + code, lang))[0])
    return out


def rule_title(rule: str, lang: str, fallback: str = "") -> str:
    """「各级人民政府的报告说明工作考核、社会评议和责任追究结果」 for RL-S1-002; ``fallback`` (the
    dotted name) for a rule of an organisation's own rule file."""
    return _titles(lang).get(rule) or fallback
