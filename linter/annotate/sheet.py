"""The review sheet (审核意见单) sent back with a report that cannot carry Word comments (a PDF, a
web page, text, a .doc), or with any report on request: the body, the file, the verdict, a table of
the findings with their location labels and corrections, the date and a line for the reviewer."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import Optional

from linter.findings import FileResult
from linter.i18n import t
from linter.office.words import say
from linter.reporters.text import describe_location, expected_actual, position
from linter.run.outputs import writing

SHEET_SUFFIX = ".审核意见.docx"


def sheet_name(src: Path) -> str:
    """``报告.pdf`` -> ``报告.审核意见.docx``."""
    return src.stem + SHEET_SUFFIX


def write_sheet(dst: Path, result: FileResult, verdict: str, lang: str, day: Optional[Date] = None) -> int:
    """Write the sheet whole; the number of findings it lists."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    w = lambda key, **p: say("sheet." + key, lang, **p)  # noqa: E731
    day = day or Date.today()
    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(11)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(w("title"))
    run.bold = True
    run.font.size = Pt(16)
    body = result.pair_key[0] if result.pair_key is not None else w("unknown_body")
    facts = [(w("body"), body), (w("file"), Path(result.path).name), (w("year"), str(result.report_year or "")),
             (w("verdict"), t("verdict." + verdict, lang)), (w("date"), w("day", y=day.year, m=day.month, d=day.day))]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    doc.add_paragraph()
    doc.add_paragraph(w("findings")).runs[0].bold = True
    if result.error is not None:
        doc.add_paragraph(w("unreadable", code=result.error.code, message=result.error.message))
    elif not result.findings:
        doc.add_paragraph(w("none"))
    else:
        grid = doc.add_table(rows=1, cols=5)
        grid.style = "Table Grid"
        for cell, head in zip(grid.rows[0].cells, (w("n"), w("where"), w("severity"), w("problem"), w("fix"))):
            cell.text = head
            cell.paragraphs[0].runs[0].bold = True
        for n, f in enumerate(result.findings, 1):
            where = describe_location(f.location, lang) or w("whole")
            pos = position(f.location, lang)
            cells = grid.add_row().cells
            cells[0].text = str(n)
            cells[1].text = f"{where} {pos}".strip()
            cells[2].text = t("severity." + f.severity, lang)
            cells[3].text = f"{f.rule} {f.message}"
            cells[4].text = expected_actual(f, lang).strip("（）() ")
    doc.add_paragraph()
    doc.add_paragraph(w("reviewer"))
    with writing(dst) as fh:
        doc.save(fh)
    return len(result.findings) if result.error is None else 1
