"""Make the fixtures of other published forms from the .docx fixtures. Run once by hand;
the outputs are committed, so tests and CI never need LibreOffice.

    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk
    pip install msoffcrypto-tool            # only for the encrypted .docx
    python tests/fixturegen/build_formats.py

Writes:
- fixtures/html/<name>.html and fixtures/pdf/<name>.pdf: Word reports saved by LibreOffice as
  HTML and PDF (the same findings as the .docx are expected);
- fixtures/text/<name>.txt: the same reports as plain text in the layout of a table copied out of
  Word (one cell per line after a tab, rows separated by blank lines), made from the model; and
  fixtures/text/libreoffice_export.txt, LibreOffice's text export (a cell per line, no row breaks);
- fixtures/bad/: files that must be refused with a specific error (.doc, .wps, encrypted .docx,
  RTF renamed .docx, an image renamed .docx, .odt, a password-protected PDF, empty file).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
DOCX = ROOT / "fixtures" / "docx"
# Reports converted to HTML and PDF: a clean one, arithmetic defects, a table split in two.
CONVERTED = (
    "filled_2021",
    "fail_t3_total_cell",
    "fail_t4_sum",
    "fail_missing_section",
    "split_table",
    "fail_t3_two_cells",
    "fail_t3_blank_forced",
    "fail_t3_row_one",
)


def soffice(src: Path, target: str, outdir: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", target, "--outdir", str(outdir), str(src)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return outdir / (src.stem + "." + target.split(":", 1)[0])


def tiny_png() -> bytes:
    """A 1x1 white PNG (what a scanned page saved under a .docx name starts like)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff")) + chunk(b"IEND", b"")
    )


def tabbed_text(docx: Path) -> str:
    """A report as text the way Word copies it: a line per paragraph; per table row, a line per
    physical cell starting with a tab (a vertically merged cell leaves an empty one), blank lines
    between rows."""
    sys.path.insert(0, str(ROOT))
    from linter.model import Paragraph
    from linter.readers import read_document

    out: list[str] = []
    for block in read_document(docx).blocks:
        if isinstance(block, Paragraph):
            out.append(block.full_text.replace("\n", " ").strip())
            continue
        for r, line in enumerate(block.rows):
            seen: set[int] = set()
            for cell in line:
                if cell is None or id(cell) in seen:
                    continue
                seen.add(id(cell))
                text = cell.text.replace("\u3000", " ").strip() if cell.grid_row == r else ""
                out.append("\t" + "\n".join(part.strip() for part in text.split("\n")))
            out.append("")
        out.append("")
    return "\n".join(out) + "\n"


PORTAL_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{title}_政府信息公开年报_某某区人民政府门户网站</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>广告</div>");</script>
<style>.nav li {{ float: left }}</style>
</head>
<body>
<div class="header"><div class="logo"><img src="logo.png" alt="某某区人民政府"/></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="breadcrumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="main">
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="info">发布时间：2022-01-20　来源：区政府办公室　<span class="bdshare"><a href="#">分享到微信</a> <a href="#">微博</a></span></div>
<div class="content" id="zoom">
"""
PORTAL_TAIL = """</div>
<div class="fenxiang">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a.html">2020年度政府信息公开工作年度报告</a></li><li><a href="/b.html">2019年度政府信息公开工作年度报告</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：某某区人民政府办公室　版权所有　网站标识码：3500000000　闽ICP备00000000号</p></div>
</body>
</html>
"""


def portal_html(docx: Path) -> str:
    """A report as a government portal publishes it: the body inside navigation, breadcrumb,
    share buttons and footer; tables with rowspan/colspan, <th> header cells, <br> inside labels
    and &nbsp; in blank cells."""
    import html as h

    sys.path.insert(0, str(ROOT))
    from linter.model import Paragraph
    from linter.readers import read_document

    doc = read_document(docx)
    title = next(p.full_text.strip() for p in doc.paragraphs() if p.full_text.strip())
    out = [PORTAL_HEAD.format(title=h.escape(title))]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.full_text.strip() and block.full_text.strip() != title:
                out.append(f'<p style="text-indent:2em">{h.escape(block.full_text.strip())}</p>')
            continue
        out.append('<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>')
        for r, line in enumerate(block.rows):
            cells = []
            for c, cell in enumerate(line):
                if cell is None or cell.grid_row != r or cell.grid_col != c:
                    continue
                spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                    f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
                )
                text = cell.text.replace("\u3000", " ").strip()
                body = "<br/>".join(h.escape(part.strip()) for part in text.split("\n")) or "&nbsp;"
                tag = "th" if r < 2 and not text.isdigit() else "td"
                cells.append(f"<{tag}{spans}>{body}</{tag}>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody>\n</table>")
    out.append(PORTAL_TAIL)
    return "\n".join(out)


def main() -> None:
    html_dir, pdf_dir, bad_dir, text_dir = (ROOT / "fixtures" / d for d in ("html", "pdf", "bad", "text"))
    for d in (html_dir, pdf_dir, bad_dir, text_dir):
        d.mkdir(exist_ok=True)
    (html_dir / "portal_gbk.html").write_bytes(portal_html(DOCX / "fail_t3_total_cell.docx").encode("gbk"))
    for name in CONVERTED:
        (text_dir / f"{name}.txt").write_text(tabbed_text(DOCX / f"{name}.docx"), encoding="utf-8")
    # A table whose header cannot be laid out from the text: table 4 copied without the empty
    # cells that the vertically merged 结果维持…总计 of 行政复议 leave in the third header row.
    text = (text_dir / "filled_2021.txt").read_text(encoding="utf-8")
    mark = "\t复议后起诉\n\n"
    assert text.count(mark + "\t\n" * 5) == 1
    (text_dir / "ambiguous_table4.txt").write_text(text.replace(mark + "\t\n" * 5, mark), encoding="utf-8")
    # A few bytes that are not UTF-8 inside a paragraph (a damaged download).
    data = (text_dir / "filled_2021.txt").read_bytes()
    cut = data.index("一、总体情况".encode()) + 40
    (text_dir / "broken_bytes.txt").write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in CONVERTED:
            src = DOCX / f"{name}.docx"
            shutil.copy(soffice(src, "html:HTML (StarWriter)", out), html_dir / f"{name}.html")
            shutil.copy(soffice(src, "pdf:writer_pdf_Export", out), pdf_dir / f"{name}.pdf")
        src = DOCX / "filled_2021.docx"
        shutil.copy(soffice(src, "rtf:Rich Text Format", out), bad_dir / "rtf_renamed.docx")
        # LibreOffice's own text export: a cell per line, nothing between rows (not readable as tables).
        exported = soffice(DOCX / "fail_t4_sum.docx", "txt:Text (encoded):UTF8", out)
        shutil.copy(exported, text_dir / "libreoffice_export.txt")
        shutil.copy(soffice(src, "odt:writer8", out), bad_dir / "opendocument.odt")
        locked = out / "locked"
        locked.mkdir()
        password = (
            'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"reportlint"}}'
        )
        shutil.copy(soffice(src, password, locked), bad_dir / "password.pdf")
    (bad_dir / "scan_renamed.docx").write_bytes(tiny_png())
    try:
        import msoffcrypto.format.ooxml as ooxml
    except ImportError:
        print("msoffcrypto-tool not installed: encrypted.docx not rebuilt", file=sys.stderr)
    else:
        with (DOCX / "filled_2021.docx").open("rb") as plain, (bad_dir / "encrypted.docx").open("wb") as enc:
            ooxml.OOXMLFile(plain).encrypt("reportlint", enc)
    (bad_dir / "empty.docx").write_bytes(b"")


if __name__ == "__main__":
    main()
