"""The command line: exit codes, several files with one unreadable, JSON validated against its schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from linter.cli import main
from linter.ruleset.resources import load_schema
from tests.docxbuild import p, write_docx

from tests.conftest import ROOT

TEMPLATE = ROOT / "fixtures" / "template" / "2021_official_template.docx"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version_and_rules() -> None:
    assert run("--version").output.startswith("reportlint, version ")
    out = run("rules", "--lang", "en").output
    assert "RL-T3-002" in out and "requests.balance" in out


def test_explain() -> None:
    result = run("explain", "rl-t3-002")
    assert result.exit_code == 0 and "表3左上角注明的勾稽关系" in result.output
    assert run("explain", "RL-NOPE-001").exit_code == 2


def test_one_unreadable_file_does_not_stop_the_others(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    ole = tmp_path / "old.doc"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = run("check", "--format", "json", str(empty), str(TEMPLATE), str(ole))
    assert result.exit_code == 2
    data = json.loads(result.output)
    jsonschema.validate(data, load_schema("findings.schema.json"))
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["empty.docx"]["error"]["code"] == "RL-IO-008"
    assert files["old.doc"]["error"]["code"] == "RL-IO-028"
    assert files["2021_official_template.docx"]["error"] is None
    assert files["2021_official_template.docx"]["findings"]
    assert data["summary"]["unreadable"] == 2 and data["summary"]["files"] == 3


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.docx"))
    assert result.exit_code == 2 and "RL-IO-010" in result.output


def test_fail_on_levels_and_english(tmp_path: Path) -> None:
    # Without the template's placeholder errors, only warnings (blank cells) remain:
    # exit 0 by default, 1 with --fail-on warning.
    assert run("check", "--ignore", "RL-TPL-001", str(TEMPLATE)).exit_code == 0
    result = run("check", "--fail-on", "warning", "--ignore", "RL-TPL-001", "--lang", "en", str(TEMPLATE))
    assert result.exit_code == 1
    assert "table 3 has 175 blank cell(s), counted as 0; write 0: the whole table" in result.output
    assert "[block" not in result.output  # labels name the places
    shown = run(
        "check", "--fail-on", "warning", "--ignore", "RL-TPL-001", "--lang", "en", "--show-positions", str(TEMPLATE)
    )
    assert "[block 22 row 4 col 2]" in shown.output
    assert run("check", str(TEMPLATE)).exit_code == 1  # 「（文字描述）」 left in: RL-TPL-001 errors


def test_select_and_ignore(tmp_path: Path) -> None:
    doc = write_docx(tmp_path / "bare.docx", p("一、总体情况"))
    out = run("check", "--format", "json", "--select", "RL-STR", str(doc)).output
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert rules == {"RL-STR-001"}
    out = run(
        "check", "--format", "json", "--ignore", "structure", "--ignore", "RL-T", "--ignore", "content", str(doc)
    ).output
    assert json.loads(out)["files"][0]["findings"] == []


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run("check", "--format", "json", "--output", str(target), str(TEMPLATE))
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    # the machine output went to the file; the terminal gets the human summary
    assert (
        result.output.startswith(
            "共检查 1 个文件：通过 0 个，不通过 1 个，读取存疑 0 个，无法读取 0 个；"
            "共 3 个错误，5 个警告，0 条提示；用时 "
        )
        and "  RL-TPL-001 不得残留模板占位符或格式说明文字：3 错误" in result.output.splitlines()
    )


def test_only_the_command_line_module_imports_click() -> None:
    """A thin CLI: nothing below linter/cli.py knows click (the layout is checked by stage)."""
    import ast

    from tests.conftest import ROOT

    modules = sorted((ROOT / "linter").rglob("*.py"))
    assert len(modules) > 60
    users = []
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        if any(n == "click" or n.startswith("click.") for n in names):
            users.append(module.relative_to(ROOT).as_posix())
    assert users == ["linter/cli.py"]


def test_every_package_is_installed() -> None:
    """setup.cfg lists its packages by name: one left out is missing from an installed copy."""
    import configparser

    from tests.conftest import ROOT

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(cfg["options"]["packages"].split())
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "linter").rglob("__init__.py")}
    assert found - listed == set()


def test_the_output_file_extension_chooses_the_format(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    for name, check_written in (
        ("结果.xlsx", lambda p: load_workbook(p).sheetnames == ["汇总", "文件", "问题"]),
        ("结果.html", lambda p: p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")),
        ("结果.csv", lambda p: p.read_text(encoding="utf-8-sig").startswith("文件,文件结论,规则")),
        ("结果.json", lambda p: json.loads(p.read_text(encoding="utf-8"))["summary"]["files"] == 1),
    ):
        out = tmp_path / name
        result = run("check", str(TEMPLATE), "-o", str(out))
        assert result.exit_code == 1 and check_written(out), name
        assert result.output.rstrip("\n").splitlines()[-1] == f"已写入 {out}"
    english = run("check", "--lang", "en", str(TEMPLATE), "-o", str(tmp_path / "r.txt"))
    assert english.output.rstrip("\n").splitlines()[-1] == f"wrote {tmp_path / 'r.txt'}"
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith(str(TEMPLATE))  # text for other extensions


def test_a_format_the_extension_contradicts_is_refused_before_checking(tmp_path: Path) -> None:
    result = run("check", "--format", "text", str(TEMPLATE), "-o", str(tmp_path / "结果.xlsx"))
    assert result.exit_code == 2 and "--format text" in result.output and "xlsx" in result.output
    assert not (tmp_path / "结果.xlsx").exists() and "RL-" not in result.output


def test_a_binary_format_on_a_terminal_is_refused_before_checking() -> None:
    import os
    import pty
    import subprocess

    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "xlsx", str(TEMPLATE)],
        stdout=child_fd,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    os.close(child_fd)
    os.close(main_fd)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "--format xlsx 生成的是二进制文件，请用 -o 指定输出文件" in err
    assert "Traceback" not in err and "RL-" not in err
