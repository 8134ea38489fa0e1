"""A Word 97-2003 (.doc) fixture with what Word writes and LibreOffice does not: symbol characters
stored as Word stores them (the text holds 0x28 and the run's sprmCSymbol names the font and the
character: a Wingdings check box) and 8-bit text pieces (Word keeps every run of characters that
Windows-1252 can hold in a "compressed" piece of one byte a character; 0x80-0x9F are 1252's
quotes and dashes).

LibreOffice writes every character in one UTF-16 piece and a symbol as the font's private-use
character (U+F0FE in a Wingdings run), so this test-only builder rewrites its .doc into Word's
form. Run by hand; the outputs are committed, so tests never need LibreOffice.

    python tests/fixturegen/build_doc_pieces.py

Writes fixtures/doc_export/pieces/filled_2021_symbols.docx (filled_2021.docx with a paragraph of
check boxes and 1252 punctuation) and its .doc, which must read as the .docx does
(tests/test_doc.py).

The rewrite ([MS-DOC] 2.4.1, 2.9.x): the text of the single UTF-16 piece is laid out again from
the same offset as alternating 8-bit and UTF-16 pieces (each UTF-16 piece on an even offset); every
FKP boundary and bin-table key is moved to the new offset of its character; each private-use
symbol character becomes 0x28, and its run's CHPX gains sprmCSymbol (ftc from its sprmCRgFtc0,
xchar the character) in a character FKP packed anew. The streams keep their sizes.
"""

from __future__ import annotations

import itertools
import shutil
import struct
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import olefile

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
FIXTURES = ROOT / "fixtures"
OUT = FIXTURES / "doc_export" / "pieces"
NAME = "filled_2021_symbols"
FKP = 512
SPRM_C_SYMBOL, SPRM_C_RGFTC0 = 0x6A09, 0x4A4F
PLCF_BTE_CHPX, PLCF_BTE_PAPX, CLX = 12, 13, 33  # FibRgFcLcb97 indexes
# A paragraph for the overview: two Wingdings check boxes (☑ 0xFE, ☐ 0x6F) as w:sym, and
# punctuation that Windows-1252 holds at 0x80-0x9F (€ – — “ ” ‘ ’ …).
PARAGRAPH = (
    '<w:p><w:r><w:t xml:space="preserve">公开渠道：</w:t></w:r>'
    '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r><w:r><w:t xml:space="preserve">政府网站 </w:t></w:r>'
    '<w:r><w:sym w:font="Wingdings" w:char="F06F"/></w:r><w:r><w:t>政务新媒体</w:t></w:r></w:p>'
    "<w:p><w:r><w:t>Fees: €0 – “none” — ‘free’ … www.pingtan.gov.cn</w:t></w:r></w:p>"
)


def source_docx(dst: Path) -> None:
    """filled_2021.docx with PARAGRAPH after the overview's first paragraph."""
    src = FIXTURES / "docx" / "filled_2021.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                at = text.index("推动政府决策和管理服务更加透明规范。")
                end = text.index("</w:p>", at) + len("</w:p>")
                data = (text[:end] + PARAGRAPH + text[end:]).encode("utf-8")
            zout.writestr(info, data)


def soffice(source: Path, outdir: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{outdir / 'profile'}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return outdir / f"{source.stem}.doc"


@dataclass
class Piece:
    cp: int
    cp_end: int
    fc: int
    compressed: bool


def _fc_lcb(word: bytes) -> tuple[int, list[tuple[int, int]]]:
    """The offset of the FIB's (fc, lcb) array and its pairs."""
    pos = 32
    pos += 2 + 2 * struct.unpack_from("<H", word, pos)[0]  # csw, fibRgW
    pos += 2 + 4 * struct.unpack_from("<H", word, pos)[0]  # cslw, fibRgLw
    count = struct.unpack_from("<H", word, pos)[0]
    pos += 2
    return pos, [struct.unpack_from("<II", word, pos + 8 * i) for i in range(count)]


def _layout(text: str, fc0: int) -> tuple[list[Piece], bytes]:
    """Pieces for ``text`` from byte ``fc0``: each maximal run of 1252 characters 8-bit, the rest
    UTF-16 (starting on an even offset); and the bytes from ``fc0``."""
    pieces: list[Piece] = []
    out = bytearray()
    start = 0
    while start < len(text):
        narrow = _narrow(text[start])
        end = start + 1
        while end < len(text) and _narrow(text[end]) == narrow:
            end += 1
        if not narrow and len(out) % 2:
            out.append(0)
        chunk = text[start:end]
        pieces.append(Piece(start, end, fc0 + len(out), narrow))
        out += chunk.encode("cp1252") if narrow else chunk.encode("utf-16-le")
        start = end
    return pieces, bytes(out)


def _narrow(ch: str) -> bool:
    try:
        return len(ch.encode("cp1252")) == 1
    except UnicodeEncodeError:
        return False


def _new_fc(old: int, fc0: int, n: int, pieces: list[Piece]) -> int:
    """Where the character at old byte ``old`` of the single UTF-16 piece now lies."""
    if not fc0 <= old <= fc0 + 2 * n:
        return old  # outside the text: unchanged
    assert (old - fc0) % 2 == 0, old
    cp = (old - fc0) // 2
    for p in pieces:
        if p.cp <= cp < p.cp_end:
            return p.fc + (cp - p.cp) * (1 if p.compressed else 2)
    last = pieces[-1]
    return last.fc + (last.cp_end - last.cp) * (1 if last.compressed else 2)


def _fkp_entries(page: bytes, chpx: bool) -> tuple[list[int], list[bytes]]:
    """The page's boundaries and, per run, its property bytes (CHPX: the grpprl; PAPX: the whole
    BX-addressed PapxInFkp with its 12 bytes of PHE kept apart by the caller)."""
    crun = page[511]
    fcs = list(struct.unpack_from(f"<{crun + 1}I", page, 0))
    props = []
    base = 4 * (crun + 1)
    for i in range(crun):
        offset = 2 * page[base + (i if chpx else 13 * i)]
        props.append(page[offset + 1 : offset + 1 + page[offset]] if chpx and offset else b"")
    return fcs, props


def _fits(runs: list[tuple[int, int, bytes]]) -> bool:
    """Whether ``runs`` fit one character FKP."""
    used = 5 * len(runs) + 4 + sum(2 + len(g) for g in {r[2] for r in runs if r[2]})
    return used <= FKP - 1


def _chpx_page(fcs: list[int], props: list[bytes]) -> bytes:
    """A character FKP of these runs: boundaries, then one offset byte per run, the grpprls packed
    from the end of the page on even offsets."""
    crun = len(props)
    page = bytearray(FKP)
    struct.pack_into(f"<{crun + 1}I", page, 0, *fcs)
    top = FKP - 1
    placed: dict[bytes, int] = {}
    for i, grpprl in enumerate(props):
        if not grpprl:
            continue
        if grpprl not in placed:
            top = (top - 1 - len(grpprl)) & ~1
            assert top >= 5 * crun + 4, "the character page is full"
            page[top] = len(grpprl)
            page[top + 1 : top + 1 + len(grpprl)] = grpprl
            placed[grpprl] = top // 2
        page[4 * (crun + 1) + i] = placed[grpprl]
    page[511] = crun
    return bytes(page)


def _grpprl_sprms(grpprl: bytes) -> list[tuple[int, bytes]]:
    sizes = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
    out, pos = [], 0
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        size = sizes.get(sprm >> 13)
        if size is None:
            size = grpprl[pos] + 1
        out.append((sprm, grpprl[pos : pos + size]))
        pos += size
    return out


def rewrite(doc: Path) -> None:
    """``doc`` (as LibreOffice wrote it) into Word's form, in place."""
    with olefile.OleFileIO(str(doc)) as ole:
        streams = {"/".join(e): ole.openstream(e).read() for e in ole.listdir()}
    word = bytearray(streams["WordDocument"])
    table_name = "1Table" if struct.unpack_from("<H", word, 0x0A)[0] & 0x0200 else "0Table"
    table = bytearray(streams[table_name])
    pairs_at, pairs = _fc_lcb(bytes(word))
    fc_clx, lcb_clx = pairs[CLX]
    clx = bytes(table[fc_clx : fc_clx + lcb_clx])
    assert clx[0] == 0x02, "a piece table without property lists"
    lcb = struct.unpack_from("<I", clx, 1)[0]
    assert lcb == 16, "LibreOffice writes one piece"
    cp0, n = struct.unpack_from("<II", clx, 5)
    fc_raw = struct.unpack_from("<I", clx, 15)[0]
    assert cp0 == 0 and not fc_raw & 0x40000000
    fc0 = fc_raw
    text = word[fc0 : fc0 + 2 * n].decode("utf-16-le")
    symbols = {cp: ch for cp, ch in enumerate(text) if 0xF020 <= ord(ch) <= 0xF0FF}
    assert symbols, "no symbol characters in the text"
    text = "".join("(" if cp in symbols else ch for cp, ch in enumerate(text))
    pieces, laid = _layout(text, fc0)
    assert any(p.compressed for p in pieces) and any(not p.compressed for p in pieces)
    word[fc0 : fc0 + 2 * n] = laid + bytes(2 * n - len(laid))

    # The piece table: one more cp per piece, 8 bytes of PCD each (fc with the 8-bit flag).
    plc = struct.pack(f"<{len(pieces) + 1}I", *[p.cp for p in pieces], n)
    for p in pieces:
        plc += struct.pack("<HIH", 0, (p.fc * 2) | 0x40000000 if p.compressed else p.fc, 0)
    new_clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table += new_clx  # at the end of the table stream, which grows; the FIB says where
    struct.pack_into("<II", word, pairs_at + 8 * CLX, len(table) - len(new_clx), len(new_clx))

    symbol_fcs = {_new_fc(fc0 + 2 * cp, fc0, n, pieces): ch for cp, ch in symbols.items()}
    runs: list[tuple[int, int, bytes]] = []  # the character runs, split at the symbols
    for index, chpx in ((PLCF_BTE_CHPX, True), (PLCF_BTE_PAPX, False)):
        fc, lcb = pairs[index]
        count = (lcb - 4) // 8
        keys = list(struct.unpack_from(f"<{count + 1}I", table, fc))
        struct.pack_into(f"<{count + 1}I", table, fc, *(_new_fc(k, fc0, n, pieces) for k in keys))
        for pn in struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1)):
            at = (pn & 0x3FFFFF) * FKP
            page = bytes(word[at : at + FKP])
            fcs, props = _fkp_entries(page, chpx)
            new_fcs = [_new_fc(f, fc0, n, pieces) for f in fcs]
            if not chpx:
                struct.pack_into(f"<{len(fcs)}I", word, at, *new_fcs)
                continue
            for (a, b), grpprl in zip(itertools.pairwise(new_fcs), props):
                inside = sorted(f for f in symbol_fcs if a <= f < b)
                cuts = sorted({a, b, *inside, *(f + 1 for f in inside)})  # ('(' is 8-bit: one byte)
                for lo, hi in itertools.pairwise(cuts):
                    g = grpprl
                    if lo in symbol_fcs:
                        ftc = next((op for s, op in _grpprl_sprms(g) if s == SPRM_C_RGFTC0), b"\0\0")
                        g += struct.pack("<H", SPRM_C_SYMBOL) + ftc + struct.pack("<H", ord(symbol_fcs[lo]))
                    runs.append((lo, hi, g))
    # The character runs paged anew at the end of the WordDocument stream (a symbol's property
    # may not fit its old page), and the bin table written anew at the end of the table stream.
    word += bytes(-len(word) % FKP)
    keys, pns = [], []
    while runs:
        take = 1
        while take < len(runs) and _fits(runs[: take + 1]):
            take += 1
        chunk, runs = runs[:take], runs[take:]
        keys.append(chunk[0][0])
        pns.append(len(word) // FKP)
        word += _chpx_page([r[0] for r in chunk] + [chunk[-1][1]], [r[2] for r in chunk])
        if not runs:
            keys.append(chunk[-1][1])
    bte = struct.pack(f"<{len(keys)}I", *keys) + struct.pack(f"<{len(pns)}I", *pns)
    table += bte
    struct.pack_into("<II", word, pairs_at + 8 * PLCF_BTE_CHPX, len(table) - len(bte), len(bte))
    streams["WordDocument"], streams[table_name] = bytes(word), bytes(table)
    doc.write_bytes(compound_file(streams))


# ---- a compound file (MS-CFB version 3) of flat streams: olefile reads them but cannot resize one
SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
WORD_CLSID = bytes.fromhex("0609020000000000c000000000000046")


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``streams`` under its root: streams under 4096 bytes in the mini
    stream, the others in sectors of their own; one FAT, directory entries in a chain of right
    siblings in the order MS-CFB compares names (length, then upper case)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    sectors: list[bytes] = []
    fat: list[int] = []

    def put(data: bytes) -> int:
        """``data`` in new sectors chained in the FAT; its first sector (END if empty)."""
        if not data:
            return END
        first = len(sectors)
        count = -(-len(data) // SECTOR)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(first + i + 1 if i + 1 < count else END)
        return first

    mini = bytearray()
    minifat: list[int] = []
    start: dict[str, int] = {}
    for name in names:
        data = streams[name]
        if len(data) < CUTOFF:
            first = len(mini) // MINI
            count = -(-len(data) // MINI)
            for i in range(count):
                minifat.append(first + i + 1 if i + 1 < count else END)
            mini += data.ljust(count * MINI, b"\0")
            start[name] = first if data else END
        else:
            start[name] = put(data)
    mini_start = put(bytes(mini))
    minifat_start = put(struct.pack(f"<{len(minifat)}I", *minifat)) if minifat else END
    minifat_sectors = -(-4 * len(minifat) // SECTOR)

    def entry(name: str, kind: int, right: int, child: int, first: int, size: int, clsid: bytes = bytes(16)) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(raw), kind, 1, NOSTREAM, right, child)
            + clsid
            + bytes(4 + 16)
            + struct.pack("<IQ", first, size)
        )

    directory = entry("Root Entry", 5, NOSTREAM, 1, mini_start, len(mini), WORD_CLSID)
    for i, name in enumerate(names, 1):
        right = i + 1 if i < len(names) else NOSTREAM
        directory += entry(name, 2, right, NOSTREAM, start[name], len(streams[name]))
    directory_start = put(directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0"))
    # The FAT covers every sector, its own included.
    fat_sectors = 1
    while len(fat) + fat_sectors > fat_sectors * SECTOR // 4:
        fat_sectors += 1
    fat_start = len(sectors)
    fat += [FATSECT] * fat_sectors
    assert fat_sectors <= 109, "a DIFAT beyond the header"
    table = struct.pack(f"<{len(fat)}I", *fat).ljust(fat_sectors * SECTOR, b"\xff")
    sectors += [table[i * SECTOR : (i + 1) * SECTOR] for i in range(fat_sectors)]
    difat = [fat_start + i for i in range(fat_sectors)] + [FREE] * (109 - fat_sectors)
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_sectors, directory_start, 0, CUTOFF, minifat_start, minifat_sectors, END, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == SECTOR
    return header + b"".join(sectors)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = OUT / f"{NAME}.docx"
        source_docx(source)
        doc = soffice(source, Path(tmp))
        rewrite(doc)
        shutil.copy(doc, OUT / f"{NAME}.doc")
    print(OUT / f"{NAME}.doc")


if __name__ == "__main__":
    main()
