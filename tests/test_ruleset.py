"""Rule sets: the bundled ones load; broken ones are reported as `file: json-path: what is wrong (line N)`."""

from __future__ import annotations

import json

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.i18n import rendered
from linter.cli import main
from linter.errors import RuleSetError
from linter.ruleset.loader import builtin_ruleset, load_ruleset
from linter.ruleset.resources import data_dir
from tests.test_kinds import RULES

CATALOGUE_2021 = {
    "RL-STR-001",
    "RL-T3-001",
    "RL-T3-002",
    "RL-T3-003",
    "RL-T3-004",
    "RL-T3-005",
    "RL-T3-006",
    "RL-T4-001",
}


def en(message: object) -> str:
    """A rule-file error's message in English."""
    return str(rendered(message, "en"))


def test_builtin_2021_has_the_catalogue_rules() -> None:
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
    (tmp_path / "common.yaml").write_text(
        (data_dir("rules") / "common.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("text", "path", "line", "message"),
    [
        ("id: x\ntitle: [unclosed\n", "$", 3, "YAML syntax error: line 3"),
        ("id: x\n", "$", 1, "'title' is a required property"),
        ("id: x\ntitle: t\nrules: [{id: RL-X-1}]\n", "$.rules[0]", 3, "'name' is a required property"),
        ("id: x\ntitle: t\nsections: [{key: a, number: 七, title: t}]\n", "$.sections[0].number", 3, "is not one of"),
        ("id: x\ntitle: t\nextends: [missing.yaml]\n", "$.extends[0]", 3, "no such file"),
        ("id: x\ntitle: t\n\nsurprise: 1\n", "$", 4, "unknown key 'surprise'"),
        ("id: x\ntitle: t\nid: y\n", "$", 3, "duplicate key 'id', first at line 1"),
        ("id: x\ntitle: t\nextends: [r.yaml]\n", "$.extends[0]", 3, "circular extends"),
        ("id: x\ntitle: t\nbasis: &a [*a]\n", "$", 3, "recursive YAML"),
        ("id: x\ntitle: t\nbasis: !!python/object:os.system [ls]\n", "$", 3, "YAML syntax error: line 3"),
        ("- just\n- a list\n", "$", 1, "a rule file must be a mapping"),
    ],
)
def test_broken_rule_files(tmp_path: Path, text: str, path: str, line: int, message: str) -> None:
    with pytest.raises(RuleSetError) as info:
        load_ruleset(write(tmp_path, text))
    assert (info.value.path, info.value.line) == (path, line) and message in en(info.value.message), str(info.value)
    assert info.value.render("en").startswith(f"{tmp_path / 'r.yaml'}: {path}: ") and info.value.render("en").endswith(
        f" (line {line})"
    )


def test_expression_errors_point_at_the_rule(tmp_path: Path) -> None:
    common_copy(tmp_path)
    bad = write(
        tmp_path,
        """id: x
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
""",
    )
    with pytest.raises(RuleSetError) as info:
        load_ruleset(bad)
    assert info.value.path == "$.rules[2].checks[0].expr" and "unknown name 'nonsense'" in en(info.value.message)
    assert (info.value.file, info.value.line) == (str(bad), 12)  # the rule's `check:` line in its own file


def test_cli_reports_broken_rule_file_with_exit_2(tmp_path: Path) -> None:
    bad = write(tmp_path, "id: x\ntitle: t\nrules: [{id: RL-X-1}]\n")
    result = CliRunner().invoke(main, ["check", "--rules", str(bad), "nothing.docx"])
    assert result.exit_code == 2
    assert f"{bad}：$.rules[0]：缺少必填项「name」（第 3 行）" in result.output
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--rules", str(bad), "nothing.docx"])
    assert result.exit_code == 2
    assert f"{bad}: $.rules[0]: 'name' is a required property (line 3)" in result.output
    assert "RL-IO" not in result.output and "Traceback" not in result.output  # no report was read


RULE = """  - id: RL-T3-002
    name: requests.balance
    severity: error
    summary: {zh: a, en: a}
    basis: b
    messages: {violated: {zh: m, en: m}}
    check: CHECK
    examples: {pass: p, fail: f}
"""
EXTENDING = "id: x\ntitle: t\nedition: 2021\nextends: [common.yaml]\nrules:\n"
GOOD_CHECK = '{kind: equation, table: t3, each: column, expr: "new == total", anchor: total}'


@pytest.mark.parametrize(
    ("check", "path", "message"),
    [
        (
            "{kind: nope, table: t3}",
            "$.rules[2].checks[0].kind",
            "unknown check kind 'nope' of rule RL-T3-002 (known: blanks,",
        ),
        (
            '{kind: equation, table: t9, each: column, expr: "a == b", anchor: a}',
            "$.rules[2].checks[0].table",
            "unknown table 't9'",
        ),
        (
            '{kind: equation, table: t3, each: column, expr: "new + == total", anchor: total}',
            "$.rules[2].checks[0].expr",
            "syntax error at column",
        ),
        (
            '{kind: equation, table: t3, each: column, expr: "new + sum(nogroup) == total", anchor: total}',
            "$.rules[2].checks[0].expr",
            "unknown group 'nogroup'",
        ),
        (
            '{kind: equation, table: t3, each: column, expr: "new == total", anchor: nowhere}',
            "$.rules[2].checks[0].expr",
            "unknown anchor 'nowhere'",
        ),
        (
            "{kind: equation, table: t3, each: column, expr: \"__import__('os') == total\", anchor: total}",
            "$.rules[2].checks[0].expr",
            "not allowed",
        ),
        (
            '{kind: equation, table: t3, each: column, expr: "new == 1e999", anchor: new}',
            "$.rules[2].checks[0].expr",
            "number out of range",
        ),
    ],
)
def test_check_errors_name_file_line_and_path(tmp_path: Path, check: str, path: str, message: str) -> None:
    common_copy(tmp_path)
    bad = write(tmp_path, EXTENDING + RULE.replace("CHECK", check))
    with pytest.raises(RuleSetError) as info:
        load_ruleset(bad)
    assert info.value.path == path and message in en(info.value.message), str(info.value)
    assert info.value.file == str(bad) and info.value.line == 12, str(info.value)


def test_duplicate_rule_ids_in_one_file(tmp_path: Path) -> None:
    common_copy(tmp_path)
    bad = write(tmp_path, EXTENDING + RULE.replace("CHECK", GOOD_CHECK) * 2)
    with pytest.raises(RuleSetError) as info:
        load_ruleset(bad)
    assert info.value.render("en") == f"{bad}: $.rules[1].id: duplicate rule id RL-T3-002, first at line 6 (line 14)"


def test_duplicate_of_a_builtin_rule_in_an_extra_file(tmp_path: Path) -> None:
    extra = write(tmp_path, "id: x\ntitle: t\nrules:\n" + RULE.replace("CHECK", GOOD_CHECK), "extra.yaml")
    with pytest.raises(RuleSetError) as info:
        load_ruleset(data_dir("rules") / "gov-2021.yaml", extra=(str(extra),))
    assert (info.value.file, info.value.line, info.value.path) == (str(extra), 4, "$.rules[0].id")


def test_yaml_bombs_and_deep_nesting_are_refused_quickly(tmp_path: Path) -> None:
    import time

    laughs = "id: x\ntitle: t\nbasis: &a0 [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)
    )
    deep = "id: x\ntitle: t\nbasis: " + "[" * 5000 + "]" * 5000 + "\n"
    for text, message in ((laughs, "expands to more than"), (deep, "nested too deeply")):
        start = time.monotonic()
        with pytest.raises(RuleSetError) as info:
            load_ruleset(write(tmp_path, text))
        assert message in en(info.value.message) and time.monotonic() - start < 5


def test_a_rule_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes("id: x\ntitle: 标题\n".encode("gbk"))
    with pytest.raises(RuleSetError) as info:
        load_ruleset(path)
    assert (info.value.render("zh"), info.value.render("en")) == (
        f"{path}：$：无法读取：不是 UTF-8 编码的文本",
        f"{path}: $: cannot read: not UTF-8 text",
    )


def _known_kinds(sep: str) -> str:
    from linter.checks import KINDS

    return sep.join(sorted(KINDS))


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (  # not YAML: the parser's own words in English
            "id: x\ntitle: [unclosed\n",
            "$：YAML 语法错误（括号、引号或缩进不完整）（第 3 行）",
            "$: YAML syntax error: line 3, column 1: did not find expected ',' or ']' (line 3)",
        ),
        (  # against the schema
            "id: x\ntitle: t\nsections: [{key: a, number: 七, title: t}]\n",
            "$.sections[0].number：「七」不是可用的值（可用：一、二、三、四、五、六）（第 3 行）",
            "$.sections[0].number: '七' is not one of 一, 二, 三, 四, 五, 六 (line 3)",
        ),
        (  # a kind the registry does not have
            RULES.replace('{kind: KIND, word: "WORD"}', '{kind: wrod, word: "x"}'),
            "$.rules[0].checks[0].kind：规则 RL-ORG-001 的检查类型「wrod」不存在（可用："
            + _known_kinds("、")
            + "）（第 10 行）",
            "$.rules[0].checks[0].kind: unknown check kind 'wrod' of rule RL-ORG-001 (known: "
            + _known_kinds(", ")
            + ") (line 10)",
        ),
    ],
)
def test_rule_file_errors_in_both_languages(tmp_path: Path, text: str, zh: str, en: str) -> None:
    """A broken rule file is told in Chinese by default and in English with --lang en (exit 2)."""
    bad = write(tmp_path, text)
    for lang, told in (([], zh), (["--lang", "en"], en)):
        result = CliRunner().invoke(main, ["check", *lang, "--rules", str(bad), "nothing.docx"])
        assert (result.exit_code, result.output) == (2, f"{bad}{'：' if not lang else ': '}{told}\n")


def test_builtin_rule_files_still_load_with_positions() -> None:
    from linter.ruleset.yamlload import LineDict, load, locate

    path = data_dir("rules") / "common.yaml"
    data = load(path.read_text(encoding="utf-8"), str(path))
    assert isinstance(data, LineDict) and data.lines["rules"] > 1
    file, line = locate(data, "$.rules[0].id")
    assert file == str(path) and path.read_text(encoding="utf-8").splitlines()[line - 1].lstrip().startswith("- id:")


def _extra_with_parent(tmp_path: Path, rule_id: str) -> Path:
    """An organisation's extra file that holds nothing but an ``extends`` of a parent with one rule."""
    write(
        tmp_path,
        "id: p\ntitle: parent\nrules:\n"
        + RULE.replace("RL-T3-002", rule_id)
        .replace("requests.balance", "org." + rule_id.lower())
        .replace("CHECK", GOOD_CHECK),
        "parent.yaml",
    )
    return write(tmp_path, "id: x\ntitle: t\nextends: [parent.yaml]\n", "extra.yaml")


def test_the_rule_set_cache_follows_edits_to_files_reached_by_extends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import linter.ruleset.loader as ruleset_module

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    extra = _extra_with_parent(tmp_path, "ORG-A-001")
    for expected in ("ORG-A-001", "ORG-A-001", "ORG-B-001"):
        if expected == "ORG-B-001":  # the parent is edited; the file named on the command line is not
            _extra_with_parent(tmp_path, "ORG-B-001")
        ruleset_module._CACHE.clear()  # a new process: only the disk cache remains
        ids = {r.id for r in builtin_ruleset(2021, (str(extra),)).rules}
        assert expected in ids and ({"ORG-A-001", "ORG-B-001"} - {expected}).isdisjoint(ids)
    entries = list((tmp_path / "cache").iterdir())
    assert len(entries) == 1 and entries[0].suffix == ".json"  # data, not pickled objects


def test_a_damaged_cache_entry_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import linter.ruleset.loader as ruleset_module

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    ruleset_module._CACHE.clear()
    first = builtin_ruleset(2019)
    (entry,) = tmp_path.iterdir()
    entry.write_text('{"files": [["version", "0"]], "data": {}}', encoding="utf-8")
    ruleset_module._CACHE.clear()
    assert {r.id for r in builtin_ruleset(2019).rules} == {r.id for r in first.rules}
    ruleset_module._CACHE.clear()


def test_publication_deadlines_and_the_fee_keyword_are_rule_data(tmp_path: Path) -> None:
    rs = builtin_ruleset(2021)
    (publication,) = rs.rule("RL-META-002").checks
    assert {k: (d.month, d.day) for k, d in publication.params.deadlines.items()} == {
        "department": (1, 31),
        "default": (3, 31),
    }
    assert rs.rule("RL-META-001").checks[0].params.fee_keyword == "处理费"
    common_copy(tmp_path)
    write(tmp_path, (data_dir("rules") / "gov-2021.yaml").read_text(encoding="utf-8"), "gov-2021.yaml")
    bad = write(
        tmp_path,
        EXTENDING.replace("common.yaml", "gov-2021.yaml")
        + RULE.replace("RL-T3-002", "RL-X-001")
        .replace("requests.balance", "x.late")
        .replace("CHECK", "{kind: publication, deadlines: {default: {month: 2, day: 30}}}"),
    )
    with pytest.raises(RuleSetError) as info:
        load_ruleset(bad)
    assert (
        info.value.path.endswith(".checks[0].deadlines.default")
        and en(info.value.message) == "no such day: month 2, day 30 (rule RL-X-001, publication check)"
    )
    assert (info.value.file, info.value.line) == (str(bad), 12)  # the check's line


def test_a_rule_file_given_for_a_batch_goes_to_the_checking_children() -> None:
    # Two files run in child processes, each sent the compiled rule set of --rules: it must cross
    # the process boundary whole (a compiled check holding closures could not).
    root = Path(__file__).resolve().parents[1]
    files = [str(root / "examples" / n) for n in ("pingtan_2021_correct.docx", "sample_2021_broken_table3.docx")]
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--rules", str(root / "rules" / "gov-2021.yaml"), *files]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [(Path(f["path"]).name, f["error"], [x["rule"] for x in f["findings"]]) for f in data["files"]] == [
        ("pingtan_2021_correct.docx", None, []),
        ("sample_2021_broken_table3.docx", None, ["RL-T3-008"]),
    ]
