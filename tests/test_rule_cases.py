"""Every rule's examples run (rules/*.yaml ``examples:``): each report excerpt, read by the text
reader and checked as a whole report is, gives exactly the findings of its rule that its case lists
(message variant and place by the format's labels); a passing example gives none."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

import pytest

from linter.engine.lint import Selection
from linter.findings import Finding
from linter.ruleset.examples import ExpectedFinding, RuleCase
from linter.ruleset.loader import RuleSpec, builtin_editions, builtin_ruleset
from linter.run.check import Options, check_file
from linter.run.previous import load_previous
from tests.conftest import ROOT


def _rules() -> dict[str, RuleSpec]:
    """Every bundled rule once (a rule of common.yaml is in every edition, with the same cases)."""
    out: dict[str, RuleSpec] = {}
    for edition in builtin_editions():
        for rule in builtin_ruleset(edition).rules:
            out.setdefault(rule.id, rule)
    return out


RULES = _rules()
CASES = [(rule, i, case) for rule in RULES.values() for i, case in enumerate(rule.cases)]


def variant_of(rule: RuleSpec, message: str) -> str:
    """The message variant a finding's (Chinese) message was rendered from: the template whose
    fixed text it matches, the one with the most fixed text when several do."""
    fits = []
    for variant, texts in rule.messages.items():
        parts = re.split(r"\{[^{}]*\}", texts["zh"])
        if re.fullmatch(".*?".join(map(re.escape, parts)), message, re.S):
            fits.append((sum(map(len, parts)), variant))
    return max(fits)[1] if fits else f"? {message}"


def _row(rule: RuleSpec, f: Finding, like: Optional[ExpectedFinding]) -> tuple[Any, ...]:
    """A finding as its case names it: the variant and labels, and the section, expected and actual
    values where the case gives them."""
    loc = f.location
    return (
        variant_of(rule, f.message),
        loc.table,
        loc.row_label,
        loc.column_label,
        loc.section if like is not None and like.section is not None else None,
        f.expected if like is not None and like.expected is not None else None,
        f.actual if like is not None and like.actual is not None else None,
    )


def _expected_row(e: ExpectedFinding) -> tuple[Any, ...]:
    return (e.variant, e.table, e.row, e.column, e.section, e.expected, e.actual)


def run_case(rule: RuleSpec, case: RuleCase, folder: Path) -> list[Finding]:
    """The rule's findings on the case's report, checked as the command line checks a file."""
    if case.fixture is not None:
        path = ROOT / case.fixture
    else:
        path = folder / case.file
        path.write_text(case.report or "", encoding="utf-8")
    previous = None
    if case.previous is not None:
        last = folder / "previous.txt"
        last.write_text(case.previous, encoding="utf-8")
        previous, failed = load_previous(last, Options())
        assert failed is None
    selection = Selection() if rule.enabled else Selection(select=(rule.id,))
    result = check_file(path, Options(selection=selection), previous)
    assert result.error is None
    return [f for f in result.findings if f.rule == rule.id]


@pytest.mark.parametrize("rule,index,case", CASES, ids=[f"{r.id}-{c.outcome}-{i}" for r, i, c in CASES])
def test_rule_case(rule: RuleSpec, index: int, case: RuleCase, tmp_path: Path) -> None:
    found = run_case(rule, case, tmp_path)
    if case.outcome == "pass":
        assert [f.message for f in found] == []
        return
    # Pair each finding with a listed one of its variant and labels (to compare what the case gives).
    expected = sorted(map(_expected_row, case.findings), key=repr)
    likes = {(e.variant, e.table, e.row, e.column): e for e in case.findings}
    got = []
    for f in found:
        row = _row(rule, f, None)
        got.append(_row(rule, f, likes.get(row[:4])))
    assert sorted(got, key=repr) == expected


# Rules that judge one report against others of the batch (a parent's against its children's,
# with a roster): one report cannot show them; tests/test_rollup.py checks them on batches.
BATCH_KINDS = {"rollup"}


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    batch = {rule.id for rule in RULES.values() if {c.name for c in rule.checks} <= BATCH_KINDS}
    assert batch == {"RL-X-002"}
    missing = sorted(
        (rule.id, outcome)
        for rule in RULES.values()
        if rule.id not in batch
        for outcome in ("pass", "fail")
        if not any(c.outcome == outcome for c in rule.cases)
    )
    assert missing == []


def test_the_variant_of_a_message_is_found() -> None:
    rule = RULES["RL-STR-001"]
    assert variant_of(rule, "缺少第五部分「五、存在的主要问题及改进情况」") == "missing"
    assert variant_of(rule, "第六部分「六、其他需要报告的事项」出现了不止一次") == "duplicate"
    assert variant_of(rule, "别的话").startswith("?")
