"""Crafted hostile inputs, written at test time (big ones are never committed).

Each Case builds one file into a directory. ``canary`` is an http URL of a local server that
records every request: no parser may ever fetch it.
"""

from __future__ import annotations

import base64
import os
import random
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

from tests.docxbuild import W_NS, document_xml, p, tbl, tc, tr, write_docx

from tests.conftest import ROOT

FIXTURES = ROOT / "fixtures" / "docx"
GOOD = FIXTURES / "filled_2021.docx"
MB = 1024 * 1024
PASSWD_MARK = "root:x:0:0"  # what a successful XXE to /etc/passwd would leak

Expect = Union[None, str, tuple[Optional[str], ...]]


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, str], Path]  # (directory, canary url) -> the file
    expect: Expect  # the exact error code; None: read fine; a tuple: one of these
    seconds: float = 5.0  # bound on check_file's CPU time (max_seconds_per_file is 60, wall clock)
    megabytes: int = 150  # bound on the peak RSS increase while checking
    limit: str = ""  # the limit the error message must name
    needs: str = ""  # a reader module that must exist


# ---- helpers -------------------------------------------------------------------------------


def _docx(
    path: Path,
    document: Union[str, bytes],
    extra: Optional[dict[str, Union[str, bytes]]] = None,
    rels: Optional[str] = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    write_docx(path, "", document=document.decode("latin-1") if isinstance(document, bytes) else document)
    if isinstance(document, bytes) or extra or rels is not None:
        # rewrite with raw bytes where needed
        with zipfile.ZipFile(path) as zin:
            members = {i.filename: zin.read(i.filename) for i in zin.infolist()}
        if isinstance(document, bytes):
            members["word/document.xml"] = document
        if rels is not None:
            members["_rels/.rels"] = rels.encode("utf-8")
        for name, data in (extra or {}).items():
            members[name] = data.encode("utf-8") if isinstance(data, str) else data
        with zipfile.ZipFile(path, "w", compression) as zout:
            for name, data in members.items():
                zout.writestr(name, data)
    return path


def _doc_with(inner: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'
    )


def _patch_zip_entry(path: Path, name: str, flag_or: int = 0, claimed_size: Optional[int] = None) -> Path:
    """Rewrite a member's local and central headers in place (flags, uncompressed size)."""
    data = bytearray(path.read_bytes())
    raw = name.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n, _extra = struct.unpack_from("<HH", data, pos + 26)
        if data[pos + 30 : pos + 30 + n] == raw:
            struct.pack_into("<H", data, pos + 6, struct.unpack_from("<H", data, pos + 6)[0] | flag_or)
            if claimed_size is not None:
                struct.pack_into("<I", data, pos + 22, claimed_size)
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + n] == raw:
            struct.pack_into("<H", data, pos + 8, struct.unpack_from("<H", data, pos + 8)[0] | flag_or)
            if claimed_size is not None:
                struct.pack_into("<I", data, pos + 24, claimed_size)
        pos += 4
    path.write_bytes(bytes(data))
    return path


def _stream_member(path: Path, name: str, chunks: Callable[[], "list[bytes] | object"]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>"
        )
        with zf.open(name, "w", force_zip64=True) as fh:
            for chunk in chunks():  # type: ignore[attr-defined]
                fh.write(chunk)
    return path


def _report_body(rows: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    body = p("一、总体情况")
    return body + tbl(*[tr(*[tc(str(rnd.randrange(10**6))) for _ in range(7)]) for _ in range(rows)], cols=7)


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


# ---- builders ------------------------------------------------------------------------------


def empty(d: Path, url: str) -> Path:
    (d / "empty.docx").write_bytes(b"")
    return d / "empty.docx"


def random_50mb(d: Path, url: str) -> Path:
    path = d / "random.docx"
    path.write_bytes(b"\x00RND" + os.urandom(50 * MB - 4))
    return path


def over_file_limit(d: Path, url: str) -> Path:
    path = d / "huge.docx"
    with path.open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(50 * MB + 1)  # sparse: the size alone must stop it
    return path


def random_pk(d: Path, url: str) -> Path:
    path = d / "random-pk.docx"
    path.write_bytes(b"PK\x03\x04" + random.Random(3).randbytes(MB))
    return path


def truncated(d: Path, url: str) -> Path:
    data = GOOD.read_bytes()
    (d / "truncated.docx").write_bytes(data[: len(data) // 2])
    return d / "truncated.docx"


def truncated_tail(d: Path, url: str) -> Path:
    data = GOOD.read_bytes()
    (d / "truncated-tail.docx").write_bytes(data[:-10])
    return d / "truncated-tail.docx"


def no_document(d: Path, url: str) -> Path:
    path = d / "no-document.docx"
    with zipfile.ZipFile(GOOD) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "word/document.xml":
                zout.writestr(info, zin.read(info.filename))
    return path


def not_xml(d: Path, url: str) -> Path:
    return _docx(d / "not-xml.docx", b"this is not XML at all \x89\x01")


def document_is_zip(d: Path, url: str) -> Path:
    return _docx(d / "document-is-zip.docx", GOOD.read_bytes())


def nested_zip(d: Path, url: str) -> Path:
    inner = GOOD.read_bytes()
    for level in range(10):
        path = d / f"nested-{level}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"level{level}.docx", inner)
        inner = path.read_bytes()
    final = d / "nested.docx"
    final.write_bytes(inner)
    return final


def bomb_member(d: Path, url: str) -> Path:
    return _stream_member(d / "bomb-member.docx", "word/document.xml", lambda: [b" " * MB] * 200)


def bomb_ratio(d: Path, url: str) -> Path:
    return _stream_member(d / "bomb-ratio.docx", "word/document.xml", lambda: [b" " * MB] * 20)


def bomb_total(d: Path, url: str) -> Path:
    path = d / "bomb-total.docx"
    block = b"\0" * 1_000_000  # under the 1 MB ratio threshold each; 330 of them are over 300 MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i in range(330):
            zf.writestr(f"word/media/part{i}.bin", block)
    return path


def many_members(d: Path, url: str) -> Path:
    path = d / "many-members.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(2001):
            zf.writestr(f"m/{i}", b"")
    return path


def lying_size(d: Path, url: str) -> Path:
    body = _doc_with(p("一、总体情况") + "<w:p/>" * 200_000)
    path = _docx(d / "lying-size.docx", body)
    return _patch_zip_entry(path, "word/document.xml", claimed_size=1000)


def encrypted_member(d: Path, url: str) -> Path:
    path = d / "encrypted-member.docx"
    path.write_bytes(GOOD.read_bytes())
    return _patch_zip_entry(path, "word/document.xml", flag_or=0x1)


def encrypted_ole(d: Path, url: str) -> Path:
    path = d / "encrypted.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1000
    )
    return path


def billion_laughs(d: Path, url: str) -> Path:
    return _docx(d / "laughs.docx", _doc_with(p("&lol9;").replace("&amp;", "&"), LAUGHS))


def quadratic(d: Path, url: str) -> Path:
    prolog = '<!DOCTYPE w:document [<!ENTITY a "' + "a" * 100_000 + '">]>'
    return _docx(d / "quadratic.docx", _doc_with("<w:p><w:r><w:t>" + "&a;" * 50_000 + "</w:t></w:r></w:p>", prolog))


def xxe_file(d: Path, url: str) -> Path:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _docx(d / "xxe-file.docx", _doc_with("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog))


def xxe_http(d: Path, url: str) -> Path:
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{url}/xxe-entity">]>'
    return _docx(d / "xxe-http.docx", _doc_with("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog))


def xxe_parameter(d: Path, url: str) -> Path:
    prolog = f'<!DOCTYPE w:document [<!ENTITY % remote SYSTEM "{url}/xxe-parameter"> %remote;]>'
    return _docx(d / "xxe-parameter.docx", _doc_with(p("x"), prolog))


def external_dtd(d: Path, url: str) -> Path:
    prolog = f'<!DOCTYPE w:document SYSTEM "{url}/external.dtd">'
    return _docx(d / "external-dtd.docx", _doc_with(p("x"), prolog))


def xxe_utf16(d: Path, url: str) -> Path:
    text = _doc_with(
        "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    )
    data = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    return _docx(d / "xxe-utf16.docx", data)


def xxe_styles(d: Path, url: str) -> Path:
    styles = (
        f'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "{url}/xxe-styles">]>'
        f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="a"><w:name w:val="&xxe;"/></w:style></w:styles>'
    )
    body = p("一、总体情况") + '<w:p><w:r><w:rPr><w:rStyle w:val="a"/></w:rPr><w:t>x</w:t></w:r></w:p>'  # styles needed
    return _docx(d / "xxe-styles.docx", document_xml(body), extra={"word/styles.xml": styles})


def xxe_styles_unused(d: Path, url: str) -> Path:
    styles = (
        f'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "{url}/xxe-styles-unused">]>'
        f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="a"><w:name w:val="&xxe;"/></w:style></w:styles>'
    )
    return _docx(d / "xxe-styles-unused.docx", document_xml(p("一、总体情况")), extra={"word/styles.xml": styles})


def xxe_rels(d: Path, url: str) -> Path:
    rels = (
        f'<?xml version="1.0"?><!DOCTYPE Relationships [<!ENTITY xxe SYSTEM "{url}/xxe-rels">]>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="&xxe;" Target="word/document.xml"/></Relationships>'
    )
    return _docx(d / "xxe-rels.docx", document_xml(p("一、总体情况")), rels=rels)


def external_relationships(d: Path, url: str) -> Path:
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId0" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{url}/document.xml" TargetMode="External"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        f'Target="{url}/image.png" TargetMode="External"/>'
        f'<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'attachedTemplate" Target="{url}/template.dotx" TargetMode="External"/></Relationships>'
    )
    body = p("一、总体情况") + f'<w:p><w:hyperlink w:history="1"><w:r><w:t>{url}/link</w:t></w:r></w:hyperlink></w:p>'
    return _docx(
        d / "external-rels.docx", document_xml(body), extra={"word/_rels/document.xml.rels": doc_rels}, rels=rels
    )


def outside_package(d: Path, url: str) -> Path:
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="../../../../../etc/passwd"/></Relationships>'
    )
    return _docx(d / "outside-package.docx", document_xml(p("x")), rels=rels)


def xinclude(d: Path, url: str) -> Path:
    body = (
        "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>'
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/xinclude" parse="text"/>'
    )
    return _docx(d / "xinclude.docx", _doc_with(body))


def deep_xml(d: Path, url: str) -> Path:
    n = 10_000
    return _docx(d / "deep-xml.docx", _doc_with("<w:sdt><w:sdtContent>" * n + p("x") + "</w:sdtContent></w:sdt>" * n))


def deep_xml_220(d: Path, url: str) -> Path:
    n = 110  # 220 levels from the body: under libxml2's own 256 (the default max_xml_depth), read in full
    return _docx(d / "deep-220.docx", _doc_with("<w:sdt><w:sdtContent>" * n + p("x") + "</w:sdtContent></w:sdt>" * n))


def nested_tables(d: Path, url: str) -> Path:
    inner = p("深")
    for _ in range(60):  # 3 XML levels per table: 180 deep, inside the limits; read in linear-ish time
        inner = tbl(tr(tc(inner, raw=True), tc("x")), cols=2)
    return _docx(d / "nested-tables.docx", document_xml(p("一、总体情况") + inner))


def huge_text_node(d: Path, url: str) -> Path:
    text = base64.b64encode(random.Random(5).randbytes(9 * MB)).decode()  # 12 MB, barely compressible
    return _docx(d / "huge-text.docx", document_xml(p(text)))


def xml_too_big(d: Path, url: str) -> Path:
    rnd = random.Random(11)

    def chunks() -> list[bytes]:
        out = [document_xml("").split("<w:body>")[0].encode() + b"<w:body>"]
        filler = b"<w:p/>" * 170  # ~1 KB that compresses well; a random run keeps the ratio under 100
        for _ in range(70 * 1024):
            out.append(filler + b"<w:p><w:r><w:t>" + base64.b64encode(rnd.randbytes(12)) + b"</w:t></w:r></w:p>")
        out.append(b"</w:body></w:document>")
        return out

    return _stream_member(d / "xml-too-big.docx", "word/document.xml", chunks)


def rows_10000(d: Path, url: str) -> Path:
    return _docx(d / "rows-10000.docx", document_xml(_report_body(10_000)))


def rows_over_limit(d: Path, url: str) -> Path:
    return _docx(d / "rows-20001.docx", document_xml(tbl(*["<w:tr><w:tc><w:p/></w:tc></w:tr>"] * 20_001)))


def gridspan_bomb(d: Path, url: str) -> Path:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p/></w:tc>'
    return _docx(d / "gridspan.docx", document_xml(tbl(tr(cell), tr(cell))))


def gridbefore_bomb(d: Path, url: str) -> Path:
    row = tr(tc("x"), trpr='<w:gridBefore w:val="999999999999"/>')
    row2 = tr(tc("y"), trpr='<w:gridBefore w:val="300000000"/>')
    return _docx(d / "gridbefore.docx", document_xml(tbl(row, row2)))


def vmerge_maze(d: Path, url: str) -> Path:
    first = tr(*[tc("h", vmerge="restart") for _ in range(60)])
    rest = tr(*[tc("", vmerge="continue") for _ in range(60)])
    return _docx(d / "vmerge.docx", document_xml(tbl(first, *[rest] * 150, cols=60)))


def many_paragraphs(d: Path, url: str) -> Path:
    rnd = random.Random(13)
    body = "".join(f"<w:p><w:r><w:t>{rnd.randrange(10**9)}</w:t></w:r></w:p>" for _ in range(200_001))
    return _docx(d / "many-paragraphs.docx", document_xml(body))


def gbk_as_utf8(d: Path, url: str) -> Path:
    data = _doc_with(p("一、总体情况")).encode("gbk")  # the declaration still says UTF-8
    return _docx(d / "gbk-as-utf8.docx", data)


def nul_bytes(d: Path, url: str) -> Path:
    return _docx(d / "nul.docx", _doc_with(p("一、总\x00体情况")).encode("utf-8"))


def nul_charref(d: Path, url: str) -> Path:
    return _docx(d / "nul-charref.docx", _doc_with("<w:p><w:r><w:t>a&#0;b</w:t></w:r></w:p>"))


def control_symbols(d: Path, url: str) -> Path:
    syms = "".join(
        f'<w:sym w:font="Symbol" w:char="{c}"/>'
        for c in ("D800", "0000", "001B", "FFFFFFFFFF", "zz", "F020", "10FFFF", "110000", "-1", "")
    )
    body = p("一、总体情况") + f"<w:p><w:r>{syms}<w:t>文字</w:t></w:r></w:p>"
    return _docx(d / "symbols.docx", document_xml(body))


def huge_numbers(d: Path, url: str) -> Path:
    from lxml import etree

    from tests.mutate import rewrite_document

    def edit(root: etree._Element) -> None:
        w = "{%s}" % W_NS
        tables = root.findall(f".//{w}tbl")
        for t in tables:
            for i, el in enumerate(t.iter(w + "t")):
                if (el.text or "").strip().isdigit():
                    el.text = [
                        "9" * 40,
                        "1" * 29,
                        "-0",
                        "1e99999",
                        "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０",
                    ][i % 5]

    return rewrite_document(GOOD, d / "huge-numbers.docx", edit)


def numbering_bomb(d: Path, url: str) -> Path:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{s}"/><w:numFmt w:val="{f}"/><w:lvlText w:val="%{i + 1}%1%9"/>'
        f'<w:lvlRestart w:val="x"/></w:lvl>'
        for i, (s, f) in enumerate(
            [
                ("999999999999999999", "upperRoman"),
                ("99999999", "lowerLetter"),
                ("-5", "decimalFullWidth"),
                ("abc", "chineseCounting"),
                ("2147483647", "decimalEnclosedCircle"),
                ("0", "ideographZodiac"),
            ]
        )
    )
    numbering = (
        f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="q"><w:startOverride w:val="1e9"/></w:lvlOverride></w:num>'
    )
    paras = "".join(
        p(f"第{i}段", f'<w:numPr><w:ilvl w:val="{i % 7}"/><w:numId w:val="1"/></w:numPr>') for i in range(3000)
    )
    styles = (
        '<w:style w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:basedOn w:val="A"/></w:style>'
    )
    path = d / "numbering.docx"
    write_docx(
        path,
        paras + p("循环", '<w:pStyle w:val="A"/><w:outlineLvl w:val="99999999999999999999"/>'),
        numbering=numbering,
        styles=styles,
    )
    return path


def not_wordprocessing(d: Path, url: str) -> Path:
    return _docx(d / "not-word.docx", '<?xml version="1.0"?><foo xmlns="urn:x"><bar/></foo>')


# ---- other formats -----------------------------------------------------


def html_doctype(d: Path, url: str) -> Path:
    path = d / "doctype.html"
    path.write_text(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "{url}/html-entity">]>'
        f'<html><head><meta charset="utf-8"><link rel="stylesheet" href="{url}/style.css">'
        f'<script src="{url}/script.js"></script></head><body><h1>一、总体情况</h1><p>&xxe;&remote;</p>'
        f'<img src="{url}/img.png"><iframe src="{url}/frame"></iframe></body></html>',
        encoding="utf-8",
    )
    return path


def html_gbk_as_utf8(d: Path, url: str) -> Path:
    path = d / "gbk.html"
    path.write_bytes(
        '<html><head><meta charset="utf-8"></head><body><h1>一、总体情况</h1>'
        "<p>本年新收政府信息公开申请数量</p></body></html>".encode("gbk")
    )
    return path


def text_gbk_as_utf8(d: Path, url: str) -> Path:
    path = d / "gbk.txt"
    path.write_bytes("编码：UTF-8\n一、总体情况\n本年新收政府信息公开申请数量 12\n".encode("gbk"))
    return path


def text_nul(d: Path, url: str) -> Path:
    path = d / "nul.txt"
    path.write_bytes("一、总体情况\n".encode("utf-8") + b"\x00" * 100 + "二、主动公开\n".encode("utf-8"))
    return path


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_blank_pages(d: Path, url: str, pages: int = 2000) -> Path:
    """A valid PDF of ``pages`` blank A4 pages, written by hand (no library needed)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    path = d / "blank-2000.pdf"
    path.write_bytes(_pdf_file(objects))
    return path


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    import zlib

    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 760 Td (Annual report) Tj ET\n"


def _one_page(
    content: bytes,
    resources: bytes = b"/Font << /F1 4 0 R >>",
    more: tuple[bytes, ...] = (),
    box: bytes = b"[0 0 595 842]",
) -> bytes:
    return _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox "
            + box
            + b" /Contents 5 0 R /Resources << "
            + resources
            + b" >> >>",
            _FONT,
            _stream(content),
            *more,
        ]
    )


def pdf_grid_bomb(d: Path, url: str) -> Path:
    """One page of 14,400 points square (PDF's largest) with 3,000 horizontal and 3,000 vertical
    ruling lines, 4.5 points apart: a 9-million-slot grid from a content stream of a few kilobytes."""
    lines = b"".join(b"50 %.1f m 14000 %.1f l S\n" % (50 + i * 4.5, 50 + i * 4.5) for i in range(3000))
    lines += b"".join(b"%.1f 50 m %.1f 14000 l S\n" % (50 + i * 4.5, 50 + i * 4.5) for i in range(3000))
    path = d / "grid-bomb.pdf"
    path.write_bytes(_one_page(b"0.1 w\n" + lines + _TEXT, box=b"[0 0 14400 14400]"))
    return path


def pdf_form_recursion(d: Path, url: str) -> Path:
    """A form XObject that draws itself, and nested forms 50 deep."""
    form = _stream(
        b"0 0 m 100 0 l S /X Do\n",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X 6 0 R >> >> ",
    )
    path = d / "form-recursion.pdf"
    path.write_bytes(_one_page(_TEXT + b"/X Do\n", b"/Font << /F1 4 0 R >> /XObject << /X 6 0 R >>", (form,)))
    return path


def pdf_page_tree_cycle(d: Path, url: str) -> Path:
    """A page tree whose node lists itself as its own kid."""
    path = d / "page-tree-cycle.pdf"
    path.write_bytes(
        _pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 2 >>"])
    )
    return path


def pdf_garbage_after_header(d: Path, url: str) -> Path:
    path = d / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(5).randbytes(200_000))
    return path


def pdf_huge_coordinates(d: Path, url: str) -> Path:
    """Text and rulings at coordinates of 1e30 and NaN-like values, and a zero-size page."""
    content = (
        b"1e30 1e30 m -1e30 1e30 l S 0 0 m 0 1e30 l S\n"
        b"BT /F1 1e30 Tf 1e30 -1e30 Td (x) Tj ET BT /F1 12 Tf 0 0 Td (Annual report) Tj ET\n"
    )
    path = d / "huge-coordinates.pdf"
    path.write_bytes(_one_page(content))
    return path


def _doc_stream(d: Path, name: str, stream: str, at: int, value: bytes) -> Path:
    """filled_2021.doc with ``value`` written at byte ``at`` of one of its streams (the compound
    file itself intact, so the Word structures are what is hostile)."""
    import olefile

    path = d / name
    path.write_bytes((ROOT / "fixtures" / "doc_export" / "docx" / "filled_2021.doc").read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream(stream).read())
        data[at : at + len(value)] = value
        ole.write_stream(stream, bytes(data))
    return path


def doc_piece_table_outside(d: Path, url: str) -> Path:
    """The FIB says the piece table (fcClx, lcbClx) lies 4 GB into the table stream."""
    return _doc_stream(d, "clx.doc", "WordDocument", 0x01A2, struct.pack("<II", 0xFFFFFF00, 0xFFFF))


def doc_property_pages_outside(d: Path, url: str) -> Path:
    """Every paragraph property page number of the bin table points past the stream's end."""
    import olefile

    with olefile.OleFileIO(str(ROOT / "fixtures" / "doc_export" / "docx" / "filled_2021.doc")) as ole:
        word = ole.openstream("WordDocument").read()
    fc, lcb = struct.unpack_from("<II", word, 154 + 13 * 8)  # fcPlcfBtePapx, lcbPlcfBtePapx
    count = (lcb - 4) // 8
    return _doc_stream(d, "fkp.doc", "1Table", fc + 4 * (count + 1), struct.pack("<I", 0x3FFFFF) * count)


def doc_character_count_lie(d: Path, url: str) -> Path:
    """A ccpText of two billion characters: more than the stream can hold."""
    return _doc_stream(d, "ccp.doc", "WordDocument", 64 + 12, struct.pack("<I", 0x7FFFFFFF))


HTML, PDF, TEXT = "linter.readers.html", "linter.readers.pdf.reader", "linter.readers.text.reader"


def pending_reader(code: Optional[str], debug: Optional[str]) -> bool:
    """An internal error only because detect.py already routes to a reader that is not written yet
    (HTML, PDF). It stops counting as soon as the module exists."""
    import importlib.util

    return code == "RL-INT-001" and any(
        f"No module named '{module}'" in (debug or "") and importlib.util.find_spec(module) is None
        for module in (HTML, PDF)
    )


CASES: tuple[Case, ...] = (
    Case("empty", empty, "RL-IO-008"),
    Case("random-50mb", random_50mb, "RL-IO-001"),
    Case("over-file-limit", over_file_limit, "RL-IO-005", limit="max_file_bytes"),
    Case("random-after-zip-magic", random_pk, "RL-IO-002"),
    Case("truncated-zip", truncated, "RL-IO-002"),
    Case("truncated-zip-tail", truncated_tail, "RL-IO-002"),
    Case("zip-without-document", no_document, "RL-IO-003"),
    Case("document-not-xml", not_xml, "RL-IO-006"),
    Case("document-is-a-zip", document_is_zip, "RL-IO-006"),
    Case("nested-zip", nested_zip, "RL-IO-003"),
    Case("zip-bomb-member", bomb_member, "RL-IO-005", limit="max_member_bytes"),
    Case("zip-bomb-ratio", bomb_ratio, "RL-IO-005", limit="max_compression_ratio"),
    Case("zip-bomb-total", bomb_total, "RL-IO-005", limit="max_total_uncompressed"),
    Case("zip-too-many-members", many_members, "RL-IO-005", limit="max_zip_members"),
    Case("zip-lying-size", lying_size, "RL-IO-002"),
    Case("encrypted-member", encrypted_member, "RL-IO-004"),
    Case("encrypted-ole", encrypted_ole, "RL-IO-004"),
    Case("billion-laughs", billion_laughs, "RL-IO-006"),
    Case("quadratic-blowup", quadratic, "RL-IO-006"),
    Case("xxe-file", xxe_file, "RL-IO-006"),
    Case("xxe-http", xxe_http, "RL-IO-006"),
    Case("xxe-parameter-entity", xxe_parameter, "RL-IO-006"),
    Case("external-dtd", external_dtd, "RL-IO-006"),
    Case("xxe-utf16", xxe_utf16, "RL-IO-006"),
    Case("xxe-in-styles", xxe_styles, "RL-IO-006"),
    Case("xxe-in-unused-styles", xxe_styles_unused, "RL-IO-006"),
    Case("xxe-in-rels", xxe_rels, "RL-IO-006"),
    Case("external-relationships", external_relationships, None),
    Case("relationship-outside-package", outside_package, "RL-IO-003"),
    Case("xinclude", xinclude, None),
    Case("deep-xml", deep_xml, "RL-IO-005", limit="max_xml_depth"),
    Case("deep-xml-220", deep_xml_220, None),
    Case("nested-tables-60", nested_tables, None),
    Case("huge-text-node", huge_text_node, "RL-IO-005", limit="max_xml_text_node"),
    Case("xml-too-big", xml_too_big, "RL-IO-005", limit="max_xml_bytes"),
    Case("table-10000-rows", rows_10000, None, seconds=20.0, megabytes=400),
    Case("table-over-row-limit", rows_over_limit, "RL-IO-005", limit="max_table_rows"),
    Case("gridspan-bomb", gridspan_bomb, "RL-IO-005", limit="max_table_cols"),
    Case("gridbefore-bomb", gridbefore_bomb, "RL-IO-005", limit="max_table_cols"),
    Case("vmerge-maze", vmerge_maze, None, seconds=10.0),
    Case("too-many-paragraphs", many_paragraphs, "RL-IO-005", seconds=15.0, megabytes=600, limit="max_blocks"),
    Case("gbk-declared-utf8", gbk_as_utf8, "RL-IO-006"),
    Case("nul-bytes", nul_bytes, "RL-IO-006"),
    Case("nul-character-reference", nul_charref, "RL-IO-006"),
    Case("control-symbols", control_symbols, None),
    Case("huge-numbers-in-cells", huge_numbers, None),
    Case("numbering-bomb", numbering_bomb, None),
    Case("not-wordprocessingml", not_wordprocessing, "RL-IO-001"),
    # Readers of other formats: these run once the reader exists. An HTML page's DOCTYPE is inert (the
    # HTML parser never expands entities or loads DTDs), so the page is read, and nothing leaks or is
    # fetched. A wrong charset declaration falls back to detection (GB18030); NUL bytes mean binary data.
    Case("html-doctype-xxe", html_doctype, None, needs=HTML),
    Case("html-gbk-declared-utf8", html_gbk_as_utf8, None, needs=HTML),
    Case("text-gbk-declared-utf8", text_gbk_as_utf8, None, needs=TEXT),
    Case("text-nul-bytes", text_nul, "RL-IO-001", needs=TEXT),
    Case("pdf-2000-blank-pages", pdf_blank_pages, "RL-IO-005", limit="max_pdf_pages", needs=PDF),
    # PDFium is native code: these run in the checking child like every file of a batch.
    Case("pdf-grid-bomb", pdf_grid_bomb, "RL-IO-005", limit="max_table_cells", needs=PDF),
    Case("pdf-form-recursion", pdf_form_recursion, None, needs=PDF),
    Case("pdf-page-tree-cycle", pdf_page_tree_cycle, "RL-IO-023", needs=PDF),
    Case("pdf-garbage-after-header", pdf_garbage_after_header, "RL-IO-023", needs=PDF),
    Case("pdf-huge-coordinates", pdf_huge_coordinates, None, needs=PDF),
    # Word 97-2003 binary: offsets and counts the file chooses, each checked against its stream.
    Case("doc-piece-table-outside", doc_piece_table_outside, "RL-IO-028"),
    Case("doc-property-pages-outside", doc_property_pages_outside, "RL-IO-028"),
    Case("doc-character-count-lie", doc_character_count_lie, "RL-IO-028"),
)
