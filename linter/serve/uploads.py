"""Uploaded files into a private folder: a multipart body streamed straight to disk under the
request and file limits, and .zip uploads expanded through the same zip limits as a .docx.

Nothing here knows about HTTP frameworks: ``receive`` takes the body as an async iterator of
bytes, so the limits hold however the body arrives (with or without a Content-Length).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, AsyncIterator, BinaryIO, Optional

from python_multipart.multipart import MultipartParser, parse_options_header

from linter.run.discover import (
    ARCHIVE_SUFFIXES,
    MAX_ARCHIVE_DEPTH,
    OUTSIDE,
    Discovery,
    Entry,
    member_path,
    read_member,
)
from linter.errors import InputError, os_detail
from linter.config.limits import Limits

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

    from linter.readers.docx.package import Package

FIELD = "files"  # the multipart field that carries the reports
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')
# Bidirectional controls: a name holding U+202E displays reversed ("report\u202excod.exe").
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Bytes of UTF-8 in one name: file systems allow 255 (a Chinese character takes 3), less the room
# for " (12)" when a name repeats.
_MAX_NAME_BYTES = 180
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


class UploadRefused(Exception):
    """The request as a whole is refused (HTTP status and a key of the message catalogue's serve. section, linter.i18n)."""

    def __init__(self, status: int, key: str, **params: object) -> None:
        self.status, self.key, self.params = status, key, params
        super().__init__(key)


@dataclass(frozen=True)
class UploadLimits:
    max_request_bytes: int = 200 * 1024 * 1024  # the whole multipart body
    max_files: int = 100  # reports in one request, after expanding .zip uploads
    max_field_bytes: int = 4096  # a non-file form field (e.g. ``path``)


@dataclass
class Upload:
    """One part of the ``files`` field as received."""

    name: str  # the client's file name, made safe (no folders)
    raw: Path  # where its bytes are
    size: int = 0
    oversize: bool = False  # over max_file_bytes: its bytes were counted, not kept


@dataclass
class Received:
    uploads: list[Upload] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Item:
    """One report to check: its path relative to the work folder (what the results show), or
    the error that stops it before a reader sees it."""

    path: str
    upload: int  # index of the upload it came from
    error: Optional[InputError] = None
    skipped: bool = False  # not checked, ``error`` says why (not a report, a lock file: as ``check`` skips it)


def safe_name(raw: str) -> str:
    """A file name without folders, bidirectional controls or characters Windows and shells trip
    over, at most _MAX_NAME_BYTES of UTF-8 (its suffix kept); '' if none is left."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", _BIDI.sub("", name)).strip(" .")
    if name.split(".")[0].upper() in _RESERVED:  # devices on Windows
        name = "_" + name
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        stem, dot, suffix = name.rpartition(".")
        if dot and len(suffix) < 10:
            name = _cut(stem, _MAX_NAME_BYTES - len(suffix) - 1).rstrip(" .") + dot + suffix
        else:
            name = _cut(name, _MAX_NAME_BYTES).rstrip(" .")
    return name


def _cut(text: str, max_bytes: int) -> str:
    """The longest start of ``text`` within ``max_bytes`` of UTF-8 (no character cut in two)."""
    return text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")


async def receive(
    body: AsyncIterator[bytes], content_type: str, folder: Path, limits: Limits, upload_limits: UploadLimits
) -> Received:
    """Parse a multipart/form-data body into ``folder``: each ``files`` part is written as it
    arrives (never held whole); other small fields are kept as text."""
    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadRefused(415, "not_multipart")
    parts = _Parts(folder, limits, upload_limits)
    parser = MultipartParser(boundary, parts.callbacks())
    total = 0
    try:
        async for chunk in body:
            total += len(chunk)
            if total > upload_limits.max_request_bytes:
                raise UploadRefused(413, "request_too_large", mb=upload_limits.max_request_bytes // (1024 * 1024))
            try:
                parser.write(chunk)
            except UploadRefused:
                raise
            except Exception:  # python-multipart's own errors on a malformed body
                raise UploadRefused(400, "bad_multipart") from None
        try:
            parser.finalize()
        except Exception:
            raise UploadRefused(400, "bad_multipart") from None
    finally:
        parts.close()
    if not parts.out.uploads:
        raise UploadRefused(400, "no_files")
    return parts.out


class _Parts:
    """python-multipart's callbacks: the headers of each part, then its bytes to a file (a
    ``files`` part) or to a short text field."""

    def __init__(self, folder: Path, limits: Limits, upload_limits: UploadLimits) -> None:
        self.folder, self.limits, self.upload_limits = folder, limits, upload_limits
        self.out = Received()
        self.headers: dict[bytes, bytes] = {}
        self.header_field = self.header_value = b""
        self.upload: Optional[Upload] = None
        self.sink: Optional[BinaryIO] = None
        self.field: Optional[tuple[str, bytearray]] = None

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": self.header_field_data,
            "on_header_value": self.header_value_data,
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def part_begin(self) -> None:
        self.headers = {}

    def header_field_data(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def header_value_data(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.header_field.lower()] = self.header_value
        self.header_field = self.header_value = b""

    def headers_finished(self) -> None:
        _disposition, options = parse_options_header(self.headers.get(b"content-disposition", b"").decode("latin-1"))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if name == FIELD and filename is not None:
            if len(self.out.uploads) >= self.upload_limits.max_files:
                raise UploadRefused(413, "too_many_files", n=self.upload_limits.max_files)
            raw = self.folder / f"upload-{len(self.out.uploads)}"
            self.upload = Upload(safe_name(filename.decode("utf-8", "replace")), raw)
            self.out.uploads.append(self.upload)
            self.sink = raw.open("wb")
        else:
            self.field = (name, bytearray())

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self.upload is not None:
            self.upload.size += end - start
            if self.upload.size > self.limits.max_file_bytes:
                self.upload.oversize = True  # counted from now on, not kept
                if self.sink is not None:
                    self.sink.close()
                    self.sink = None
                    self.upload.raw.unlink(missing_ok=True)
            elif self.sink is not None:
                self.sink.write(data[start:end])
        elif self.field is not None:
            self.field[1].extend(data[start:end])
            if len(self.field[1]) > self.upload_limits.max_field_bytes:
                raise UploadRefused(413, "field_too_large")

    def part_end(self) -> None:
        if self.field is not None and self.field[0]:
            self.out.fields[self.field[0]] = self.field[1].decode("utf-8", "replace")
        self.close()
        self.upload = self.field = None

    def close(self) -> None:
        if self.sink is not None:
            self.sink.close()
            self.sink = None


def place(received: Received, work: Path, limits: Limits, max_files: int) -> list[Item]:
    """Move each upload into ``work`` under its own name (a .zip: its documents, as a folder is
    expanded by ``check``), in upload order. Names that repeat get " (2)", " (3)"...

    An upload that cannot be placed (over max_file_bytes, a zip over the zip limits, a name the
    file system refuses) becomes an item with its error, and so does each zip member that cannot
    be placed, so that one bad file never stops the others."""
    items: list[Item] = []
    taken: set[str] = set()
    budget = [limits.max_total_uncompressed]  # bytes all the archives of one request may expand to
    for i, up in enumerate(received.uploads):
        name = _unique(up.name or f"file-{i + 1}", taken)
        if up.oversize:
            items.append(
                Item(
                    name, i, error=InputError("RL-IO-005", f"{up.size} bytes > max_file_bytes {limits.max_file_bytes}")
                )
            )
        elif name.lower().endswith(".zip"):
            items.extend(_unzip(up, i, name, work, limits, taken, budget))
        else:
            try:
                os.replace(up.raw, work / name)
                items.extend(_items(Discovery().add_found(work / name), work, i))
            except OSError as exc:
                items.append(Item(name, i, error=InputError("RL-IO-010", os_detail(exc))))
        if len(items) > max_files:
            raise UploadRefused(413, "too_many_files", n=max_files)
    return items


def _items(entries: list[Entry], work: Path, index: int) -> list[Item]:
    """Items of the files found under ``work`` (linter.run.discover: what ``check`` finds)."""
    out = []
    for e in entries:
        path = Path(e.shown).relative_to(work).as_posix()
        out.append(Item(path, index, error=e.skip or e.error, skipped=e.skip is not None))
    return out


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        stem, dot, suffix = name.rpartition(".")
        candidate = f"{stem} ({n}).{suffix}" if dot and stem else f"{name} ({n})"
    taken.add(candidate.lower())
    return candidate


def _member_path(name: str) -> Optional[PurePosixPath]:
    """A zip member's relative path, each part made safe; None for folders, absolute paths,
    '..' (a zip-slip attempt) and names that would be hidden."""
    rel = member_path(name)
    if rel is None:
        return None
    safe = [safe_name(p) for p in rel.parts]
    if any(not p for p in safe):
        return None
    return PurePosixPath(*safe)


def _unzip(
    up: Upload, index: int, name: str, work: Path, limits: Limits, taken: set[str], budget: list[int]
) -> list[Item]:
    """The documents of a .zip, written under ``work``: the archive is first checked as a whole
    (member count, sizes, compression ratio, encryption: linter.readers.docx.package), and every
    member is read with a hard cap, so a zip bomb is refused before anything is expanded.

    Every member becomes an item as ``check`` lists it: a member whose path leaves the archive is
    skipped with its reason; the upload stands for the folder it was made of, so the archives
    inside are opened into a folder of their own name (``inner.zip/``), as ``check`` opens those
    of a folder, and so are theirs (linter.run.discover.MAX_ARCHIVE_DEPTH); a member that cannot be written (a path too long or too deep for the file system, a file
    and a folder of one name) has its error; the other members are checked."""
    from linter.readers.docx.package import Package

    try:
        pkg = Package(up.raw, limits)
    except InputError as exc:
        return [Item(name, index, error=exc)]
    try:
        members = _members(pkg)
        # One folder per archive, named after it, unless the archive holds a single top folder
        # (a folder zipped as a whole): then that folder is the one to check, as ``check FOLDER``.
        every = [rel for _, _, rel in members if rel is not None]
        tops = {rel.parts[0] for rel in every if len(rel.parts) > 1}
        whole = len(tops) == 1 and not any(len(rel.parts) == 1 for rel in every)
        base = next(iter(tops)) if whole else PurePosixPath(name).stem
        folder = _unique(safe_name(base) or f"zip-{index + 1}", taken)
        root = work / folder
        try:
            root.mkdir()
        except OSError as exc:
            return [Item(name, index, error=InputError("RL-IO-010", os_detail(exc)))]
        try:
            extra = _expand(pkg, members, root, PurePosixPath(folder), 0, whole, name, index, limits, budget)
        except InputError as exc:
            shutil.rmtree(root, ignore_errors=True)
            return [Item(name, index, error=exc)]
    finally:
        pkg.close()
    up.raw.unlink(missing_ok=True)
    placed = _items(Discovery().add_inputs([str(root)]), work, index)
    return placed + extra


def _members(pkg: "Package") -> list[tuple[str, str, Optional[PurePosixPath]]]:
    """(member, name decoded as its archiver meant it, safe relative path or None) of each file of
    the archive (folder entries left out)."""
    out = []
    for member, decoded in pkg.shown_names().items():
        if decoded.replace("\\", "/").endswith("/"):
            continue
        out.append((member, decoded, _member_path(decoded)))
    return out


def _expand(
    pkg: "Package",
    members: list[tuple[str, str, Optional[PurePosixPath]]],
    root: Path,
    shown_root: PurePosixPath,
    depth: int,
    whole: bool,
    name: str,
    index: int,
    limits: Limits,
    budget: list[int],
) -> list[Item]:
    """Write ``members`` of ``pkg`` under ``root`` (shown as ``shown_root``; ``whole``: the single
    top folder is ``root`` itself); the items that are not files to find there: members out of
    the archive, members that could not be written, nested archives that could not be opened.
    Raise InputError when a limit of the whole is passed."""
    extra: list[Item] = []
    for member, decoded, rel in members:
        if rel is None:
            extra.append(Item(f"{name}/{decoded}", index, error=OUTSIDE, skipped=True))
            continue
        parts = rel.parts[1:] if whole else rel.parts
        data = read_member(pkg, member, limits, budget)
        target = root.joinpath(*parts)
        shown = shown_root.joinpath(*parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:  # a path too long or too deep, a file where a folder must go, ...
            extra.append(Item(shown.as_posix(), index, error=InputError("RL-IO-010", os_detail(exc))))
            continue
        hidden = rel.name.startswith("~$") or any(p.startswith(".") or p == "__MACOSX" for p in rel.parts)
        if rel.suffix.lower() in ARCHIVE_SUFFIXES and depth + 1 <= MAX_ARCHIVE_DEPTH and not hidden:
            extra.extend(_open_nested(target, shown, index, limits, budget, depth))
    return extra


def _open_nested(
    target: Path, shown: PurePosixPath, index: int, limits: Limits, budget: list[int], depth: int
) -> list[Item]:
    """A .zip inside an uploaded archive, opened into a folder of its own name in its place
    (``inner.zip/``); the archive itself with its error when it cannot be opened (its siblings are
    still checked)."""
    from linter.readers.docx.package import Package

    packed = target.with_name(target.name + ".part")
    try:
        os.replace(target, packed)
        target.mkdir()
    except OSError as exc:
        packed.unlink(missing_ok=True)
        return [Item(shown.as_posix(), index, error=InputError("RL-IO-010", os_detail(exc)))]
    try:
        try:
            inner = Package(packed, limits)
        except InputError as exc:
            target.rmdir()
            return [Item(shown.as_posix(), index, error=exc)]
        try:
            return _expand(
                inner, _members(inner), target, shown, depth + 1, False, shown.as_posix(), index, limits, budget
            )
        except InputError as exc:
            if budget[0] < 0:
                raise
            shutil.rmtree(target, ignore_errors=True)
            return [Item(shown.as_posix(), index, error=exc)]
        finally:
            inner.close()
    finally:
        packed.unlink(missing_ok=True)
