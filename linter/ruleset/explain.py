"""What ``reportlint rules`` and ``reportlint explain`` print: the rules as ``check`` runs them
(sorted, the levels each can give, which are off unless selected), and one rule, a name, a prefix
or a reading-error code explained. Returns lines; the CLI prints them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from linter.errors import INPUT_ERRORS
from linter.i18n import display_width, t
from linter.ruleset.specs import RuleSet, RuleSpec

# Codes of files found in a folder or archive and skipped (verdict 已跳过), not unreadable.
SKIP_LEVELS = {"RL-IO-027": "explain.skip_or_input_level", "RL-IO-030": "explain.skip_level"}

_ORDER = {"error": 0, "warning": 1, "info": 2}
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


width = display_width


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def levels(rule: RuleSpec, override: Optional[str] = None) -> list[tuple[str, list[str]]]:
    """The levels the rule's findings get, most severe first, each with the message variants that
    get it (an empty list: every other variant). ``override``: a configured severity for the rule."""
    if override is not None:
        return [(override, [])]
    by_level: dict[str, list[str]] = {}
    for variant in rule.messages:
        by_level.setdefault(rule.severities.get(variant, rule.severity), []).append(variant)
    if len(by_level) == 1:
        return [(next(iter(by_level)), [])]
    return sorted(by_level.items(), key=lambda kv: _ORDER[kv[0]])


def level_words(rule: RuleSpec, lang: str, override: Optional[str] = None) -> str:
    return "/".join(t("severity." + level, lang) for level, _ in levels(rule, override))


def _id_key(rule_id: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", rule_id))


def rule_table(rulesets: Sequence[RuleSet], lang: str) -> list[str]:
    """``reportlint rules``: one aligned line per rule, sorted by id; default-off rules marked."""
    return _table([rule for rs in rulesets for rule in rs.rules], lang)


def _table(listed: Sequence[RuleSpec], lang: str) -> list[str]:
    rules: dict[str, RuleSpec] = {}
    for rule in listed:
        rules.setdefault(rule.id, rule)
    heads = [
        t("col.rule", lang),
        t("col.level", lang),
        t("col.default", lang),
        t("col.name", lang),
        t("col.summary", lang),
    ]
    rows = [
        [r.id, level_words(r, lang), t("on" if r.enabled else "off", lang), r.name, r.summary[lang]]
        for r in sorted(rules.values(), key=lambda r: _id_key(r.id))
    ]
    widths = [max(width(row[i]) for row in [heads, *rows]) for i in range(4)]
    return [
        "  ".join(pad(cell, widths[i]) if i < 4 else cell for i, cell in enumerate(row)).rstrip()
        for row in [heads, *rows]
    ]


@dataclass(frozen=True)
class Explained:
    lines: list[str]
    found: bool


def explain(query: str, ruleset: RuleSet, lang: str, overrides: Optional[Mapping[str, str]] = None) -> Explained:
    """A rule by id or dotted name; the rules a prefix names; a reading-error code (RL-IO, RL-INT)."""
    from difflib import get_close_matches

    overrides = overrides or {}
    q = query.strip()
    upper = q.upper()
    for rule in ruleset.rules:
        if rule.id == upper or rule.name == q:
            return Explained(_rule_lines(rule, lang, overrides.get(rule.id)), True)
    if upper in INPUT_ERRORS:
        return Explained(
            [
                f"{t('col.rule', lang)}: {upper}",
                f"{t('explain.kind', lang)}: {t('explain.input_error', lang)}",
                f"{t('explain.means', lang)}: {t('input.' + upper, lang)}",
                f"{t('explain.level', lang)}: {t(SKIP_LEVELS.get(upper, 'explain.input_level'), lang)}",
            ],
            True,
        )
    matches = [r for r in ruleset.rules if r.id.startswith(upper) or r.name.startswith(q + ".")]
    if matches:
        lines = [t("explain.prefix", lang, query=q, n=len(matches))]
        lines += _table(matches, lang)[1:]
        return Explained(lines, True)
    names = [r.id for r in ruleset.rules] + [r.name for r in ruleset.rules] + list(INPUT_ERRORS)
    close = get_close_matches(upper if upper.startswith("RL") else q, names, n=1)
    hint = t("did_you_mean", lang, name=close[0]) if close else ""
    return Explained([t("explain.none", lang, query=q) + hint], False)


def _rule_lines(rule: RuleSpec, lang: str, override: Optional[str]) -> list[str]:
    out = [f"{t('col.rule', lang)}: {rule.id}  {rule.summary[lang]}", f"{t('col.name', lang)}: {rule.name}"]
    found = levels(rule, override)
    if len(found) == 1:
        out.append(f"{t('explain.level', lang)}: {t('severity.' + found[0][0], lang)}")
    else:
        out.append(f"{t('explain.level', lang)}:")
        for level, variants in found:
            cases = t("list_sep", lang).join(_PLACEHOLDER.sub("…", rule.messages[v][lang]) for v in variants)
            out.append(f"  {t('severity.' + level, lang)}: {cases}")
    if override is not None:
        out.append(t("explain.configured", lang, level=t("severity." + override, lang)))
    if not rule.enabled:
        out.append(t("explain.off", lang, id=rule.id))
    out += [
        f"{t('explain.basis', lang)}: {rule.basis}",
        f"{t('explain.pass', lang)}: {rule.examples['pass']}",
        f"{t('explain.fail', lang)}: {rule.examples['fail']}",
    ]
    return out
