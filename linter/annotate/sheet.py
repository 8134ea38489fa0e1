"""The review sheet (审核意见单) sent back with a report that cannot carry Word comments (a PDF, a
web page, text, a .doc), or with any report on request: the body, the file, the verdict, a table of
the findings with their location labels and corrections, the date and a line for the reviewer."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import Any, Optional

from linter.findings import FileResult
from linter.i18n import t
from linter.reporters.text import describe_location, position
from linter.reporters.wording import correction
from linter.run.outputs import writing

SHEET_SUFFIX = ".审核意见.docx"


def sheet_name(src: Path) -> str:
    """``报告.pdf`` -> ``报告.审核意见.docx``."""
    return src.stem + SHEET_SUFFIX


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _el(parent: Any, tag: str, **attrs: str) -> Any:
    from lxml import etree

    el = etree.SubElement(parent, f"{{{W}}}{tag}")
    for k, v in attrs.items():
        el.set(f"{{{W}}}{k}", v)
    return el


def _para(parent: Any, text: str, bold: bool = False, size: int = 0, center: bool = False) -> None:
    p = _el(parent, "p")
    if center:
        _el(_el(p, "pPr"), "jc", val="center")
    r = _el(p, "r")
    if bold or size:
        rpr = _el(r, "rPr")
        if bold:
            _el(rpr, "b")
        if size:
            _el(rpr, "sz", val=str(size * 2))
    t = _el(r, "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _table(parent: Any, rows: list[list[str]], widths: list[int], header: bool = False) -> None:
    tbl = _el(parent, "tbl")
    pr = _el(tbl, "tblPr")
    _el(pr, "tblW", w=str(sum(widths)), type="dxa")
    borders = _el(pr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(borders, side, val="single", sz="4", space="0", color="000000")
    grid = _el(tbl, "tblGrid")
    for width in widths:
        _el(grid, "gridCol", w=str(width))
    for i, row in enumerate(rows):
        tr = _el(tbl, "tr")
        for width, text in zip(widths, row):
            tc = _el(tr, "tc")
            _el(_el(tc, "tcPr"), "tcW", w=str(width), type="dxa")
            _para(tc, text, bold=header and i == 0)


def write_sheet(dst: Path, result: FileResult, verdict: str, lang: str, day: Optional[Date] = None) -> int:
    """Write the sheet whole (a WordprocessingML package made with lxml); the number of items it lists."""
    import zipfile

    from lxml import etree

    w = lambda key, **p: t("office.sheet." + key, lang, **p)  # noqa: E731
    day = day or Date.today()
    root = etree.Element(f"{{{W}}}document", nsmap={"w": W})
    body = _el(root, "body")
    _para(body, w("title"), bold=True, size=16, center=True)
    name = result.pair_key[0] if result.pair_key is not None else w("unknown_body")
    facts = [
        [w("body"), name],
        [w("file"), Path(result.path).name],
        [w("year"), str(result.report_year or "")],
        [w("verdict"), t("verdict." + verdict, lang)],
        [w("date"), w("day", y=day.year, m=day.month, d=day.day)],
    ]
    _table(body, facts, [2200, 6800])
    _para(body, "")
    _para(body, w("findings"), bold=True)
    if result.error is not None:
        _para(body, w("unreadable", code=result.error.code, message=result.error.message))
    elif not result.findings:
        _para(body, w("none"))
    else:
        rows = [[w("n"), w("where"), w("severity"), w("problem"), w("fix")]]
        for n, f in enumerate(result.findings, 1):
            where = describe_location(f.location, lang) or w("whole")
            rows.append(
                [
                    str(n),
                    f"{where} {position(f.location, lang)}".strip(),
                    t("severity." + f.severity, lang),
                    f"{f.rule} {f.message}",
                    correction(f, lang),
                ]
            )
        _table(body, rows, [600, 2800, 800, 3400, 1400], header=True)
    _para(body, "")
    _para(body, w("reviewer"))
    sect = _el(body, "sectPr")
    _el(sect, "pgSz", w="11906", h="16838")
    _el(sect, "pgMar", top="1440", right="1200", bottom="1440", left="1200", header="720", footer="720", gutter="0")
    document = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with writing(dst) as fh:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _CONTENT_TYPES)
            z.writestr("_rels/.rels", _RELS)
            z.writestr("word/document.xml", document)
    return len(result.findings) if result.error is None else 1
