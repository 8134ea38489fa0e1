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
from typing import AsyncIterator, Optional

from python_multipart.multipart import MultipartParser, parse_options_header

from linter.batch import DOCUMENT_SUFFIXES, expand
from linter.errors import InputError, limit_exceeded
from linter.limits import Limits

FIELD = "files"  # the multipart field that carries the reports
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')
_MAX_NAME = 180


class UploadRefused(Exception):
    """The request as a whole is refused (HTTP status and a message key of linter.serve.words)."""

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


def safe_name(raw: str) -> str:
    """A file name without folders or characters Windows and shells trip over ('' if none is left)."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if len(name) > _MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:_MAX_NAME - len(suffix) - 1] + dot + suffix) if dot and len(suffix) < 10 else name[:_MAX_NAME]
    return name


async def receive(body: AsyncIterator[bytes], content_type: str, folder: Path, limits: Limits,
                  upload_limits: UploadLimits) -> Received:
    """Parse a multipart/form-data body into ``folder``: each ``files`` part is written as it
    arrives (never held whole); other small fields are kept as text."""
    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadRefused(415, "not_multipart")
    out = Received()
    state: dict[str, object] = {"headers": {}, "field": b"", "value": b"", "sink": None, "current": None,
                                "text": None}
    errors: list[UploadRefused] = []

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] = bytes(state["field"]) + data[start:end]  # type: ignore[arg-type]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] = bytes(state["value"]) + data[start:end]  # type: ignore[arg-type]

    def on_header_end() -> None:
        headers = state["headers"]
        assert isinstance(headers, dict)
        headers[bytes(state["field"]).lower()] = bytes(state["value"])  # type: ignore[arg-type]
        state["field"] = state["value"] = b""

    def on_part_begin() -> None:
        state["headers"] = {}

    def on_headers_finished() -> None:
        headers = state["headers"]
        assert isinstance(headers, dict)
        _disp, options = parse_options_header(headers.get(b"content-disposition", b"").decode("latin-1"))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if name == FIELD and filename is not None:
            if len(out.uploads) >= upload_limits.max_files:
                errors.append(UploadRefused(413, "too_many_files", n=upload_limits.max_files))
                raise _Stop
            raw = folder / f"upload-{len(out.uploads)}"
            upload = Upload(safe_name(filename.decode("utf-8", "replace")), raw)
            out.uploads.append(upload)
            state["current"], state["sink"], state["text"] = upload, raw.open("wb"), None
        else:
            state["current"], state["sink"], state["text"] = None, None, [name, b""]

    def on_part_data(data: bytes, start: int, end: int) -> None:
        upload, sink, text = state["current"], state["sink"], state["text"]
        if isinstance(upload, Upload):
            upload.size += end - start
            if upload.size > limits.max_file_bytes:
                upload.oversize = True
            if upload.oversize:
                if sink is not None:
                    sink.close()  # type: ignore[attr-defined]
                    upload.raw.unlink(missing_ok=True)
                    state["sink"] = None
                return
            sink.write(data[start:end])  # type: ignore[union-attr]
        elif isinstance(text, list):
            text[1] += data[start:end]
            if len(text[1]) > upload_limits.max_field_bytes:
                errors.append(UploadRefused(413, "field_too_large"))
                raise _Stop

    def on_part_end() -> None:
        sink, text = state["sink"], state["text"]
        if sink is not None:
            sink.close()  # type: ignore[attr-defined]
        if isinstance(text, list) and text[0]:
            out.fields[text[0]] = text[1].decode("utf-8", "replace")
        state["sink"] = state["current"] = state["text"] = None

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_part_data": on_part_data, "on_part_end": on_part_end,
        "on_header_field": on_header_field, "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished})
    total = 0
    try:
        async for chunk in body:
            total += len(chunk)
            if total > upload_limits.max_request_bytes:
                raise UploadRefused(413, "request_too_large", mb=upload_limits.max_request_bytes // (1024 * 1024))
            try:
                parser.write(chunk)
            except _Stop:
                raise errors[0] from None
            except Exception:  # python-multipart's own errors on a malformed body
                raise UploadRefused(400, "bad_multipart") from None
        try:
            parser.finalize()
        except Exception:
            raise UploadRefused(400, "bad_multipart") from None
    finally:
        sink = state["sink"]
        if sink is not None:
            sink.close()  # type: ignore[attr-defined]
    if not out.uploads:
        raise UploadRefused(400, "no_files")
    return out


class _Stop(Exception):
    pass


def place(received: Received, work: Path, limits: Limits, max_files: int) -> list[Item]:
    """Move each upload into ``work`` under its own name (a .zip: its documents, as a folder is
    expanded by ``check``), in upload order. Names that repeat get " (2)", " (3)"...

    An upload that cannot be placed (over max_file_bytes, a zip over the zip limits) becomes an
    item with its error, so that one bad upload never stops the others."""
    items: list[Item] = []
    taken: set[str] = set()
    budget = [limits.max_total_uncompressed]  # bytes all the archives of one request may expand to
    for i, up in enumerate(received.uploads):
        name = _unique(up.name or f"file-{i + 1}", taken)
        if up.oversize:
            items.append(Item(name, i, error=InputError(
                "RL-IO-005", f"{up.size} bytes > max_file_bytes {limits.max_file_bytes}")))
        elif name.lower().endswith(".zip"):
            items.extend(_unzip(up, i, name, work, limits, taken, budget))
        else:
            os.replace(up.raw, work / name)
            items.append(Item(name, i))
        if len(items) > max_files:
            raise UploadRefused(413, "too_many_files", n=max_files)
    return items


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
    slashed = name.replace("\\", "/")
    parts = [p for p in slashed.split("/") if p not in ("", ".")]
    if not parts or slashed.startswith("/") or slashed.endswith("/") or ".." in parts \
            or re.match(r"^[A-Za-z]:", parts[0]):
        return None
    safe = [safe_name(p) for p in parts]
    if any(not p for p in safe):
        return None
    return PurePosixPath(*safe)


def _unzip(up: Upload, index: int, name: str, work: Path, limits: Limits, taken: set[str],
           budget: list[int]) -> list[Item]:
    """The documents of a .zip, written under ``work``: the archive is first checked as a whole
    (member count, sizes, compression ratio, encryption: linter.readers.package), and every
    member is read with a hard cap, so a zip bomb is refused before anything is expanded."""
    from linter.readers.package import Package

    try:
        pkg = Package(up.raw, limits)
    except InputError as exc:
        return [Item(name, index, error=exc)]
    try:
        wanted: list[tuple[str, PurePosixPath]] = []
        for member in pkg.names():
            rel = _member_path(member)
            if rel is None or rel.name.startswith(("~$", ".")):
                continue
            suffix = rel.suffix.lower()
            if suffix in DOCUMENT_SUFFIXES or not suffix:
                wanted.append((member, rel))
        # One folder per archive, named after it, unless the archive holds a single top folder
        # (a folder zipped as a whole): then that folder is the one to check, as ``check FOLDER``.
        tops = {rel.parts[0] for _, rel in wanted if len(rel.parts) > 1}
        whole = len(tops) == 1 and not any(len(rel.parts) == 1 for _, rel in wanted)
        base = next(iter(tops)) if whole else PurePosixPath(name).stem
        root = work / _unique(safe_name(base) or f"zip-{index + 1}", taken)
        root.mkdir()
        for member, rel in wanted:
            target = root.joinpath(*(rel.parts[1:] if whole else rel.parts))
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                data = pkg.read(member)
                budget[0] -= len(data)
                if budget[0] < 0:
                    raise limit_exceeded("max_total_uncompressed", limits.max_total_uncompressed,
                                         "more bytes uncompressed in one request", "一次上传解压后的字节数更多")
                target.write_bytes(data)
            except InputError as exc:
                shutil.rmtree(root, ignore_errors=True)
                return [Item(name, index, error=exc)]
    finally:
        pkg.close()
    up.raw.unlink(missing_ok=True)
    documents = expand([str(root)])
    return [Item(p.relative_to(work).as_posix(), index) for p in documents]
