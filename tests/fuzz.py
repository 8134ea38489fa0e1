"""Fuzz the whole pipeline with mutated copies of the fixtures.

Mutations: byte flips, truncations, shuffled/dropped/duplicated zip members, and mangled XML
inside the package (elements deleted, duplicated, moved, renamed; attributes set to hostile
values; cell text replaced by odd numbers and characters; the XML text itself cut or flipped),
plus span edits for HTML and text files, for PDFs edits inside the decompressed page
content (drawing and text operators deleted, repeated, swapped, their numbers made huge), and for
Word binary documents (.doc) odd values written into the streams' structures (the FIB, the table
stream's piece table, styles and lists, the property pages) inside an intact compound file. Every input is checked in a child process with a time
limit (linter.run.pool), so a hang is caught as one; the outputs are rendered as text and JSON and
the JSON is validated against schemas/findings.schema.json.

A failure is: an RL-INT-* result (an exception inside check_file), a hang (RL-IO-012), an
exception while rendering, a finding whose rule id is not in the built-in rule sets, or an error
code that is not documented in linter.errors. Failing inputs are copied to --save.

    python tests/fuzz.py --count 2000 [--seed 1] [--jobs 2] [--save DIR]

Prints ``fuzz: N inputs, C crashes, H hangs, ...`` and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import copy
import io
import random
import re
import shutil
import sys
import tempfile
import time
import warnings
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]  # a script: before tests is importable
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from linter.run.check import FileResult, Options, check_file  # noqa: E402
from linter.errors import INPUT_ERRORS  # noqa: E402
from linter.config.limits import Limits  # noqa: E402
from linter.readers.docx.package import safe_parser  # noqa: E402
from linter.reporters import get_reporter  # noqa: E402
from linter.reporters.json_reporter import document  # noqa: E402
from linter.ruleset.resources import load_schema  # noqa: E402
from linter.ruleset.loader import builtin_editions, builtin_ruleset  # noqa: E402
from linter.run.pool import check_files_limited  # noqa: E402
from tests.hostile.craft import pending_reader  # noqa: E402

SEED_GLOBS = [
    "fixtures/docx/*.docx",
    "fixtures/corpus_docx/*.docx",
    "fixtures/rules/*.docx",
    "examples/*.docx",
    "fixtures/text/*.txt",
    "fixtures/corpus/*.txt",
    "fixtures/bad/*",
    "fixtures/html/*.html",
    "fixtures/pdf/*.pdf",
    "fixtures/corpus/*.pdf",
    "fixtures/pdf_export/shapes/*.pdf",
    "fixtures/doc_export/docx/*.doc",
    "fixtures/doc_export/corpus_docx/*.doc",
    "fixtures/ofd/*.ofd",
    "fixtures/ofd/wps_like/*.ofd",  # the shapes real producers write: a text object per run of one script
    "fixtures/ofd/converter_like/*.ofd",  # and one per glyph, through a scaling CTM
]
HANG_SECONDS = 10.0  # a normal fixture takes under 0.2 s

ODD_VALUES = [
    "0",
    "-1",
    "",
    "x",
    "1e9",
    "2147483648",
    "99999999999999999999",
    "4294967295",
    "١٢",
    "²",
    " 7 ",
    "restart",
    "continue",
    "true",
    "0x10",
    "NaN",
    "-0",
]
ODD_TEXT = [
    "0",
    "-0",
    "１２３",
    "12.5",
    "1,234",
    "9" * 40,
    "1e99999",
    "—",
    "无",
    "\t",
    "\n",
    "（七）总计",
    "总计",
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "2021年度",
    "\u200b",
    "\ufeff",
    "𠀀",
    "\u3000",
    "%1",
    "&",
    "<",
    "元",
    "增加5",
]

Mutator = Callable[[random.Random, bytes], bytes]


# ---- byte level --------------------------------------------------------------------------------


def flip_bytes(rnd: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 16)):
        if out:
            out[rnd.randrange(len(out))] ^= 1 << rnd.randrange(8)
    return bytes(out)


def truncate(rnd: random.Random, data: bytes) -> bytes:
    return data[: rnd.randrange(len(data) + 1)] if data else data


def splice(rnd: random.Random, data: bytes) -> bytes:
    """Delete, duplicate or overwrite a random span."""
    if len(data) < 2:
        return data + data
    a = rnd.randrange(len(data))
    b = min(len(data), a + rnd.randint(1, 4096))
    kind = rnd.randrange(3)
    if kind == 0:
        return data[:a] + data[b:]
    if kind == 1:
        return data[:b] + data[a:b] + data[b:]
    return data[:a] + bytes(rnd.randrange(256) for _ in range(b - a)) + data[b:]


# ---- zip level ---------------------------------------------------------------------------------

_MEMBERS: dict[bytes, list[tuple[str, bytes]]] = {}
_TREES: dict[bytes, etree._Element] = {}


def _members(data: bytes) -> list[tuple[str, bytes]]:
    if data not in _MEMBERS:  # keyed by the seed's bytes object (its hash is cached)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _MEMBERS[data] = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    return list(_MEMBERS[data])


def _tree(blob: bytes) -> etree._Element:
    if blob not in _TREES:
        _TREES[blob] = etree.fromstring(blob, safe_parser())
    return copy.deepcopy(_TREES[blob])


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)  # duplicates are one of the mutations
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members:
            zf.writestr(
                zipfile.ZipInfo(name, (2021, 1, 1, 0, 0, 0)), blob, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1
            )
    return buf.getvalue()


def shuffle_members(rnd: random.Random, data: bytes) -> bytes:
    members = _members(data)
    rnd.shuffle(members)
    kind = rnd.randrange(4)
    if kind == 1 and members:
        members.pop(rnd.randrange(len(members)))
    elif kind == 2 and members:
        members.append(rnd.choice(members))  # a duplicate name
    elif kind == 3 and len(members) > 1:
        (n1, b1), (n2, b2) = rnd.sample(members, 2)
        members = [(n, b2 if n == n1 else b1 if n == n2 else b) for n, b in members]  # swapped contents
    return _zip(members)


def _xml_members(members: list[tuple[str, bytes]]) -> list[int]:
    return [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]


def mangle_xml(rnd: random.Random, data: bytes) -> bytes:
    members = _members(data)
    xml = _xml_members(members)
    if not xml:
        return flip_bytes(rnd, data)
    # Mostly the main document (an OFD's pages), sometimes styles, numbering, relationships or
    # content types (an OFD's entry file, document or resources).
    doc = [i for i in xml if members[i][0] == "word/document.xml" or members[i][0].endswith("/Content.xml")]
    index = rnd.choice(doc) if doc and rnd.random() < 0.7 else rnd.choice(xml)
    name, blob = members[index]
    try:
        root = _tree(blob)
    except etree.XMLSyntaxError:
        return flip_bytes(rnd, data)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]  # once: removed ones just have no parent
    for _ in range(rnd.randint(1, 6)):
        _mangle_tree(rnd, root, elements)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if rnd.random() < 0.15:  # and sometimes the serialised text itself
        text = rnd.choice([truncate, flip_bytes, splice])(rnd, text)
    members[index] = (name, text)
    return _zip(members)


def _by_name(root: etree._Element, local: str) -> list[etree._Element]:
    return list(root.iter((etree.QName(root).namespace and f"{{{etree.QName(root).namespace}}}{local}") or local))


def _mangle_tree(rnd: random.Random, root: etree._Element, elements: list[etree._Element]) -> None:
    if len(elements) < 2:
        return
    el = rnd.choice(elements[1:])
    parent = el.getparent()
    kind = rnd.randrange(9)
    if kind == 0 and parent is not None:
        parent.remove(el)
    elif kind == 1 and parent is not None:
        parent.insert(parent.index(el), etree.fromstring(etree.tostring(el)))  # duplicate
    elif kind == 2:  # move under another element (not into its own subtree)
        target = rnd.choice(elements)
        if (
            target is not el
            and target is not root.getparent()
            and el not in target.iterancestors()
            and parent is not None
            and target.getroottree().getroot() is root
        ):
            parent.remove(el)
            target.insert(rnd.randint(0, len(target)), el)
    elif kind == 3:  # rename within the same namespace, e.g. w:tc -> w:p
        qn = etree.QName(el)
        other = etree.QName(rnd.choice(elements))
        el.tag = etree.QName(qn.namespace, other.localname).text if qn.namespace else other.localname
    elif kind in (4, 5) and el.attrib:
        key = rnd.choice(list(el.attrib))
        el.set(key, rnd.choice(ODD_VALUES))
    elif kind == 6:  # a Word text run's text, or an OFD text code's
        ts = _by_name(root, "t") or _by_name(root, "TextCode")
        if ts:
            rnd.choice(ts).text = rnd.choice(ODD_TEXT)
    elif kind == 7:  # hostile table properties on a cell
        tcs = _by_name(root, "tc")
        if tcs:
            tc = rnd.choice(tcs)
            w = etree.QName(tc).namespace
            tcpr = tc.find(f"{{{w}}}tcPr")
            if tcpr is None:
                tcpr = etree.SubElement(tc, f"{{{w}}}tcPr")
                tc.insert(0, tcpr)
            prop = etree.SubElement(tcpr, f"{{{w}}}" + rnd.choice(["gridSpan", "vMerge", "hMerge", "cellDel"]))
            prop.set(f"{{{w}}}val", rnd.choice(ODD_VALUES + ["2", "3", "restart", "continue"]))
    elif kind == 8 and parent is not None:  # swap with a sibling
        siblings = list(parent)
        other = rnd.choice(siblings)
        if other is not el:
            i, j = parent.index(el), parent.index(other)
            parent.remove(el)
            parent.insert(j, el)
            if i < j:
                parent.remove(other)
                parent.insert(i, other)


# ---- text level (HTML, plain text) -------------------------------------------------------------


def mangle_text(rnd: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    for _ in range(rnd.randint(1, 5)):
        if not text:
            break
        a = rnd.randrange(len(text))
        b = min(len(text), a + rnd.randint(1, 200))
        kind = rnd.randrange(4)
        if kind == 0:
            text = text[:a] + text[b:]
        elif kind == 1:
            text = text[:b] + text[a:b] + text[b:]
        elif kind == 2:
            text = (
                text[:a] + rnd.choice(ODD_TEXT + ["<table>", "</tr>", "<td colspan=99999>", "<!DOCTYPE x>"]) + text[a:]
            )
        else:
            text = text[:a] + text[a:b][::-1] + text[b:]
    encoding = rnd.choice(["utf-8", "utf-8", "gb18030", "utf-16"])
    return text.encode(encoding, errors="replace")


# ---- PDF content streams ------------------------------------------------------------------------

PDF_STREAM = re.compile(rb"(/Filter\s*/FlateDecode[^>]*>>\s*stream\r?\n)(.*?)(\r?\nendstream)", re.S)
ODD_OPERANDS = [
    b"1e30",
    b"-1e30",
    b"0",
    b"-0",
    b"99999999999",
    b"NaN",
    b"()",
    b"<>",
    b"[",
    b"]",
    b"q",
    b"Q",
    b"1 0 0 1 0 0 cm",
    b"BT",
    b"ET",
    b"/F1 0 Tf",
    b"0 0 m 1e9 1e9 l S",
    b"0 0 1e9 1e9 re f",
]


def mangle_pdf(rnd: random.Random, data: bytes) -> bytes:
    """Edit the operators of a decompressed content stream; the stream is compressed again (the
    file's offsets then no longer match: PDFium rebuilds its cross-reference table, as for any
    damaged download)."""
    streams = list(PDF_STREAM.finditer(data))
    rnd.shuffle(streams)
    for m in streams:
        try:
            content = zlib.decompress(m.group(2))
        except zlib.error:
            continue
        if b" Tj" not in content and b" re" not in content and b" l" not in content:
            continue
        tokens = content.split(b"\n")
        for _ in range(rnd.randint(1, 8)):
            if not tokens:
                break
            i = rnd.randrange(len(tokens))
            kind = rnd.randrange(4)
            if kind == 0:
                del tokens[i]
            elif kind == 1:
                tokens[i:i] = tokens[i : i + rnd.randint(1, 50)] * rnd.randint(2, 20)
            elif kind == 2:
                j = rnd.randrange(len(tokens))
                tokens[i], tokens[j] = tokens[j], tokens[i]
            else:
                parts = tokens[i].split(b" ")
                parts[rnd.randrange(len(parts))] = rnd.choice(ODD_OPERANDS)
                tokens[i] = b" ".join(parts)
        return data[: m.start(2)] + zlib.compress(b"\n".join(tokens)) + data[m.end(2) :]
    return flip_bytes(rnd, data)


# ---- Word binary (.doc) -------------------------------------------------------------------------

ODD_INTS = [0, 1, 0xFF, 0x7F, 0x80, 0xFFFF, 0x7FFF, 0x8000, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 511, 512, 4096]


def mangle_doc(rnd: random.Random, data: bytes) -> bytes:
    """Odd values in the structures of one stream of a .doc, the compound file left intact: the
    FIB and the property pages (WordDocument), the piece table, styles and lists (the table
    stream), the huge paragraph properties (Data)."""
    import olefile

    buf = io.BytesIO(data)
    ole = olefile.OleFileIO(buf, write_mode=True)
    names = [n for n in ("WordDocument", "1Table", "0Table", "Data") if ole.exists(n)]
    name = rnd.choice(names)
    stream = bytearray(ole.openstream(name).read())
    if not stream:
        return flip_bytes(rnd, data)
    for _ in range(rnd.randint(1, 6)):
        if name == "WordDocument" and rnd.random() < 0.5:
            at = rnd.randrange(min(len(stream), 0x600))  # the FIB
        elif name == "WordDocument":
            at = len(stream) - 512 * rnd.randint(1, max(1, len(stream) // 512)) + rnd.randrange(512)
        else:
            at = rnd.randrange(len(stream))
        size = rnd.choice((1, 2, 4))
        value = rnd.choice(ODD_INTS + [rnd.randrange(1 << 32)]) & ((1 << (8 * size)) - 1)
        at = max(0, min(at, len(stream) - size))
        stream[at : at + size] = value.to_bytes(size, "little")
    ole.write_stream(name, bytes(stream))
    ole.close()
    return buf.getvalue()


def mutators_for(data: bytes) -> list[tuple[str, Mutator, int]]:
    """(name, mutator, weight) suited to the seed."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return [
            ("mangle-doc", mangle_doc, 6),
            ("flip-bytes", flip_bytes, 1),
            ("truncate", truncate, 1),
            ("splice", splice, 1),
        ]
    if data.startswith(b"%PDF-"):
        return [
            ("mangle-pdf", mangle_pdf, 4),
            ("flip-bytes", flip_bytes, 1),
            ("truncate", truncate, 1),
            ("splice", splice, 1),
        ]
    if zipfile.is_zipfile(io.BytesIO(data)):
        return [
            ("mangle-xml", mangle_xml, 6),
            ("shuffle-members", shuffle_members, 1),
            ("flip-bytes", flip_bytes, 1),
            ("truncate", truncate, 1),
            ("splice", splice, 1),
        ]
    textual = b"\0" not in data[:4096]
    return ([("mangle-text", mangle_text, 4)] if textual else []) + [
        ("flip-bytes", flip_bytes, 1),
        ("truncate", truncate, 1),
        ("splice", splice, 1),
    ]


def seeds() -> list[Path]:
    out: list[Path] = []
    for pattern in SEED_GLOBS:
        out += sorted(p for p in ROOT.glob(pattern) if p.is_file() and not p.name.endswith((".yaml", ".md")))
    return out


_CORPUS: list[tuple[Path, bytes]] = []


def make_input(index: int, seed: int, workdir: Path) -> Path:
    """Write input ``index`` of run ``seed``; each input has its own RNG, so any one is reproducible."""
    if not _CORPUS:
        _CORPUS.extend((p, p.read_bytes()) for p in seeds())
    rnd = random.Random(seed * 1_000_003 + index)
    source, data = rnd.choice(_CORPUS)
    choices = mutators_for(data)
    name, mutate, _ = rnd.choices(choices, weights=[w for _, _, w in choices])[0]
    try:
        mutated = mutate(rnd, data)
    except Exception:  # noqa: BLE001 - a mutator failing on odd input is not a finding
        mutated = flip_bytes(rnd, data)
    path = workdir / f"{index:05d}-{name}-{source.stem}{source.suffix}"
    path.write_bytes(mutated)
    return path


def fuzz_check(job: Path, options: Options) -> FileResult:
    """Runs in the child: ``job`` is ``DIR/<index>-<seed>.job``; make that input, then check it.
    Generating in the children keeps both cores busy."""
    index, seed = (int(x) for x in job.stem.split("-"))
    return check_file(make_input(index, seed, job.parent), options)


def documented_rules() -> set[str]:
    return {r.id for edition in builtin_editions() for r in builtin_ruleset(edition).rules}


def run(count: int, seed: int, jobs: int, save: Optional[Path], quiet: bool = False) -> dict[str, int]:
    import jsonschema

    schema_validator = jsonschema.Draft202012Validator(load_schema("findings.schema.json"))
    rules = documented_rules()
    options = Options(lang="en", limits=Limits(max_seconds_per_file=HANG_SECONDS))
    stats: Counter[str] = Counter()
    fired: set[str] = set()
    failures: list[tuple[str, Path, str]] = []
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="reportlint-fuzz-") as tmp:
        workdir = Path(tmp)
        jobs_ = (workdir / f"{i}-{seed}.job" for i in range(count))
        from tests.fuzz import fuzz_check as check  # by its importable name, for the child processes

        for i, result in enumerate(check_files_limited(jobs_, options, jobs=jobs, check=check)):
            path = Path(result.path)
            if not path.exists():  # a hang or a dead child: the result names the job; rebuild the input
                path = make_input(i, seed, workdir)
            stats["inputs"] += 1
            code = result.error.code if result.error else None
            stats[code or "read"] += 1
            fired.update(f.rule for f in result.findings)
            problem = ""
            if pending_reader(code, result.error.debug if result.error else None):
                stats["pending-reader"] += 1  # HTML/PDF routed to a reader not written yet
            elif code == "RL-IO-012":
                problem = "hang"
            elif code is not None and code.startswith("RL-INT"):
                problem = "crash"
            elif code is not None and code not in INPUT_ERRORS:
                problem = "undocumented-code"
            elif any(f.rule not in rules for f in result.findings):
                problem = "unknown-rule"
            else:
                try:
                    for fmt in ("text", "json"):
                        get_reporter(fmt)(lang="en").render([result]).encode("utf-8")
                    schema_validator.validate(document([result]))
                except Exception as exc:  # noqa: BLE001
                    problem = f"render: {type(exc).__name__}: {exc}"[:200]
            if problem:
                kind = problem.split(":")[0]
                stats[kind] += 1
                failures.append((kind, path, f"{code} {result.error.message if result.error else ''}"[:300]))
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, save / path.name)
            path.unlink(missing_ok=True)
    stats["seconds"] = round(time.monotonic() - start)
    stats["rules_fired"] = len(fired)
    if not quiet:
        for kind, path, message in failures[:50]:
            print(f"fuzz: {kind}: {path.name}: {message}", file=sys.stderr)
        read = stats["read"]
        unreadable = stats["inputs"] - read
        print(
            f"fuzz: {stats['inputs']} inputs ({read} read, {unreadable} unreadable), {stats['crash']} crashes, "
            f"{stats['hang']} hangs, {stats['unknown-rule']} unknown rule ids, "
            f"{stats['undocumented-code'] + stats['render']} other failures; {len(fired)} of {len(rules)} rules fired; "
            + (f"{stats['pending-reader']} for HTML/PDF readers not written yet; " if stats["pending-reader"] else "")
            + f"{stats['seconds']} s (seed {seed})"
        )
    return dict(stats)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--save", type=Path, default=None, help="copy failing inputs here")
    parser.add_argument(
        "--make",
        type=int,
        default=None,
        metavar="INDEX",
        help="only write input INDEX of the run (to --save or .) for reproducing a failure",
    )
    args = parser.parse_args(argv)
    if args.make is not None:
        print(make_input(args.make, args.seed, args.save or Path(".")))
        return 0
    stats = run(args.count, args.seed, args.jobs, args.save)
    failed = sum(stats.get(k, 0) for k in ("crash", "hang", "unknown-rule", "undocumented-code", "render"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
