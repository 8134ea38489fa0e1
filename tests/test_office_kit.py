"""The return kit: ``annotate`` keeps the inbox's subfolders under -o, ``--only-failed`` leaves the
passed files out, every file that is not a .docx gets a review sheet (审核意见单; ``--sheet`` for
a .docx too), which python-docx and LibreOffice open."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx

from tests.annotations import read_comments
from tests.conftest import ROOT, cli, copy
from tests.test_annotate_office import soffice

OFFICE = ROOT / "fixtures" / "inbox" / "office"
INBOX = OFFICE / "2024"
NOT_WORD = ["部门/洪泽区教育局-网页版.html", "部门/洪泽区民政局.pdf", "乡镇/洪泽区朱坝街道办事处.html"]


def _sheet(path: Path) -> tuple[list[str], list[list[str]], list[list[str]]]:
    d = docx.Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    return [p.text for p in d.paragraphs if p.text], tables[0], tables[1] if len(tables) > 1 else []


def test_annotate_keeps_subfolders_and_writes_a_sheet_for_every_file_not_in_word(tmp_path: Path) -> None:
    out = tmp_path / "退回"
    result = cli("annotate", str(INBOX), "-o", str(out) + "/")
    assert result.exit_code == 1
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    words = sorted(p.relative_to(INBOX).as_posix() for p in INBOX.rglob("*.docx"))
    assert written == sorted(
        [w[:-5] + ".reviewed.docx" for w in words] + [n.rsplit(".", 1)[0] + ".审核意见.docx" for n in NOT_WORD]
    )
    assert f"已写入审核意见单 {out / '部门' / '洪泽区民政局.审核意见.docx'}：2 条意见" in result.output
    assert [c.text.split("（")[0] for c in read_comments(out / "部门" / "洪泽区教育局.reviewed.docx")] == ["RL-T3-008"]
    # the sheet of the PDF: body, file, verdict, each finding with its labels and correction
    paras, facts, findings = _sheet(out / "部门" / "洪泽区民政局.审核意见.docx")
    assert paras[0] == "政府信息公开工作年度报告审核意见单" and paras[-1].startswith("审核人：")
    assert facts[:4] == [
        ["报送单位", "洪泽区民政局"],
        ["文件", "洪泽区民政局.pdf"],
        ["报告年度", "2024"],
        ["审核结果", "不通过"],
    ]
    assert facts[4][0] == "审核日期" and facts[4][1].endswith("日")
    assert findings[0] == ["序号", "位置", "级别", "问题", "更正"]
    assert findings[1] == [
        "1",
        "三、收到和处理政府信息公开申请情况 › 表3 › 行「（一）予以公开」 › 列「自然人」 （第2页）",
        "错误",
        "RL-T3-008 疑似填错的单元格：填写为 28，按表3的2项勾稽关系应为 27。"
        "该行：28+0+0+2+0+1 = 31，总计为 30；"
        "该列：28+5+0+0+0+0+1+0+6+1+22+0+0+0+0+0+0+0+0+0+1 = 64，（七）总计为 63",
        "应为 27，实为 28",
    ]
    assert len(findings) == 3
    _, facts, findings = _sheet(out / "乡镇" / "洪泽区朱坝街道办事处.审核意见.docx")
    assert facts[3] == ["审核结果", "通过"] and findings == []


def test_only_failed_leaves_out_the_files_that_passed(tmp_path: Path) -> None:
    out = tmp_path / "退回"
    result = cli("annotate", "--only-failed", str(INBOX), "-o", str(out) + "/")
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == [
        "乡镇/洪泽区老子山镇人民政府.reviewed.docx",
        "乡镇/洪泽区黄集街道办事处.reviewed.docx",
        "部门/洪泽区人力资源和社会保障局.reviewed.docx",
        "部门/洪泽区公安局.reviewed.docx",
        "部门/洪泽区教育局-网页版.审核意见.docx",
        "部门/洪泽区教育局.reviewed.docx",
        "部门/洪泽区民政局.审核意见.docx",
        "部门/洪泽区水利局.reviewed.docx",
    ]
    assert f"{INBOX / '部门' / '洪泽区司法局.docx'}：通过，未写入副本（--only-failed）" in result.output, result.output


def test_sheet_for_a_word_file_and_for_one_that_cannot_be_read(tmp_path: Path) -> None:
    report = copy(INBOX / "部门" / "洪泽区公安局.docx", tmp_path / "公安局.docx")
    legacy = copy(ROOT / "fixtures" / "bad" / "word95.doc", tmp_path / "旧版.doc")
    result = cli("annotate", "--sheet", str(report), str(legacy))
    assert result.exit_code == 2
    assert (tmp_path / "公安局.reviewed.docx").is_file() and (tmp_path / "公安局.审核意见.docx").is_file()
    _, facts, findings = _sheet(tmp_path / "公安局.审核意见.docx")
    assert facts[3] == ["审核结果", "不通过"] and len(findings) == 1 + 3  # the narrative settles table 4
    paras, facts, _ = _sheet(tmp_path / "旧版.审核意见.docx")
    assert facts[0] == ["报送单位", "（未能识别）"] and facts[3] == ["审核结果", "无法读取"]
    assert any(p.startswith("文件无法读取（RL-IO-007）：") for p in paras)


def test_the_sheets_open_in_libreoffice(tmp_path: Path) -> None:
    program = soffice()
    out = tmp_path / "退回"
    cli("annotate", str(INBOX / "部门" / "洪泽区民政局.pdf"), str(INBOX / "乡镇"), "-o", str(out) + "/")
    sheets = sorted(out.rglob("*.审核意见.docx"))
    assert len(sheets) == 2
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        [
            program,
            profile,
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path / "txt"),
            *map(str, sheets),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    text = (tmp_path / "txt" / "洪泽区民政局.审核意见.txt").read_text(encoding="utf-8-sig")
    assert "政府信息公开工作年度报告审核意见单" in text and "应为 27，实为 28" in text and "洪泽区民政局.pdf" in text


def test_the_page_offers_every_copy_and_sheet_as_one_zip_keeping_folders(tmp_path: Path) -> None:
    from tests.serveproc import ServerProcess

    upload = io.BytesIO()
    with zipfile.ZipFile(upload, "w") as z:
        for rel in ("部门/洪泽区公安局.docx", "部门/洪泽区民政局.pdf", "乡镇/洪泽区朱坝街道办事处.html"):
            z.write(INBOX / rel, f"收件箱/{rel}")
    with ServerProcess(tmp_path / "srv", cwd=tmp_path) as srv:
        with srv.client() as client:
            page = client.get("/").text
            r = client.post("/api/kit", files=[("files", ("收件箱.zip", upload.getvalue()))])
        assert srv.leftovers() == []
    assert '<button type="button" id="rl-kit">全部退回文件（zip）</button>' in page
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        names = sorted(z.namelist())
        sheet = tmp_path / "sheet.docx"
        sheet.write_bytes(z.read("收件箱/部门/洪泽区民政局.审核意见.docx"))
        copy_ = tmp_path / "copy.docx"
        copy_.write_bytes(z.read("收件箱/部门/洪泽区公安局.reviewed.docx"))
    assert names == [
        "收件箱/乡镇/洪泽区朱坝街道办事处.审核意见.docx",
        "收件箱/部门/洪泽区公安局.reviewed.docx",
        "收件箱/部门/洪泽区民政局.审核意见.docx",
    ]
    assert len(_sheet(sheet)[2]) == 3  # its two findings
    assert sorted(c.text.split("（")[0] for c in read_comments(copy_)) == ["RL-NAR-001", "RL-T4-002", "RL-T4-002"]


def test_an_archives_members_get_their_copies_and_sheets_beside_it(tmp_path: Path) -> None:
    """A .zip is never changed: its Word members' copies and its other members' sheets go to the
    folder beside it; --only-failed leaves out its members that passed; a skipped member gets none."""

    box = tmp_path / "box"
    box.mkdir()
    with zipfile.ZipFile(box / "收件箱.zip", "w") as z:
        z.write(ROOT / "examples" / "sample_2021_broken_table3.docx", "城关镇/报告.docx")
        z.write(ROOT / "examples" / "pingtan_2021_correct.docx", "平潭.docx")
        z.write(INBOX / "部门" / "洪泽区民政局.pdf", "民政局.pdf")
        z.writestr("照片.png", b"\x89PNG\r\n\x1a\n")
    before = (box / "收件箱.zip").read_bytes()
    result = cli("annotate", "--only-failed", str(box))
    assert result.exit_code == 1, result.output
    written = sorted(p.relative_to(box).as_posix() for p in box.rglob("*") if p.is_file())
    assert written == ["收件箱.reviewed/报告.reviewed.docx", "收件箱.reviewed/民政局.审核意见.docx", "收件箱.zip"]
    assert (box / "收件箱.zip").read_bytes() == before
    assert f"{box / '收件箱.zip' / '平潭.docx'}：通过，未写入副本（--only-failed）" in result.output, result.output
    _, facts, findings = _sheet(box / "收件箱.reviewed" / "民政局.审核意见.docx")
    assert facts[3] == ["审核结果", "不通过"] and len(findings) == 3
    # under -o, a member keeps its folder inside the archive, in a folder named after the archive
    out = tmp_path / "退回"
    cli("annotate", str(box), "-o", str(out) + "/")
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == [
        "收件箱/城关镇/报告.reviewed.docx",
        "收件箱/平潭.reviewed.docx",
        "收件箱/民政局.审核意见.docx",
    ]
    # beside a folder of the archive's name: a distinct folder for the archive's members; a .zip
    # inside the archive beside a folder of its name in the archive: the same
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.write(ROOT / "examples" / "sample_2021_broken_table3.docx", "报告.docx")
    with zipfile.ZipFile(box / "收件箱.zip", "a") as z:
        z.writestr("乡镇.zip", inner.getvalue())
        z.write(ROOT / "examples" / "sample_2021_broken_table3.docx", "乡镇/报告.docx")
    copy(ROOT / "examples" / "sample_2021_broken_table3.docx", box / "收件箱" / "报告.docx")
    out = tmp_path / "退回2"
    result = cli("annotate", str(box), "-o", str(out) + "/")
    assert result.exit_code == 1, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == [
        "收件箱/报告.reviewed.docx",
        "收件箱（压缩包）/乡镇/报告.reviewed.docx",
        "收件箱（压缩包）/乡镇（压缩包）/报告.reviewed.docx",
        "收件箱（压缩包）/城关镇/报告.reviewed.docx",
        "收件箱（压缩包）/平潭.reviewed.docx",
        "收件箱（压缩包）/民政局.审核意见.docx",
    ]
