"""Rule sets: the bundled ones load; broken ones are reported as `file: json-path: what is wrong`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.errors import RuleSetError
from linter.ruleset import builtin_ruleset, load_ruleset
from linter.resources import data_dir

CATALOGUE_2021 = {"RL-STR-001", "RL-T3-001", "RL-T3-002", "RL-T3-003", "RL-T3-004", "RL-T3-005", "RL-T3-006",
                  "RL-T4-001"}


def test_builtin_2021_has_the_issue_2_rules() -> None:
    rs = builtin_ruleset(2021)
    assert CATALOGUE_2021 <= {r.id for r in rs.rules}
    t3 = rs.tables["t3"]
    assert len(t3.rows) == 25 and [c.label for c in t3.columns][-1] == "总计"
    assert len(t3.groups["results"]) == 21
    assert len(rs.tables["t4"].columns) == 15


def test_builtin_2019_shares_the_common_file() -> None:
    rs = builtin_ruleset(2019)
    t3 = rs.tables["t3"]
    assert len(t3.rows) == 23 and "other_handling" in t3.groups["results"] and len(t3.groups["results"]) == 19


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def common_copy(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text((data_dir("rules") / "common.yaml").read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("id: x\ntitle: [unclosed\n", "$", "YAML syntax error: line 3"),
        ("id: x\n", "$", "'title' is a required property"),
        ("id: x\ntitle: t\nrules: [{id: RL-X-1}]\n", "$.rules[0]", "'name' is a required property"),
        ("id: x\ntitle: t\nsections: [{key: a, number: 七, title: t}]\n", "$.sections[0].number", "is not one of"),
        ("id: x\ntitle: t\nextends: [missing.yaml]\n", "$.extends[0]", "no such file"),
        ("id: x\ntitle: t\nsurprise: 1\n", "$", "Additional properties"),
    ],
)
def test_broken_rule_files(tmp_path: Path, text: str, path: str, message: str) -> None:
    with pytest.raises(RuleSetError) as info:
        load_ruleset(write(tmp_path, text))
    assert info.value.path == path and message in info.value.message
    assert str(info.value).startswith(str(tmp_path / "r.yaml") + ": " + path + ": ")


def test_expression_errors_point_at_the_rule(tmp_path: Path) -> None:
    common_copy(tmp_path)
    bad = write(tmp_path, """id: x
title: t
edition: 2021
extends: [common.yaml]
rules:
  - id: RL-T3-002
    name: requests.balance
    severity: error
    summary: {zh: a, en: a}
    basis: b
    messages: {violated: {zh: m, en: m}}
    check: {kind: equation, table: t3, each: column, expr: "new + nonsense == total", anchor: total}
    examples: {pass: p, fail: f}
""")
    with pytest.raises(RuleSetError) as info:
        load_ruleset(bad)
    assert info.value.path == "$.rules[2].checks[0].expr" and "unknown name 'nonsense'" in info.value.message


def test_cli_reports_broken_rule_file_with_exit_2(tmp_path: Path) -> None:
    bad = write(tmp_path, "id: x\ntitle: t\nrules: [{id: RL-X-1}]\n")
    result = CliRunner().invoke(main, ["check", "--rules", str(bad), "nothing.docx"])
    assert result.exit_code == 2
    assert f"{bad}: $.rules[0]: 'name' is a required property" in result.output
