"""Scanned pages and pictures are named, never judged (tests/fixturegen/build_scans.py): a page of
a text PDF that is a picture, a web page whose table is an <img>. The file is 读取存疑 (doubtful),
what the picture may hold is not reported missing, and a PDF that is all pictures stays RL-IO-022."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from linter.readers.pdf.pdfium import Glyph, PageContent
from linter.readers.pdf.reader import scanned
from linter.engine.lint import Selection
from linter.run.check import Options, check_file
from linter.verdict import verdict
from tests.conftest import FIXTURES, NOT_S1

OTHER = Options(selection=Selection(ignore=NOT_S1))  # the reports' own RL-S1-002 (tests/conftest.py)

SCANS = FIXTURES / "scans"


def test_scanned_pages_of_a_text_pdf_are_named_and_nothing_is_missing() -> None:
    result = check_file(SCANS / "scanned_table3_2021.pdf", OTHER)
    assert result.error is None
    assert [(f.rule, f.severity, f.location.page) for f in result.findings] == [
        ("RL-PARSE-003", "warning", 3),
        ("RL-PARSE-003", "warning", 4),
    ]
    assert result.findings[0].message.startswith("第3页为扫描图片，未能读取")
    assert verdict(result) == "doubtful"
    english = check_file(SCANS / "scanned_table3_2021.pdf", Options(lang="en"))
    assert english.findings[1].message.startswith("page 4 is a scanned picture and could not be read")


def test_without_the_scanned_pages_table_3_is_missing(tmp_path: Path) -> None:
    """The same PDF with its two picture pages removed: table 3 is then reported missing."""
    pdf = pdfium.PdfDocument(str(SCANS / "scanned_table3_2021.pdf"))
    pdf.del_page(3)
    pdf.del_page(2)
    pdf.save(tmp_path / "no_scans.pdf")
    pdf.close()
    rules = [f.rule for f in check_file(tmp_path / "no_scans.pdf").findings]
    assert "RL-T3-001" in rules and "RL-PARSE-003" not in rules


def test_a_pdf_of_pictures_only_has_no_text_layer(tmp_path: Path) -> None:
    source = pdfium.PdfDocument(str(SCANS / "scanned_table3_2021.pdf"))
    scans = pdfium.PdfDocument.new()
    scans.import_pages(source, [2, 3])
    scans.save(tmp_path / "all_scans.pdf")
    scans.close()
    source.close()
    result = check_file(tmp_path / "all_scans.pdf")
    assert result.error is not None and result.error.code == "RL-IO-022"


def test_a_page_is_a_scan_only_when_a_picture_covers_it_and_it_has_no_text() -> None:
    text = [Glyph("字", 10.0 * i, 100.0, 10.0 * i + 9, 110.0) for i in range(40)]
    number = [Glyph(ch, 300.0 + 6 * i, 800.0, 305.0 + 6 * i, 810.0) for i, ch in enumerate("- 3 -")]
    assert scanned(PageContent(3, 595, 842, glyphs=number, pictures=0.9))
    assert not scanned(PageContent(3, 595, 842, glyphs=text, pictures=0.9))  # a page of text with a photo
    assert not scanned(PageContent(3, 595, 842, glyphs=number, pictures=0.1))  # a logo on a blank page


def test_a_web_page_whose_tables_are_pictures_is_doubtful_not_failed() -> None:
    one = check_file(SCANS / "image_table3_2021.html", OTHER)
    assert [(f.rule, f.location.section) for f in one.findings] == [
        ("RL-PARSE-003", "三、收到和处理政府信息公开申请情况")
    ]
    assert "scan_page4.png" in one.findings[0].message and verdict(one) == "doubtful"
    three = check_file(SCANS / "image_tables_2021.html", OTHER)
    assert [f.rule for f in three.findings] == ["RL-PARSE-003"] * 3 and verdict(three) == "doubtful"


def test_a_picture_beside_complete_tables_is_not_named(tmp_path: Path) -> None:
    page = (FIXTURES / "html" / "filled_2021.html").read_text(encoding="utf-8")
    at = page.index("<table")
    photo = tmp_path / "photo.html"
    photo.write_text(
        page[:at] + '<p><img src="meeting.jpg" width="640" height="480"/></p>' + page[at:], encoding="utf-8"
    )
    result = check_file(photo, OTHER)
    assert result.error is None and result.findings == () and verdict(result) == "passed"
    icon = tmp_path / "icon.html"
    at = page.index("<table", page.index("<table") + 1)
    icon.write_text(page[:at] + '<p><img src="icon.png" width="16" height="16"/></p>' + page[at:], encoding="utf-8")
    cut = icon.read_text(encoding="utf-8")
    start = cut.index("<table", cut.index("icon.png"))
    icon.write_text(cut[:start] + cut[cut.index("</table>", start) + len("</table>") :], encoding="utf-8")
    assert [f.rule for f in check_file(icon).findings if f.rule in ("RL-T3-001", "RL-PARSE-003")] == ["RL-T3-001"]


def test_a_photo_in_another_section_does_not_hide_a_missing_table(tmp_path: Path) -> None:
    page = (FIXTURES / "html" / "filled_2021.html").read_text(encoding="utf-8")
    first = page.index("<table")  # table 2, in section 二
    second = page.index("<table", first + 1)  # table 3, in section 三: removed
    end = page.index("</table>", second) + len("</table>")
    edited = page[:first] + '<p><img src="meeting.jpg" width="640" height="480"/></p>' + page[first:second] + page[end:]
    path = tmp_path / "photo_and_no_table3.html"
    path.write_text(edited, encoding="utf-8")
    rules = [f.rule for f in check_file(path).findings]
    assert "RL-T3-001" in rules and "RL-PARSE-003" not in rules
