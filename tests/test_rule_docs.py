"""Meta-tests: every rule is documented, explained by the CLI, and has a failing and a passing fixture."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.checks.bindings import RelationCheck
from linter.run.check import Options, check_file
from linter.run.previous import load_previous
from linter.cli import main
from linter.engine.lint import Selection
from linter.ruleset.expr import PREV, names
from linter.ruleset.loader import builtin_editions, builtin_ruleset
from tests.expected import load_expected, sidecar, sidecar_options

from tests.conftest import ROOT

FIXTURES = sorted(f for f in (ROOT / "fixtures").rglob("*") if f.is_file() and sidecar(f).is_file())
EDITIONS = builtin_editions()
CASES = [(e, r.id) for e in EDITIONS for r in builtin_ruleset(e).rules]


@lru_cache(maxsize=None)
def fixture_edition(path: Path) -> int | None:
    options = sidecar_options(path)
    previous = load_previous(path.parent / options["previous"], Options())[0] if "previous" in options else None
    return check_file(path, Options(selection=Selection(select=("RL-STR-001",))), previous).edition


def _ran(rule_id: str, path: Path) -> bool:
    """Whether the rule was among the rules run on the fixture (edition, selection, previous year)."""
    rules = {r.id: r for r in builtin_ruleset(fixture_edition(path) or 2021).rules}
    if rule_id not in rules:
        return False  # an edition-specific rule and a fixture of the other edition
    rule = rules[rule_id]
    options = sidecar_options(path)
    select = options.get("select", [])
    if (select and rule.id not in select) or (not rule.enabled and rule.id not in select):
        return False
    needs_previous = any(
        n.startswith(PREV)
        for c in rule.checks
        if isinstance(c.compiled, RelationCheck)
        for n in names(c.compiled.relation.left) + names(c.compiled.relation.right)
    )
    return not needs_previous or "previous" in options


def editions_to_cover(rule_id: str) -> tuple[int | None, ...]:
    """Rules on table 2 (which differs between the editions) and the edition rule need fixtures of
    both editions; the shared rules are the same YAML entry and need fixtures of either."""
    rule = builtin_ruleset(2021).rule(rule_id)
    per_edition = rule_id == "RL-VER-001" or any(
        getattr(c.params, "table", None) == "t2" or "t2" in getattr(c.params, "tables", ()) for c in rule.checks
    )
    return EDITIONS if per_edition else (None,)


@pytest.mark.parametrize(("edition", "rule_id"), CASES)
def test_rule_is_documented(edition: int, rule_id: str) -> None:
    rule = builtin_ruleset(edition).rule(rule_id)
    assert rule.summary["zh"] and rule.summary["en"] and rule.basis
    assert rule.examples["pass"] and rule.examples["fail"]
    assert all(m["zh"] and m["en"] for m in rule.messages.values())
    out = CliRunner().invoke(main, ["explain", rule_id, "--edition", str(edition), "--lang", "en"]).output
    assert rule_id in out and rule.basis in out
    if rule.unverified:
        assert rule.severity != "error", "a requirement the spec marks [U] is never an error"


RULE_IDS = sorted({r.id for e in EDITIONS for r in builtin_ruleset(e).rules})
# Rules that judge a report against others of its batch (a parent's tables against its children's,
# with a roster): no single fixture fails or passes them. Their failing and passing batches are the
# tests named here, run on the inbox fixtures.
BATCH_RULES = {
    "RL-X-002": "tests/test_rollup.py::test_the_rollup_rule_finds_the_planted_difference_and_names_the_missing_child",
}
COVERAGE = [(rule_id, e) for rule_id in RULE_IDS if rule_id not in BATCH_RULES for e in editions_to_cover(rule_id)]


def test_batch_rules_are_the_rules_of_batch_kinds_and_have_their_tests() -> None:
    batch = {r.id for e in EDITIONS for r in builtin_ruleset(e).rules if all(c.name == "rollup" for c in r.checks)}
    assert set(BATCH_RULES) == batch
    for rule_id, test in BATCH_RULES.items():
        path, name = test.split("::")
        source = (ROOT / path).read_text(encoding="utf-8")
        assert f"def {name}(" in source and rule_id in source


@pytest.mark.parametrize(("rule_id", "edition"), COVERAGE)
def test_rule_has_failing_and_passing_fixture(rule_id: str, edition: int | None) -> None:
    mine = [f for f in FIXTURES if (edition is None or fixture_edition(f) == edition) and _ran(rule_id, f)]
    failing = [f for f in mine if any(x["rule"] == rule_id for x in load_expected(f))]
    passing = [f for f in mine if not any(x["rule"] == rule_id for x in load_expected(f))]
    assert failing, f"no failing fixture for {rule_id} ({edition or 'any'} edition)"
    assert passing, f"no passing fixture for {rule_id} ({edition or 'any'} edition)"


def test_docs_rules_md_is_generated_from_the_rule_files() -> None:
    from linter.ruleset.docs import render

    committed = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/rules.md is out of date: python -m linter.ruleset.docs > docs/rules.md"
