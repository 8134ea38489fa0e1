"""``annotate --fix``: each located correction written into its cell as a tracked change. Accept
all changes and check again: no table error; reject all: the original findings. By hand here, and
in LibreOffice headless (a Basic macro in a throw-away profile) where ``soffice`` is installed."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from linter.annotate.comments import annotate_file
from linter.engine.lint import Selection
from linter.run.check import Options, check_file
from linter.cli import main
from tests.test_annotate_office import soffice

from tests.conftest import NOT_S1, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
CASES = (
    "fail_t3_two_cells",
    "fail_t3_blank_forced",
    "fail_t3_row_one",
    "fail_t3_total_cell",
    "fail_t4_sum",
    "fail_t4_narrative",
    "fail_t3_identity",
)


def table_errors(path: Path) -> list[tuple[str, str | None, str | None]]:
    result = check_file(path)
    assert result.error is None
    return [
        (f.rule, f.location.row_label, f.location.column_label)
        for f in result.findings
        if f.severity == "error" and f.location.table is not None
    ]


def rows(path: Path) -> list[tuple[str, ...]]:
    return sorted(
        tuple(str(x) for x in (f.rule, f.location.row_label, f.location.column_label, f.expected, f.actual))
        for f in check_file(path).findings
    )


def revise(src: Path, dst: Path, accept: bool) -> Path:
    """Accept or reject every tracked change of the main part, as Word's 接受/拒绝所有修订 does."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                drop, keep = (W + "del", W + "ins") if accept else (W + "ins", W + "del")
                for el in list(root.iter(drop)):
                    el.getparent().remove(el)
                for el in list(root.iter(keep)):
                    parent, at = el.getparent(), el.getparent().index(el)
                    for child in reversed(list(el)):
                        parent.insert(at, child)
                    parent.remove(el)
                for t in root.iter(W + "delText"):
                    t.tag = W + "t"
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return dst


def changes(path: Path) -> list[tuple[str, str, str, str]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for el in root.iter(W + "ins", W + "del"):
        text = "".join(el.itertext())
        out.append((etree.QName(el).localname, text, el.get(W + "author"), el.get(W + "date")))
    return out


@pytest.mark.parametrize("name", CASES)
def test_accept_all_leaves_no_table_error_and_reject_all_the_original_findings(tmp_path: Path, name: str) -> None:
    src = ROOT / "fixtures" / "docx" / f"{name}.docx"
    out = annotate_file(src, tmp_path / "fixed.docx", date=WHEN, fix=True)
    assert out.failed is None
    unique = [f for f in out.check.findings if f.fix is not None]
    assert [f.fix for f in out.fixed] == [f.fix for f in unique] and unique
    accepted = revise(tmp_path / "fixed.docx", tmp_path / "accepted.docx", accept=True)
    assert table_errors(accepted) == []  # (fail_t4_sum: the narrative's 行政复议27件 settled its group)
    rejected = revise(tmp_path / "fixed.docx", tmp_path / "rejected.docx", accept=False)
    assert rows(rejected) == rows(src)


def test_only_the_cells_change_each_as_a_dated_change_by_reportlint(tmp_path: Path) -> None:
    src = ROOT / "fixtures" / "docx" / "fail_t3_two_cells.docx"
    annotate_file(src, tmp_path / "fixed.docx", date=WHEN, fix=True)
    annotate_file(src, tmp_path / "plain.docx", date=WHEN)
    assert changes(tmp_path / "fixed.docx") == [
        ("del", "28", "reportlint", "2024-03-01T09:30:00Z"),
        ("ins", "27", "reportlint", "2024-03-01T09:30:00Z"),
        ("del", "3", "reportlint", "2024-03-01T09:30:00Z"),
        ("ins", "0", "reportlint", "2024-03-01T09:30:00Z"),
    ]
    assert changes(tmp_path / "plain.docx") == []
    with zipfile.ZipFile(tmp_path / "fixed.docx") as a, zipfile.ZipFile(tmp_path / "plain.docx") as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "word/document.xml":
                assert a.read(name) == b.read(name), name
    ids = [
        el.get(W + "id")
        for el in etree.fromstring(zipfile.ZipFile(tmp_path / "fixed.docx").read("word/document.xml")).iter()
        if el.get(W + "id") is not None and el.tag in (W + "ins", W + "del", W + "commentRangeStart")
    ]
    assert len(ids) == len(set(ids))


def test_ambiguous_and_beyond_are_not_written(tmp_path: Path) -> None:
    import zipfile

    # fail_t3_identity without the sentence that quotes 上年结转73件: nothing settles which of its
    # balance's cells is wrong.
    silent = tmp_path / "silent_identity.docx"
    with (
        zipfile.ZipFile(ROOT / "fixtures" / "docx" / "fail_t3_identity.docx") as zin,
        zipfile.ZipFile(silent, "w") as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace("上年结转73件，", "").encode("utf-8")
            zout.writestr(item, data)
    for src in (ROOT / "fixtures" / "docx" / "fail_t3_three_cells.docx", silent):
        out = annotate_file(src, tmp_path / f"out_{src.name}", date=WHEN, fix=True)
        assert out.fixed == () and changes(tmp_path / f"out_{src.name}") == [], src.name


def test_a_fixed_copy_checked_again_has_nothing_to_fix(tmp_path: Path) -> None:
    src = ROOT / "fixtures" / "docx" / "fail_t3_two_cells.docx"
    other = Options(selection=Selection(ignore=NOT_S1))  # the fixture's own RL-S1-002 (tests/conftest.py)
    annotate_file(src, tmp_path / "once.docx", other, date=WHEN, fix=True)
    again = annotate_file(tmp_path / "once.docx", tmp_path / "twice.docx", other, date=WHEN, fix=True)
    assert list(again.check.findings) == [] and again.fixed == ()  # the reader sees the inserted values


def test_cli_fix_flag(tmp_path: Path) -> None:
    src = ROOT / "fixtures" / "docx" / "fail_t3_blank_forced.docx"
    res = CliRunner().invoke(main, ["annotate", str(src), "-o", str(tmp_path / "out.docx"), "--fix"])
    assert res.exit_code == 1 and "1 处更正以修订方式写入" in res.output
    assert [c[:2] for c in changes(tmp_path / "out.docx")] == [("ins", "27")]  # a blank cell: nothing to delete


MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Revisions(src As String, dst As String, command As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  dispatcher.executeDispatch(doc.CurrentController.Frame, command, &quot;&quot;, 0, Array())
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>
"""


def office_revise(program: str, profile: Path, src: Path, dst: Path, accept: bool) -> Path:
    command = ".uno:AcceptAllTrackedChanges" if accept else ".uno:RejectAllTrackedChanges"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            f'macro:///Standard.Module1.Revisions("{src}","{dst}","{command}")',
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    assert dst.is_file(), f"LibreOffice wrote no {dst.name}"
    return dst


def test_round_trip_in_libreoffice(tmp_path: Path) -> None:
    program = soffice()
    profile = tmp_path / "profile"
    subprocess.run(
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--terminate_after_init"],
        check=True,
        timeout=300,
        capture_output=True,
    )
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.is_file()
    module.write_text(MACRO, encoding="utf-8")
    for name in ("fail_t3_two_cells", "fail_t3_blank_forced", "fail_t3_row_one"):
        src = ROOT / "fixtures" / "docx" / f"{name}.docx"
        fixed = tmp_path / f"{name}.docx"
        assert annotate_file(src, fixed, date=WHEN, fix=True).fixed
        accepted = office_revise(program, profile, fixed, tmp_path / f"{name}.accepted.docx", accept=True)
        assert table_errors(accepted) == [], name
        rejected = office_revise(program, profile, fixed, tmp_path / f"{name}.rejected.docx", accept=False)
        assert rows(rejected) == rows(src), name


def _font(run: etree._Element) -> tuple[str | None, ...]:
    """A run's own size and font family (absent: inherited, the same for runs of one style)."""
    rpr = run.find(W + "rPr")
    sz = rpr.find(W + "sz") if rpr is not None else None
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    return (
        sz.get(W + "val") if sz is not None else None,
        *((fonts.get(W + k) if fonts is not None else None) for k in ("ascii", "eastAsia", "hAnsi")),
    )


def _inserted_and_neighbours(path: Path) -> list[tuple[tuple[str | None, ...], set[tuple[str | None, ...]]]]:
    """Each inserted run's font, with the fonts of the other value runs of its table row."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for ins in root.iter(W + "ins"):
        for run in ins.iter(W + "r"):
            tr = next(a for a in run.iterancestors() if a.tag == W + "tr")
            tc = next(a for a in run.iterancestors() if a.tag == W + "tc")
            cells = [c for c in tr if c.tag == W + "tc"]
            values = [
                r
                for c in cells[1:]
                if c is not tc
                for r in c.iter(W + "r")
                if r.findtext(W + "t", "").strip().isdigit() and r.getparent().tag == W + "p"
            ]
            out.append((_font(run), {_font(r) for r in values}))
    return out


TEMPLATE_FIXTURES = sorted(
    p for p in (ROOT / "fixtures" / "docx").glob("*.docx") if any(f.fix is not None for f in check_file(p).findings)
)


@pytest.mark.parametrize("src", TEMPLATE_FIXTURES, ids=lambda p: p.stem)
def test_a_correction_looks_like_its_neighbours(tmp_path: Path, src: Path) -> None:
    """Every fixture built from the WPS template with a correction: the inserted value has the size
    and font family of the values beside it (not the paragraph mark's 12 pt)."""
    annotate_file(src, tmp_path / "fixed.docx", date=WHEN, fix=True)
    inserted = _inserted_and_neighbours(tmp_path / "fixed.docx")
    assert inserted
    for font, neighbours in inserted:
        assert neighbours == {font}, (font, neighbours)


def test_a_run_without_properties_is_replaced_by_one_without(tmp_path: Path) -> None:
    """Runs typed without run properties inherit them from the style; the correction must too,
    not take the paragraph mark's (sz 24) in their place."""
    from tests.mutate import rewrite_document

    def strip(root: etree._Element) -> None:
        for tbl in root.iter(W + "tbl"):
            for run in tbl.iter(W + "r"):
                rpr = run.find(W + "rPr")
                if rpr is not None:
                    run.remove(rpr)

    src = rewrite_document(ROOT / "fixtures/docx/fail_t3_two_cells.docx", tmp_path / "plain.docx", strip)
    annotate_file(src, tmp_path / "fixed.docx", date=WHEN, fix=True)
    inserted = _inserted_and_neighbours(tmp_path / "fixed.docx")
    assert [font for font, _ in inserted] == [(None, None, None, None)] * 2
    assert all(neighbours == {(None, None, None, None)} for _, neighbours in inserted)
