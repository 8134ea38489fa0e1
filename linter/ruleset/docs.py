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

# Where the rules deliberately differ from the catalogue of the format specification, and why.
_NOTES = """## Where the rules differ from the format specification's catalogue

- RL-S1-001 runs on the 2021 edition only: the five aspects are the verified wording of
  国办公开办函〔2021〕30号; 60号's text for section 一 is not verified, and all three real
  2019–2020 reports in the corpus omit one aspect.
- RL-S6-002 is off by default: the specification marks its items unverified and possibly
  provincial, and an advisory that fires on nearly every correct report would be noise.
- RL-X-002 is not in the catalogue, whose cross-report rule is RL-X-001 (one body's two years):
  it is the next id of that family, for a parent's report against its children's in one batch.
  It needs the office's roster (`--roster`) and is off by default: a district's own figures may
  rightly differ from its departments' (the children's list may be incomplete, a body may report
  for itself alone). `--select RL --select RL-X-002` runs every rule and it; `check`, `annotate`
  and `export` read every file first, then check each parent's report again with the sum.
- RL-STR-002 has a warning-level case for headings that are probably misspelt (a real 2022
  report reads 「行政法复议」); without it such a report would get RL-STR-001 "section missing".
- RL-NAR-001 accepts 「收到申请N件」 equal to row 一 or to 一 + 二: real reports count the
  carried-over application as received.
- The catalogue's one narrative rule is split so each part can be selected or ignored: shares and
  year-on-year changes (RL-NAR-002/003), the period's dates (RL-META-003), the preamble's parts
  (RL-STR-003) and the documents cited (RL-CITE-001/002); docs/narrative.md.
- RL-META-001 accepts a file name carrying the publication year (report year + 1).
- RL-META-002 applies the 1月31日 deadline only when the body is recognisably a department; for a
  government or a body it cannot classify it uses 3月31日, to avoid false findings.
"""


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
    out.append(_NOTES)
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
