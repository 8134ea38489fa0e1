"""Every file under a folder appears in the outputs, checked or skipped with its reason; .zip
archives are opened on the command line (GBK names without the UTF-8 flag decoded); special
paths (FIFOs, link loops, unreadable folders, over-long names) are named, never hang a run and
never give a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, cli, copy

FAULTY = ROOT / "examples" / "sample_2021_broken_table3.docx"
CORRECT = ROOT / "examples" / "pingtan_2021_correct.docx"
PDF = ROOT / "fixtures" / "pdf" / "fail_missing_section.pdf"
HTML = ROOT / "fixtures" / "html" / "fail_t4_sum.html"
ODT = ROOT / "fixtures" / "bad" / "opendocument.odt"
DOC = ROOT / "fixtures" / "doc_export" / "docx" / "fail_blank_cells.doc"
WPS = ROOT / "fixtures" / "doc_export" / "wps" / "filled_2021.wps"
OFD = ROOT / "fixtures" / "ofd" / "2021_pingtan_zhqsyq.ofd"


def _gbk_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip as Chinese Windows' archivers make it: GBK names, no UTF-8 flag (zipfile itself
    writes UTF-8 with the flag, so ASCII stand-ins of the same length are swapped for the names)."""
    data = io.BytesIO()
    names = {}
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        for k, (name, content) in enumerate(members.items()):
            raw = name.encode("gbk")
            stand_in = (f"@{k:02d}@" + "~" * len(raw))[: len(raw)]
            names[stand_in.encode("ascii")] = raw
            z.writestr(stand_in, content)
    out = data.getvalue()
    for stand_in, raw in names.items():
        assert out.count(stand_in) == 2  # the local header and the central directory
        out = out.replace(stand_in, raw)
    path.write_bytes(out)
    assert all(not (i.flag_bits & 0x800) for i in zipfile.ZipFile(path).infolist())
    return path


def _inner_zip() -> bytes:
    """A zip holding a text file and a zip of its own (two and three archives deep in the inbox)."""
    deeper = io.BytesIO()
    with zipfile.ZipFile(deeper, "w") as z:
        z.writestr("y.txt", "y")
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("x.txt", "x")
        z.writestr("更旧.zip", deeper.getvalue())
    return data.getvalue()


def _inbox(tmp_path: Path) -> Path:
    """An office's inbox: reports in every form, things that are not reports, and special entries."""
    box = tmp_path / "收件箱"
    copy(FAULTY, box / "a_表3有误.docx")
    copy(PDF, box / "b_缺少部分.pdf")
    copy(HTML, box / "c_网页.html")
    copy(DOC, box / "c_旧格式.doc")
    copy(WPS, box / "c_金山.wps")
    copy(OFD, box / "c_版式.ofd")
    copy(ODT, box / "d_文档.odt")
    (box / "e_扫描.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    (box / "f_统计.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 50)
    (box / "~$a_表3有误.docx").write_bytes(b"\x08user\x00" * 20)
    _gbk_zip(
        box / "g_乡镇.zip",
        {
            "乡镇/城关镇报告.docx": CORRECT.read_bytes(),
            "乡镇/照片.jpg": b"\xff\xd8\xff\0",
            "乡镇/旧包.zip": _inner_zip(),
        },
    )
    copy(FAULTY, box / "unreadable" / "inside.docx")
    copy(FAULTY, tmp_path / "elsewhere" / "linked.docx")
    os.symlink(tmp_path / "elsewhere", box / "linked_folder")
    os.symlink(box, box / "zz_loop_folder")  # a folder link back up: a loop
    os.symlink(box / "zz_loop_file", box / "zz_loop_file")  # a file link to itself
    os.mkfifo(box / "zz_pipe.docx")
    return box


EXPECTED = {
    "a_表3有误.docx": ("failed", None),
    "b_缺少部分.pdf": ("failed", None),
    "c_网页.html": ("failed", None),
    "c_旧格式.doc": ("failed", None),
    "c_金山.wps": ("passed", None),
    "c_版式.ofd": ("passed", None),
    "d_文档.odt": ("unreadable", "RL-IO-026"),
    "e_扫描.png": ("skipped", "RL-IO-030"),
    "f_统计.xlsx": ("skipped", "RL-IO-030"),
    "g_乡镇.zip/乡镇/城关镇报告.docx": ("passed", None),
    "g_乡镇.zip/乡镇/旧包.zip/x.txt": ("failed", None),
    "g_乡镇.zip/乡镇/旧包.zip/更旧.zip": ("skipped", "RL-IO-030"),
    "g_乡镇.zip/乡镇/照片.jpg": ("skipped", "RL-IO-030"),
    "zz_loop_file": ("unreadable", "RL-IO-010"),
    "zz_pipe.docx": ("unreadable", "RL-IO-031"),
    "~$a_表3有误.docx": ("skipped", "RL-IO-027"),
    "linked_folder/linked.docx": ("failed", None),
    "unreadable": ("unreadable", "RL-IO-010"),
    "zz_loop_folder": ("skipped", "RL-IO-031"),
}


def _unreadable_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Tests run as root, whom permissions do not stop: listing ``folder`` fails as it would for a user."""
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.path.abspath(str(path))) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_mixed_inbox_lists_every_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = _inbox(tmp_path)
    _unreadable_folder(monkeypatch, box / "unreadable")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--format", "json", "--jobs", "2", "收件箱")
    assert result.exit_code == 2  # the unreadable folder, the link loop, the FIFO and the .odt
    data = json.loads(result.stdout)
    got = {
        f["path"].removeprefix("收件箱/"): (f["verdict"], f["error"]["code"] if f["error"] else None)
        for f in data["files"]
    }
    assert got == EXPECTED
    files = {f["path"].removeprefix("收件箱/"): f for f in data["files"]}
    assert files["e_扫描.png"]["error"]["message"] == "不是报告文件：图片 .png"
    assert files["~$a_表3有误.docx"]["error"]["message"].startswith("Word 临时文件")
    assert files["unreadable"]["error"]["message"] == "无法读取文件：文件夹无法读取：没有读取权限"
    assert files["zz_pipe.docx"]["error"]["message"] == "不是普通文件，未打开：命名管道（FIFO）"
    assert files["zz_loop_file"]["error"]["message"] == "无法读取文件：符号链接循环"
    assert (
        files["g_乡镇.zip/乡镇/旧包.zip/更旧.zip"]["error"]["message"]
        == "不是报告文件：嵌套超过两层的压缩包不会展开，请解压后单独检查"
    )
    assert data["summary"]["verdicts"] == {"passed": 3, "failed": 6, "doubtful": 0, "unreadable": 4, "skipped": 6}
    assert data["summary"]["files"] == len(EXPECTED)
    # the text summary counts the same and names the skipped files with their reasons
    text = cli("check", "--jobs", "2", "收件箱").output
    assert "共检查 13 个文件：通过 3 个，不通过 6 个，读取存疑 0 个，无法读取 4 个；" in text
    assert "另有 6 个文件未检查（已跳过，原因见各文件）" in text
    assert "收件箱/e_扫描.png：已跳过 RL-IO-030 不是报告文件：图片 .png" in text
    # every format lists every entry: the spreadsheet's files sheet
    out = tmp_path / "out.xlsx"
    assert cli("check", "--format", "xlsx", "--jobs", "2", "-o", str(out), "收件箱").exit_code == 2
    sheet = load_workbook(out)["文件"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(n.removeprefix("收件箱/") for n in names) == sorted(EXPECTED)


def test_special_paths_never_hang_the_command_line(tmp_path: Path) -> None:
    """A FIFO, a file link loop and a folder link loop: the real program, under a time limit."""
    box = _inbox(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPORTLINT_CACHE_DIR": "off"}
    for args in (
        ["check", str(box / "zz_pipe.docx")],
        ["annotate", str(box / "zz_pipe.docx")],
        ["check", "--format", "json", str(box)],
        ["check", str(box / "zz_loop_file")],
        ["check", "x" * 4200 + ".docx"],
        ["check", str(box / "a_表3有误.docx"), "-o", "y" * 300 + ".json"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "linter", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 2, (args[:2], done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", str(box / "zz_pipe.docx")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "RL-IO-031 不是普通文件，未打开：命名管道（FIFO）" in done.stdout


def test_a_zip_on_the_command_line(tmp_path: Path) -> None:
    archive = _gbk_zip(
        tmp_path / "乡镇报告.zip",
        {"城关镇/2021年报告.docx": FAULTY.read_bytes(), "说明.txt": "不是报告".encode("gb18030")},
    )
    result = cli("check", "--format", "json", str(archive))
    data = json.loads(result.stdout)
    assert [(f["path"], f["verdict"]) for f in data["files"]] == [
        (f"{archive}/城关镇/2021年报告.docx", "failed"),
        (f"{archive}/说明.txt", "failed"),
    ]
    assert result.exit_code == 1
    text = cli("check", str(archive)).output
    assert f"{archive}/城关镇/2021年报告.docx：三、收到和处理政府信息公开申请情况" in text
    # a zip bomb is the archive's own RL-IO-005
    bomb = tmp_path / "炸弹.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.docx", b"\0" * (20 * 1024 * 1024))
    data = json.loads(cli("check", "--format", "json", str(bomb)).stdout)
    assert [(f["path"], f["error"]["code"]) for f in data["files"]] == [(str(bomb), "RL-IO-005")]
    assert "max_compression_ratio" in data["files"][0]["error"]["message"]


def test_a_file_under_an_unreadable_folder_is_an_rl_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``check locked/report.docx`` where ``locked`` may not be searched: RL-IO-010 with the cause
    (it was a PermissionError traceback). Root is not stopped by permissions: os.stat is made to fail."""
    report = copy(FAULTY, tmp_path / "locked" / "报告.docx")
    real = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(report.parent)):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    result = cli("check", "--format", "json", str(report))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [(f["path"], f["error"]["code"], f["error"]["message"]) for f in data["files"]] == [
        (str(report), "RL-IO-010", "无法读取文件：没有读取权限")
    ]


def test_annotate_skips_what_is_not_a_report_and_copies_an_archives_members_beside_it(tmp_path: Path) -> None:
    box = tmp_path / "box"
    copy(FAULTY, box / "a.docx")
    (box / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with zipfile.ZipFile(box / "c.zip", "w") as z:
        z.write(CORRECT, "inner/p.docx")
    result = cli("annotate", str(box))
    assert result.exit_code == 1, result.output  # a finding; the picture is skipped, not an error
    assert f"{box / 'b.png'}：已跳过（不是报告文件：图片 .png）" in result.output
    assert (box / "a.reviewed.docx").is_file() and (box / "c.reviewed" / "p.reviewed.docx").is_file()
    assert zipfile.ZipFile(box / "c.zip").namelist() == ["inner/p.docx"]  # the archive itself unchanged


def test_archives_are_opened_two_levels_below_the_folder(tmp_path: Path) -> None:
    """An archive found in a folder and the archives inside it are opened; one deeper is skipped.
    An archive named on the command line stands for the folder it was made of (as an upload to
    ``serve``): the archives it holds are the folder's."""

    def packed(deeper: bytes = b"") -> bytes:
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as z:
            z.writestr("in.txt", "x")
            if deeper:
                z.writestr("deeper.zip", deeper)
        return data.getvalue()

    box = tmp_path / "box"
    box.mkdir()
    (box / "a.zip").write_bytes(packed(packed(packed(packed()))))

    def listed(arg: str) -> list[tuple[str, str]]:
        data = json.loads(cli("check", "--format", "json", "--lang", "en", arg).stdout)
        return [(f["path"].removeprefix(str(box) + "/"), f["verdict"]) for f in data["files"]]

    assert listed(str(box)) == [
        ("a.zip/in.txt", "failed"),
        ("a.zip/deeper.zip/in.txt", "failed"),
        ("a.zip/deeper.zip/deeper.zip", "skipped"),
    ]
    assert listed(str(box / "a.zip")) == [
        ("a.zip/in.txt", "failed"),
        ("a.zip/deeper.zip/in.txt", "failed"),
        ("a.zip/deeper.zip/deeper.zip/in.txt", "failed"),
        ("a.zip/deeper.zip/deeper.zip/deeper.zip", "skipped"),
    ]
