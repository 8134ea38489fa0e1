"""Chinese throughout with --lang zh, English throughout with --lang en: every message template of
both languages is scanned (rules, reading errors, reporters, Word comments, the CLI and its help)."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.run.check import Options, check_file
from linter.cli import main
from linter.config.configuration import Config
from linter.errors import _OS_ERRORS
from linter.i18n import CATALOGUE
from linter.reporters import get_reporter
from linter.ruleset.loader import builtin_editions, builtin_ruleset

from tests.conftest import ROOT

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin words a Chinese message may hold: names of formats, programs, options and codes.
ZH_ALLOWED = {
    "RL",
    "IO",
    "INT",
    "PARSE",
    "Word",
    "WPS",
    "PDF",
    "OCR",
    "XML",
    "YAML",
    "UTF",
    "GBK",
    "zip",
    "docx",
    "doc",
    "wps",
    "docm",
    "html",
    "htm",
    "MHT",
    "MHTML",
    "OpenDocument",
    "odt",
    "RTF",
    "Strict",
    "OOXML",
    "libreoffice",
    "headless",
    "convert",
    "to",
    "LibreOffice",
    "reportlint",
    "debug",
    "prune",
    "baseline",
    "write",
    "select",
    "ignore",
    "reviewed",
    "lang",
    "text",
    "json",
    "sarif",
    "junit",
    "github",
    "gitlab",
    "csv",
    "xlsx",
    "Excel",
    "CPU",
    "PATH",
    "true",
    "false",
    "check",
    "annotate",
    "error",
    "warning",
    "info",
    "format",
    "zh",
    "en",
    "requests",
    "balance",
    "max",
    "file",
    "bytes",
    "Office",
    "OFD",
    # the server's protocol: a form field and its encoding, a header, a unit
    "multipart",
    "form",
    "data",
    "files",
    "path",
    "Host",
    "MB",
}
# Names of file structures, formats, keys and variables that reading errors mention.
ZH_ALLOWED |= {
    "FIFO",
    "xls",
    "ppt",
    "PowerPoint",
    "OLE",
    "Table",
    "EncryptedPackage",
    "Clx",
    "WordDocument",
    "DOCTYPE",
    "DocRoot",
    "JSON",
    "bodies",
    "CSV",
    "TMPDIR",
}
# Not text: the link to the other language names that language in itself; language tags.
OTHER_LANGUAGE = {"serve.lang_other", "lang.tag", "lang.other"}


def _outside_quotes(text: str) -> str:
    """The text without quoted labels (「…」, 《…》), placeholders ({…}) and option names (--x)."""
    return re.sub(
        r"「[^」]*」|《[^》]*》|\{[^}]*\}|--[a-z-]+|RL-[A-Z0-9-]+|\S+\.(?:docx|yaml|xlsx|txt|xml)|\b\w+\.\w+\b",
        "",
        text,
    )


def _templates() -> list[tuple[str, str, str]]:
    """(where, zh, en) for every template a user can see."""
    out: list[tuple[str, str, str]] = []
    for edition in builtin_editions():
        for rule in builtin_ruleset(edition).rules:
            out.append((f"{rule.id} summary", rule.summary["zh"], rule.summary["en"]))
            for variant, message in rule.messages.items():
                out.append((f"{rule.id} {variant}", message["zh"], message["en"]))
    out += [(key, entry["zh"], entry["en"]) for key, entry in CATALOGUE.items()]
    return out


TEMPLATES = _templates()


def test_every_template_exists_in_both_languages() -> None:
    assert len(TEMPLATES) > 250
    for where, zh, en in TEMPLATES:
        assert zh and en and "None" not in zh and "None" not in en, where


ONE_LANGUAGE = [x for x in TEMPLATES if x[0] not in OTHER_LANGUAGE]


@pytest.mark.parametrize(("where", "zh", "en"), ONE_LANGUAGE, ids=[w for w, _, _ in ONE_LANGUAGE])
def test_no_english_in_chinese_and_no_chinese_in_english(where: str, zh: str, en: str) -> None:
    words = [w for w in LATIN_WORD.findall(_outside_quotes(zh)) if w not in ZH_ALLOWED]
    assert not words, f"{where}: English inside Chinese: {words} in {zh!r}"
    assert not CJK.search(_outside_quotes(en)), f"{where}: Chinese outside quotes in English: {en!r}"


@pytest.mark.parametrize("edition", builtin_editions())
def test_basis_names_the_regulation_or_the_format_notice(edition: int) -> None:
    for rule in builtin_ruleset(edition).rules:
        assert not re.search(r"spec|§|\bE\d+\b|T3-[A-D]|X-\d", rule.basis), (rule.id, rule.basis)
        if not rule.id.startswith(("RL-PARSE", "RL-S6-002")):
            assert re.search(r"条例|国办公开办函|年度报告格式", rule.basis), (rule.id, rule.basis)


@pytest.mark.parametrize("fmt", ["text", "github", "sarif", "junit", "gitlab", "html", "csv"])
def test_each_reporter_speaks_one_language(fmt: str) -> None:
    """The words a reporter adds (severity, expected/found, the summary) are of one language; the
    document's own labels (sections, rows) stay as the report writes them."""
    files = [ROOT / "examples/sample_2021_broken_table3.docx", ROOT / "fixtures/rules/tpl_residue.docx"]
    out = {
        lang: get_reporter(fmt)(lang=lang).render([check_file(f, Options(lang=lang)) for f in files])
        for lang in ("zh", "en")
    }
    for lang, text in out.items():
        assert "None" not in text and "实为 None" not in text, lang
    # What the report itself says (labels, quotes, messages, a rule's basis and examples) is taken
    # out; what remains of the English output is the reporter's own words: no Chinese at all.
    english = out["en"]
    document = {
        x
        for f in files
        for r in [check_file(f, Options(lang="en"))]
        for x in [
            r.path,
            *(r.pair_key or ())[:1],
            *(
                y
                for g in r.findings
                for loc in (g.location, *g.related)
                for y in (g.message, loc.section, loc.row_label, loc.column_label, loc.text, g.expected, g.actual)
                if y
            ),
        ]
    }
    document |= {
        x
        for e in builtin_editions()
        for rule in builtin_ruleset(e).rules
        for x in (rule.basis, rule.examples["pass"], rule.examples["fail"])
    }
    for text in sorted(document, key=len, reverse=True):
        for form in (
            text,
            text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"),
            text.replace('"', '\\"'),
            text.replace("\n", "&#10;"),
        ):
            english = english.replace(form, "")
    assert not CJK.search(re.sub(r"「[^」]*」", "", english)), (fmt, CJK.findall(english)[:20])
    for word in ("错误", "警告", "提示", "应为", "实为"):
        assert word not in re.sub(r"「[^」]*」", "", english), (fmt, word)
    if fmt in ("text", "github", "sarif", "html"):
        assert "应为 3050" in out["zh"] and "make it 3050" in out["en"]
        # The message states both values: no note repeats them.
        assert "（应为 3050" not in out["zh"] and "(expected 3050" not in out["en"]
    assert " error " not in out["zh"] and "(expected" not in out["zh"]


def test_text_output_uses_chinese_severity_words_and_quotes_the_place() -> None:
    out = get_reporter("text")(lang="zh").render([check_file(ROOT / "fixtures/rules/tpl_residue.docx")])
    assert "错误 RL-TPL-001" in out and "error RL-" not in out
    assert "原文「" in out


def test_os_errors_are_translated_with_their_cause(tmp_path: Path) -> None:
    result = check_file(tmp_path / "nope.docx")
    assert result.error is not None and result.error.message == "无法读取文件：文件或文件夹不存在"
    result = check_file(tmp_path / "nope.docx", Options(lang="en"))
    assert result.error is not None and result.error.message == "the file cannot be read: no such file or folder"
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert check_file(folder).error.message == "无法读取文件：这是文件夹，不是文件"  # type: ignore[union-attr]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    assert check_file(broken).error.message == "文件已损坏，不是有效的 zip/.docx 包：不是 zip 文件"  # type: ignore[union-attr]
    assert errno.ENOENT in _OS_ERRORS


def test_help_is_chinese_by_default_and_follows_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}

    def run(*args: str, **extra: str) -> str:
        cmd = [sys.executable, "-m", "linter", *args]
        return subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env={**env, **extra}).stdout

    out = run("check", "--help")
    assert (
        out.startswith("用法：python -m linter check [OPTIONS] 文件或文件夹...")
        and "只检查这些规则" in out
        and "选项：" in out
    )
    assert "Only these rules" not in out
    assert run("check", "--help", LANG="en_US.UTF-8").startswith("Usage: python -m linter check")
    assert "Only these rules" in run("check", "--help", "--lang", "en")
    (tmp_path / "reportlint.yaml").write_text("lang: en\n", encoding="utf-8")
    assert run("--help").startswith("Usage: python -m linter")
    assert Config().lang == "zh"


def test_explain_levels_are_what_check_emits(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["explain", "RL-META-001"]).output
    errors = "统计期限的年度（…年）与标题中的年度（…年）不一致；标题中的年度（…年）与统计期限中的年度（…年）不一致，标题应为…年度报告"
    assert f"级别:\n  错误: {errors}\n  警告: " in out
    assert "默认级别: warning" not in out
