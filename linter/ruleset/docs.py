"""docs/rules.md from the bundled rule files: ``python -m linter.ruleset.docs > docs/rules.md``."""

from __future__ import annotations

import sys

from linter.ruleset.loader import RuleSpec, builtin_editions, builtin_ruleset

_HEADER = """# Rules

Generated from `rules/*.yaml` by `python -m linter.ruleset.docs > docs/rules.md`; a test fails when
this file and the rule files disagree. `reportlint explain ID` prints one rule, `reportlint rules`
lists an edition's.

Severities: a rule's default level, and in brackets the cases that have another level (the
configuration's `severity:` overrides them all). Rules marked *off by default* run only when
selected (`--select ID`).
"""

_NOTES = "## Where the rules differ from a plain reading of the format"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _editions(rule_id: str, by_edition: dict[int, dict[str, RuleSpec]]) -> str:
    return ", ".join(str(e) for e, rules in by_edition.items() if rule_id in rules)


def _severity(rule: RuleSpec) -> str:
    cases = ", ".join(f"{case}: {level}" for case, level in rule.severities.items() if level != rule.severity)
    return f"{rule.severity} ({cases})" if cases else rule.severity


def render() -> str:
    """The whole of docs/rules.md."""
    by_edition = {e: {r.id: r for r in builtin_ruleset(e).rules} for e in builtin_editions()}
    merged: dict[str, RuleSpec] = {}
    for rules in by_edition.values():
        for rule_id, rule in rules.items():
            merged.setdefault(rule_id, rule)
    out = [_HEADER, "| id | name | severity | editions | checks |", "|---|---|---|---|---|"]
    for rule_id in sorted(merged):
        rule = merged[rule_id]
        off = " (off by default)" if not rule.enabled else ""
        out.append(
            f"| [{rule_id}](#{rule_id.lower()}) | {rule.name} | {_cell(_severity(rule))}{off} | "
            f"{_editions(rule_id, by_edition)} | {_cell(rule.summary['zh'])} |"
        )
    out.append("")
    for rule_id in sorted(merged):
        rule = merged[rule_id]
        out += [
            f"## {rule_id}",
            "",
            f"{rule.summary['zh']} — {rule.summary['en']}",
            "",
            f"- name: `{rule.name}`",
            f"- severity: {_severity(rule)}" + ("; off by default" if not rule.enabled else ""),
            f"- editions: {_editions(rule_id, by_edition)}",
            f"- basis: {_cell(rule.basis)}",
            f"- passes: {_cell(rule.examples['pass'])}",
            f"- fails: {_cell(rule.examples['fail'])}",
            "",
        ]
        cases = [(case, texts) for case, texts in rule.messages.items()]
        if cases:
            out.append("| case | message (zh) | message (en) |")
            out.append("|---|---|---|")
            out += [f"| {case} | {_cell(texts['zh'])} | {_cell(texts['en'])} |" for case, texts in cases]
            out.append("")
    out += [_NOTES, ""]
    out += [f"- {rule_id}: {merged[rule_id].note}" for rule_id in sorted(merged) if merged[rule_id].note]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
