"""Safe access to an OOXML zip package: limits first, capped reads, hardened XML parsing."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Optional

from lxml import etree

from linter.i18n import Msg
from linter.errors import InputError, OutOfMemory, limit_exceeded, zip_detail
from linter.config.limits import Limits

# Entity resolution, DTD loading and network access off; huge_tree off keeps libxml2's own
# limits (depth 256, 10 MB text nodes, entity amplification). Pass these everywhere.
SAFE_PARSER_OPTS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_blank_text": False,
}

# A DOCTYPE can only appear in the prolog: optional BOM, XML declaration, comments, PIs.
_ROOT_START = re.compile(rb"<[^?!]")  # the first tag that is not a declaration, PI or comment


def _has_doctype(head: bytes) -> bool:
    """A DOCTYPE in the prolog (before the root element). A linear scan: the regex this replaces
    backtracked through the whole head when a document had no DOCTYPE."""
    m = _ROOT_START.search(head)
    return b"<!DOCTYPE" in (head[: m.start()] if m else head)


# libxml2 messages of its own resource limits (huge_tree off) -> the limit we document.
_LIBXML_LIMITS = (
    ("Excessive depth", "max_xml_depth", 256),
    ("Text node too long", "max_xml_text_node", 10 * 1024 * 1024),
    ("amplification", "max_entity_amplification", 0),
    ("Resource limit", "libxml2 resource limit", 0),
)
_MIN_RATIO_CHECKED = 1024 * 1024  # tiny members compress well legitimately


def safe_parser(ids: bool = True) -> etree.XMLParser:
    """The parser for untrusted XML; ``ids=False`` keeps no table of ID attributes (nothing looks
    elements up by ID; OFD gives every object one, and the table costs a seventh of the parse)."""
    return etree.XMLParser(**SAFE_PARSER_OPTS, collect_ids=ids)


def parse_xml(data: bytes, name: str, limits: Limits, ids: bool = True) -> etree._Element:
    """Parse untrusted XML bytes: size cap, no DOCTYPE, depth cap; errors are RL-IO-005/006."""
    if len(data) > limits.max_xml_bytes:
        raise limit_exceeded("max_xml_bytes", limits.max_xml_bytes, Msg.of("detail.docx.bytes", n_data=len(data)), name)
    if _has_doctype(data[: 64 * 1024]):
        raise InputError("RL-IO-006", Msg.of("detail.docx.doctype_not_allowed", name=name))
    try:
        root = etree.fromstring(data, safe_parser(ids))
    except etree.XMLSyntaxError as exc:
        if exc.code == etree.ErrorTypes.ERR_NO_MEMORY:  # under a child's memory cap: often "unknown error"
            raise OutOfMemory(limits.max_memory_bytes, name) from None
        msg = str(exc.msg or exc)
        for needle, limit, value in _LIBXML_LIMITS:
            if needle in msg:
                shown = f"{limit} = {value}" if value else limit
                raise InputError("RL-IO-005", Msg.of("detail.docx.text", name=name, msg=msg, shown=shown)) from None
        line = getattr(exc, "lineno", None)
        raise InputError("RL-IO-006", Msg.of("detail.docx.line", name=name, line=line, msg=msg)) from None
    except MemoryError:
        raise OutOfMemory(limits.max_memory_bytes, name) from None
    except ValueError as exc:  # e.g. lxml refusing NUL bytes or unicode with a declaration
        raise InputError("RL-IO-006", f"{name}: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise InputError("RL-IO-006", Msg.of("detail.docx.doctype_not_allowed", name=name))
    _check_depth(root, name, limits.max_xml_depth)
    return root


def _check_depth(root: etree._Element, name: str, max_depth: int) -> None:
    # One native XPath pass: is there any element max_depth levels below the root element?
    if max_depth < 1 or max_depth >= 256:
        return  # libxml2 already enforces 256
    if root.xpath("boolean(" + "/".join(["*"] * max_depth) + ")"):
        raise limit_exceeded(
            "max_xml_depth",
            max_depth,
            Msg.of("detail.docx.elements_nested_more_than", max_depth=max_depth),
            name,
        )


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it: UTF-8 when the archive's flag says so (zipfile reads
    it so); otherwise the raw bytes as strict UTF-8 (many tools set no flag), else GB18030 (the
    archivers of Chinese Windows write GBK without the flag; zipfile would show it as cp437)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # not decoded by zipfile as cp437: leave it
        return info.filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


class Package:
    """A validated zip package. Members are read with a hard cap on their real size."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
            UnicodeDecodeError,
        ) as exc:
            raise InputError("RL-IO-002", zip_detail(exc)) from None
        try:
            self._check(infos)
        except InputError:
            self._zip.close()
            raise
        self._sizes = {info.filename: info.file_size for info in infos}
        self._shown = {info.filename: member_name(info) for info in infos}

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        lim = self.limits
        if len(infos) > lim.max_zip_members:
            raise limit_exceeded(
                "max_zip_members", lim.max_zip_members, Msg.of("detail.docx.zip_members", n_infos=len(infos))
            )
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError("RL-IO-004", info.filename)
            total += info.file_size
            if info.file_size > lim.max_member_bytes:
                raise limit_exceeded(
                    "max_member_bytes",
                    lim.max_member_bytes,
                    Msg.of("detail.docx.bytes_uncompressed", file_size=info.file_size),
                    info.filename,
                )
            if info.file_size > _MIN_RATIO_CHECKED:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > lim.max_compression_ratio:
                    raise limit_exceeded(
                        "max_compression_ratio",
                        lim.max_compression_ratio,
                        Msg.of("detail.docx.compression_ratio", ratio=ratio),
                        info.filename,
                    )
        if total > lim.max_total_uncompressed:
            raise limit_exceeded(
                "max_total_uncompressed",
                lim.max_total_uncompressed,
                Msg.of("detail.docx.bytes_uncompressed_total", total=total),
            )

    def has(self, name: str) -> bool:
        return name in self._sizes

    def names(self) -> list[str]:
        """The members' names, in the archive's order."""
        return list(self._sizes)

    def shown_names(self) -> dict[str, str]:
        """Each member's name (as ``names`` gives it) -> its name decoded as its maker meant it
        (``member_name``), in the archive's order."""
        return dict(self._shown)

    def read(self, name: str, cap: Optional[int] = None) -> bytes:
        """The member's bytes; never more than ``cap`` (default max_member_bytes), whatever the header says."""
        limit_name = "max_member_bytes" if cap is None else "max_xml_bytes"
        cap = self.limits.max_member_bytes if cap is None else cap
        try:
            with self._zip.open(name) as fh:
                data = fh.read(cap + 1)
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            if "encrypted" in str(exc):
                raise InputError("RL-IO-004", name) from None
            raise InputError("RL-IO-002", zip_detail(exc, name)) from None
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            EOFError,
            KeyError,
            NotImplementedError,
            zlib.error,
            UnicodeDecodeError,
        ) as exc:
            raise InputError("RL-IO-002", zip_detail(exc, name)) from None
        if len(data) > cap:
            raise limit_exceeded(limit_name, cap, Msg.of("detail.docx.more_than_bytes_when", cap=cap), name)
        return data

    def xml(self, name: str, ids: bool = True) -> Optional[etree._Element]:
        """Parse a member safely; None if absent. A DOCTYPE is refused (OOXML never needs one)."""
        data = self.xml_bytes(name)
        if data is None:
            return None
        return parse_xml(data, name, self.limits) if ids else parse_xml(data, name, self.limits, ids=False)

    def xml_bytes(self, name: str) -> Optional[bytes]:
        """An XML member's bytes, capped at max_xml_bytes; None if absent."""
        if not self.has(name):
            return None
        cap = self.limits.max_xml_bytes
        if self._sizes[name] > cap:  # the header's size; read() also caps the real one
            raise limit_exceeded("max_xml_bytes", cap, Msg.of("detail.docx.bytes", n_data=self._sizes[name]), name)
        return self.read(name, cap)

    def xml_if(self, name: str, needles: tuple[bytes, ...]) -> Optional[etree._Element]:
        """Parse a member only if its bytes contain one of ``needles`` (ASCII element names): what
        the caller needs from it cannot be there otherwise. A DOCTYPE is refused either way; a
        part in UTF-16, where a byte search proves nothing, is always parsed."""
        data = self.xml_bytes(name)
        if data is None:
            return None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or any(n in data for n in needles):
            return parse_xml(data, name, self.limits)
        if _has_doctype(data[: 64 * 1024]):
            raise InputError("RL-IO-006", Msg.of("detail.docx.doctype_not_allowed", name=name))
        return None

    def refuse_doctype(self, name: str) -> None:
        """For a part that is not parsed: still refuse a DOCTYPE (a hostile file is unreadable as a
        whole, whichever part carries the attack), without the cost of parsing it."""
        if self.has(name):
            try:
                with self._zip.open(name) as fh:
                    head = fh.read(1024)  # the prolog is at the start, and is short but for comments
                    if not _ROOT_START.search(head):
                        head += fh.read(63 * 1024)
            except (
                RuntimeError,
                zipfile.BadZipFile,
                OSError,
                ValueError,
                EOFError,
                KeyError,
                NotImplementedError,
                zlib.error,
            ) as exc:
                raise InputError("RL-IO-002", zip_detail(exc, name)) from None
            if _has_doctype(head):
                raise InputError("RL-IO-006", Msg.of("detail.docx.doctype_not_allowed", name=name))

    def close(self) -> None:
        self._zip.close()
