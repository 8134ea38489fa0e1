"""A rule's title for people, in Chinese or English, beside its id: the built-in rules' summaries
and the reading errors' descriptions."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=2)
def _titles(lang: str) -> dict[str, str]:
    from linter.errors import INPUT_ERRORS
    from linter.ruleset.loader import builtin_editions, builtin_ruleset

    out: dict[str, str] = {}
    for edition in builtin_editions():
        for rule in builtin_ruleset(edition).rules:
            out.setdefault(rule.id, rule.summary.get(lang) or rule.summary.get("en", ""))
    for code, (zh, en) in INPUT_ERRORS.items():
        text = zh if lang == "zh" else en
        out.setdefault(code, text.split("，" if lang == "zh" else ",")[0].split("（")[0].split(" (")[0])
    return out


def rule_title(rule: str, lang: str, fallback: str = "") -> str:
    """「各级人民政府的报告说明工作考核、社会评议和责任追究结果」 for RL-S1-002; ``fallback`` (the
    dotted name) for a rule of an organisation's own rule file."""
    return _titles("zh" if lang == "zh" else "en").get(rule) or fallback
