"""Word review comments (批注) in a copy of a .docx, spliced into the original XML text.

Only the parts that must change are edited (the main document, the comments part, and on first
annotation ``[Content_Types].xml`` and the main part's relationships); every other zip member is
copied with identical content, and an untouched package is copied byte for byte. Comments written
by a given author are removed first, so re-annotating replaces them instead of stacking them.

Why not python-docx's ``Document.add_comment``: its ``save()`` re-serialises every XML part it
loaded (styles, settings, numbering, headers...: XML declaration, quotes, line ends change), drops
nothing but rewrites everything, stamps the current time into ``w:date`` and references the
``CommentText``/``CommentReference`` styles whether the document defines them or not.
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Optional, Sequence

from lxml import etree

from linter.config.limits import Limits
from linter.readers.docx.package import Package
from linter.annotate.xmlsplice import XmlPart, escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
OFFICE_DOC_REL = "/officeDocument"
# Word 2013+ companions of comments.xml, keyed by the w14:paraId of a comment's paragraphs.
_COMPANION_RELS = ("/commentsExtended", "/commentsIds", "/commentsExtensible")
_RANK_START, _RANK_END = 10, 20

# A run of comment text: (text, bold).
Run = tuple[str, bool]


@dataclass(frozen=True)
class Placed:
    comment_id: int
    anchor: etree._Element  # the w:p or w:tc the comment is anchored on


class DocxComments:
    """A .docx opened for adding comments; ``save`` writes the copy."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        pkg = Package(path, limits)
        try:
            with zipfile.ZipFile(path) as zf:
                self.infos = zf.infolist()
            self.data = {info.filename: pkg.read(info.filename) for info in self.infos if not info.is_dir()}
        finally:
            pkg.close()
        self.main_name = self._main_part()
        self.main = XmlPart(self.data[self.main_name], self.main_name, limits)
        base = posixpath.dirname(self.main_name)
        self.rels_name = posixpath.join(base, "_rels", posixpath.basename(self.main_name) + ".rels")
        self.rels = self._part(self.rels_name)
        self.comments_name = self._target(COMMENTS_REL) or self._free_name(posixpath.join(base, "comments.xml"))
        self.comments = self._part(self.comments_name)
        self._new_parts: dict[str, bytes] = {}
        self._next_id: Optional[int] = None
        self._changed: set[str] = set()

    # ---- package structure ------------------------------------------------------------------
    def _part(self, name: str) -> Optional[XmlPart]:
        return XmlPart(self.data[name], name, self.limits) if name in self.data else None

    def _main_part(self) -> str:
        rels = self._part("_rels/.rels")
        if rels is not None:
            for rel in rels.root.iter("{%s}Relationship" % REL_NS):
                if (rel.get("Type") or "").endswith(OFFICE_DOC_REL) and rel.get("TargetMode") != "External":
                    return (rel.get("Target") or "word/document.xml").lstrip("/")
        return "word/document.xml"

    def _target(self, rel_type: str, suffix: bool = False) -> Optional[str]:
        if self.rels is None:
            return None
        for rel in self.rels.root.iter("{%s}Relationship" % REL_NS):
            kind = rel.get("Type") or ""
            if (kind.endswith(rel_type) if suffix else kind == rel_type) and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                if target.startswith("/"):
                    return target.lstrip("/")
                return posixpath.normpath(posixpath.join(posixpath.dirname(self.main_name), target))
        return None

    def _free_name(self, name: str) -> str:
        stem, ext = posixpath.splitext(name)
        n = 1
        while name in self.data:
            name, n = f"{stem}{n}{ext}", n + 1
        return name

    # ---- removing earlier comments ----------------------------------------------------------
    def remove_author(self, author: str) -> int:
        """Remove every comment by ``author`` (its text, range and reference). Returns how many."""
        if self.comments is None:
            return 0
        ids: set[str] = set()
        para_ids: set[str] = set()
        for comment in self.comments.root.iter(W + "comment"):
            if comment.get(W + "author") == author:
                ids.add(comment.get(W + "id") or "")
                para_ids.update(_para_ids(comment))
                self.comments.delete(comment)
        if not ids:
            return 0
        self._changed.add(self.comments_name)
        for el in self.main.root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference"):
            if el.get(W + "id") not in ids:
                continue
            run = el.getparent()
            if (
                el.tag == W + "commentReference"
                and run is not None
                and run.tag == W + "r"
                and all(k.tag in (W + "rPr", W + "commentReference") for k in run if isinstance(k.tag, str))
            ):
                self.main.delete(run)
            else:
                self.main.delete(el)
        self._changed.add(self.main_name)
        self._remove_companions(para_ids)
        return len(ids)

    def _remove_companions(self, para_ids: set[str]) -> None:
        durable: set[str] = set()
        for suffix in _COMPANION_RELS:
            name = self._target(suffix, suffix=True)
            part = self._part(name) if name else None
            if part is None or name is None:
                continue
            for el in list(part.root):
                if not isinstance(el.tag, str):
                    continue
                attrs = {etree.QName(k).localname: v for k, v in el.attrib.items()}
                if attrs.get("paraId") in para_ids or attrs.get("durableId") in durable:
                    if "durableId" in attrs:
                        durable.add(attrs["durableId"])
                    part.delete(el)
            if part.changed:
                self.data[name] = part.result()

    # ---- adding comments --------------------------------------------------------------------
    def resolve(self, xpath: str) -> Optional[etree._Element]:
        return self.main.resolve(xpath)

    def add(
        self, anchor: etree._Element, paragraphs: Sequence[Sequence[Run]], author: str, initials: str, date: str = ""
    ) -> Optional[Placed]:
        """Anchor a comment on a paragraph (``w:p``) or a table cell (``w:tc``: all its paragraphs)."""
        first, last = anchor_paragraphs(anchor)
        if first is None or last is None:
            return None
        cid = self._allocate_id()
        wp, decl = self.main.prefix_for(first, W_NS)
        self.main.insert(self._head(first), f'<{wp}commentRangeStart{decl} {wp}id="{cid}"/>', _RANK_START)
        wp, decl = self.main.prefix_for(last, W_NS)
        tail = self.main.content_range(last)[1]
        self.main.insert(
            tail,
            f'<{wp}commentRangeEnd{decl} {wp}id="{cid}"/><{wp}r{decl}><{wp}commentReference {wp}id="{cid}"/></{wp}r>',
            _RANK_END,
        )
        self._changed.add(self.main_name)
        self._append_comment(cid, paragraphs, author, initials, date)
        return Placed(cid, anchor)

    def add_runs(
        self,
        first: etree._Element,
        last: etree._Element,
        paragraphs: Sequence[Sequence[Run]],
        author: str,
        initials: str,
        date: str = "",
    ) -> Optional[Placed]:
        """Anchor a comment on the runs ``first`` to ``last`` (``w:r`` children of one ``w:p``): the
        quoted words, not the whole paragraph."""
        p = first.getparent()
        if p is None or p.tag != W + "p" or last.getparent() is not p or first.tag != W + "r" or last.tag != W + "r":
            return None
        cid = self._allocate_id()
        wp, decl = self.main.prefix_for(p, W_NS)
        self.main.insert(self.main.spans[first].start, f'<{wp}commentRangeStart{decl} {wp}id="{cid}"/>', _RANK_START)
        self.main.insert(
            self.main.spans[last].outer_end,
            f'<{wp}commentRangeEnd{decl} {wp}id="{cid}"/><{wp}r{decl}><{wp}commentReference {wp}id="{cid}"/></{wp}r>',
            _RANK_END,
        )
        self._changed.add(self.main_name)
        self._append_comment(cid, paragraphs, author, initials, date)
        return Placed(cid, p)

    def _head(self, p: etree._Element) -> int:
        ppr = p.find(W + "pPr")
        if ppr is not None:
            return self.main.spans[ppr].outer_end
        return self.main.content_range(p)[0]

    def _allocate_id(self) -> int:
        if self._next_id is None:
            used = [
                _int(el.get(W + "id"))
                for el in self.main.root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference")
                if not self._deleted(self.main, el)
            ]
            if self.comments is not None:
                used += [
                    _int(c.get(W + "id"))
                    for c in self.comments.root.iter(W + "comment")
                    if not self._deleted(self.comments, c)
                ]
            self._next_id = max([u for u in used if u is not None] + [-1]) + 1
        cid, self._next_id = self._next_id, self._next_id + 1
        return cid

    def revision_id(self) -> int:
        """A w:id for a tracked change (w:ins, w:del): above every w:id of the document and of the
        comments, from the comments' counter, so the two never meet."""
        if self._next_id is None:
            self._allocate_id()
            assert self._next_id is not None
            self._next_id -= 1
        used = [_int(el.get(W + "id")) for el in self.main.root.iter() if isinstance(el.tag, str)]
        floor = max([u for u in used if u is not None] + [-1]) + 1
        self._next_id = max(self._next_id, floor)
        return self._allocate_id()

    @staticmethod
    def _deleted(part: XmlPart, el: etree._Element) -> bool:
        return any(a is not None and part.is_deleted(a) for a in [el, *el.iterancestors()])

    def _append_comment(
        self, cid: int, paragraphs: Sequence[Sequence[Run]], author: str, initials: str, date: str
    ) -> None:
        if self.comments is None:
            self.comments = XmlPart(_EMPTY_COMMENTS, self.comments_name, self.limits)
            self._ensure_relationship()
        w, decl = self.comments.prefix_for(self.comments.root, W_NS)
        paras = []
        for i, runs in enumerate(paragraphs):
            body = f"<{w}r><{w}annotationRef/></{w}r>" if i == 0 else ""
            for text, bold in runs:
                rpr = f"<{w}rPr><{w}b/></{w}rPr>" if bold else ""
                body += f'<{w}r>{rpr}<{w}t xml:space="preserve">{escape(text)}</{w}t></{w}r>'
            paras.append(f"<{w}p>{body}</{w}p>")
        # w:date is optional, but LibreOffice shows a missing one as the year -1.
        stamp = f' {w}date="{escape(date)}"' if date else ""
        xml = (
            f'<{w}comment{decl} {w}id="{cid}" {w}author="{escape(author)}"{stamp} {w}initials="{escape(initials)}">'
            + "".join(paras)
            + f"</{w}comment>"
        )
        self.comments.insert(self.comments.content_range(self.comments.root)[1], xml, 500)
        self._changed.add(self.comments_name)

    def _ensure_relationship(self) -> None:
        if self._target(COMMENTS_REL) is not None:
            return
        target = posixpath.relpath(self.comments_name, posixpath.dirname(self.main_name) or ".")
        if self.rels is None:
            self.rels = XmlPart(_EMPTY_RELS, self.rels_name, self.limits)
        taken = {rel.get("Id") for rel in self.rels.root.iter("{%s}Relationship" % REL_NS)}
        n = len(taken) + 1
        while f"rId{n}" in taken:
            n += 1
        p, decl = _prefix(self.rels.root, REL_NS)
        self.rels.insert(
            self.rels.content_range(self.rels.root)[1],
            f'<{p}Relationship{decl} Id="rId{n}" Type="{COMMENTS_REL}" Target="{escape(target)}"/>',
            500,
        )
        self._changed.add(self.rels_name)
        ct = XmlPart(self.data["[Content_Types].xml"], "[Content_Types].xml", self.limits)
        p, decl = _prefix(ct.root, CT_NS)
        ct.insert(
            ct.content_range(ct.root)[1],
            f'<{p}Override{decl} PartName="/{escape(self.comments_name)}" ContentType="{COMMENTS_CT}"/>',
            500,
        )
        self.data["[Content_Types].xml"] = ct.result()
        self._changed.add("[Content_Types].xml")

    # ---- writing ----------------------------------------------------------------------------
    @property
    def changed(self) -> bool:
        return bool(self._changed)

    def main_edited(self) -> None:
        """Note an edit of the main part made through ``self.main`` (e.g. a tracked change)."""
        self._changed.add(self.main_name)

    def save(self, dst: Path) -> None:
        """Write the copy whole or not at all (a temporary file next to ``dst``, then renamed)."""
        from linter.run.outputs import writing

        with writing(dst) as out:
            if not self._changed:
                with open(self.path, "rb") as src:
                    shutil.copyfileobj(src, out)
            else:
                self._write_zip(out)

    def _main_info(self) -> Optional[zipfile.ZipInfo]:
        return next((i for i in self.infos if i.filename == self.main_name), None)

    def _write_zip(self, out: IO[bytes]) -> None:
        parts = {self.main_name: self.main, self.comments_name: self.comments, self.rels_name: self.rels}
        for name, part in parts.items():
            if part is not None and name in self._changed:
                self.data[name] = part.result()
        names = [i.filename for i in self.infos]
        with zipfile.ZipFile(out, "w") as zout:
            for info in self.infos:
                if info.is_dir():
                    continue
                zout.writestr(_copy_info(info), self.data[info.filename])
            for name in (self.rels_name, self.comments_name):
                if name not in names and name in self.data:
                    zout.writestr(_new_info(name, self._main_info()), self.data[name])


_EMPTY_COMMENTS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<w:comments xmlns:w="' + W_NS.encode() + b'"></w:comments>'
)
_EMPTY_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<Relationships xmlns="' + REL_NS.encode() + b'"></Relationships>'
)


def _prefix(root: etree._Element, ns: str) -> tuple[str, str]:
    """Prefix for a child of ``root`` in ``ns`` (these parts use a default namespace)."""
    if root.nsmap.get(None) == ns:
        return "", ""
    for prefix, uri in root.nsmap.items():
        if uri == ns and prefix:
            return prefix + ":", ""
    return "", f' xmlns="{ns}"'


def anchor_paragraphs(anchor: etree._Element) -> tuple[Optional[etree._Element], Optional[etree._Element]]:
    if anchor.tag == W + "p":
        return anchor, anchor
    paras = [p for p in anchor.iter(W + "p") if own_paragraph(p, anchor)]
    return (paras[0], paras[-1]) if paras else (None, None)


def own_paragraph(p: etree._Element, top: etree._Element) -> bool:
    """A paragraph of ``top`` itself (a cell, a content control), not of a table nested in it."""
    for a in p.iterancestors():
        if a is top:
            return True
        if a.tag == W + "tbl":
            return False
    return False


def _para_ids(comment: etree._Element) -> set[str]:
    out: set[str] = set()
    for p in comment.iter(W + "p"):
        for k, v in p.attrib.items():
            if etree.QName(k).localname == "paraId":
                out.add(v)
    return out


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value or "")
    except ValueError:
        return None


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, info.date_time)
    new.compress_type = info.compress_type
    new.comment = info.comment
    new.create_system = info.create_system
    new.external_attr = info.external_attr
    return new


def _new_info(name: str, like: Optional[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, like.date_time if like is not None else (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
