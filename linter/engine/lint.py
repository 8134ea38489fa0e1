"""Run a rule set's compiled rules on a recognised report; stamp rule id, severity and message;
reconcile what the findings say together (linter/engine/reconcile.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional

from linter.checks import Draft, Traits
from linter.checks.parse import named_pictures
from linter.findings import Finding
from linter.i18n import fill
from linter.recognise.report import Report
from linter.engine.reconcile import reconcile
from linter.ruleset.specs import RuleSet, RuleSpec
from linter.engine.sourcepos import locate, unreadable


@dataclass(frozen=True)
class Selection:
    """Which rules run and with which severity (from the command line / configuration)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)

    def enabled(self, rule: RuleSpec) -> bool:
        def hit(patterns: Iterable[str]) -> bool:
            return any(
                rule.id == p or rule.id.startswith(p) or rule.name == p or rule.name.startswith(p + ".")
                for p in patterns
            )

        if self.select and not hit(self.select):
            return False
        if not rule.enabled and not any(p == rule.id or p == rule.name for p in self.select):
            return False  # an opt-in rule runs only when named explicitly
        return not hit(self.ignore)


def render_message(rule: RuleSpec, draft: Draft, lang: str) -> str:
    """The rule's message for the draft's variant in ``lang``, its parameters written in ``lang`` too."""
    return fill(rule.messages[draft.variant][lang], lang, draft.params)


def lint(report: Report, ruleset: RuleSet, lang: str = "zh", selection: Optional[Selection] = None) -> list[Finding]:
    selection = selection or Selection()
    doc = report.document
    items: list[tuple[Finding, Draft, Traits]] = []
    verdict: list[Finding] = []  # a file that is not a report: that finding alone
    seen: set[tuple[str, str, object]] = set()
    foreign = _foreign_tables(report, ruleset)
    pictures = bool(doc.notices) and named_pictures(report, ruleset)
    for rule in ruleset.rules:
        if not selection.enabled(rule):
            continue
        for check in rule.checks:
            traits = check.kind.traits
            for draft in check.kind.run(report, check.compiled):
                if not (traits.reads_unreadable or traits.reads_words) and unreadable(
                    doc, (draft.location, *draft.related)
                ):
                    continue  # the reader could not read these cells: RL-PARSE-xxx says so instead
                if pictures and draft.variant in traits.may_be_pictured:
                    continue  # a picture the reader cannot read may hold it (RL-PARSE-003 names the picture)
                if traits.own_edition_only and draft.location.block in foreign:
                    continue  # a table of the other edition: RL-VER-001 says so, its rows are not "missing"
                severity = selection.severity.get(rule.id) or rule.severities.get(draft.variant) or rule.severity
                finding = Finding(
                    rule=rule.id,
                    name=rule.name,
                    severity=severity,
                    message=render_message(rule, draft, lang),
                    location=locate(doc, draft.location),
                    expected=draft.expected,
                    actual=draft.actual,
                    related=tuple(locate(doc, loc) for loc in draft.related),
                    fix=draft.fix,
                )
                key = (finding.rule, finding.message, finding.location)
                if key in seen:
                    continue
                seen.add(key)
                if traits.verdict:
                    verdict.append(finding)
                else:
                    items.append((finding, draft, traits))
    if verdict:  # not a report: that finding, and what the reader could not read (it may be why)
        return verdict + [finding for finding, _draft, traits in items if traits.reads_unreadable]
    findings = reconcile(items, lang)
    findings.sort(key=Finding.sort_key)
    return findings


def _foreign_tables(report: Report, ruleset: RuleSet) -> set[int]:
    """Blocks of the tables written in the other edition when a report mixes both editions."""
    ev = report.evidence
    if len(ev.found) < 2:
        return set()
    blocks = {sig.block for edition, sigs in ev.found if edition != ruleset.edition for sig in sigs}
    # The logical table a foreign signature sits in (a split table spans several blocks).
    for table in report.tables.values():
        if blocks.intersection(table.blocks):
            blocks.update(table.blocks)
    return blocks
