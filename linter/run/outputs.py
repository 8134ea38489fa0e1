"""Files reportlint writes (results, baselines, annotated copies): never over one of the run's
inputs, under whatever name, and whole or not at all.

A file is written to a temporary file in its own folder, flushed and synced to the disk, then
renamed over the target, so a full disk, a kill or a Ctrl-C during the write leaves the previous
file as it was. A new file gets the permissions the umask gives; a replaced file keeps its own.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Sequence, Union

from linter.i18n import Listing, Msg
from linter.errors import os_detail, ToldError

Chunk = Union[str, bytes]


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask can only be read by setting it


class WriteError(ToldError):
    """A run-level error about a file to write."""

    def __init__(self, message: object, cause: object = None) -> None:
        super().__init__(message)
        self.cause = cause  # the OS error's cause, when there is one


def cannot_write(path: object, exc: OSError) -> WriteError:
    """「无法写入 PATH：磁盘空间不足」 / ``cannot write PATH: no space left on the disk``."""
    detail = os_detail(exc)
    return WriteError(Msg.of("error.write.cannot_write", path=path, cause=detail), detail)


@dataclass(frozen=True)
class Clash:
    output: Path
    input: Path
    what: str  # the output's role: "output" (-o), "baseline", "copy" (an annotated copy)


def _identity(path: Path) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)  # follows symlinks: a link to an input is that input
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _spelling(path: Path) -> str:
    """The path as the system would find it, without ``..`` and links, case-folded: two spellings
    of one file on a case-insensitive disk (Windows, macOS) compare equal even before it exists."""
    try:
        return os.path.normcase(os.path.realpath(path))
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))


def clashes(outputs: Iterable[tuple[Path, str]], inputs: Iterable[Path]) -> list[Clash]:
    """Each output that is one of ``inputs``: the same file by device and inode (``..``, symbolic
    and hard links, case on a case-insensitive disk) or the same resolved path."""
    by_id: dict[tuple[int, int], Path] = {}
    by_name: dict[str, Path] = {}
    for p in inputs:
        ident = _identity(p)
        if ident is not None:
            by_id.setdefault(ident, p)
        by_name.setdefault(_spelling(p), p)
    out = []
    for path, what in outputs:
        ident = _identity(path)
        hit = by_id.get(ident) if ident is not None else None
        if hit is None:
            hit = by_name.get(_spelling(path))
        if hit is not None:
            out.append(Clash(path, hit, what))
    return out


_ROLES = ("output", "baseline", "copy")  # an output's role: the catalogue's error.write.role.ROLE


def refuse(found: Sequence[Clash]) -> WriteError:
    """The run-level refusal naming every clash; nothing has been read or written yet."""
    lines: list[object] = []
    for c in found:
        role = Msg.of("error.write.role." + (c.what if c.what in _ROLES else "output"))
        same = "" if str(c.output) == str(c.input) else Msg.of("error.write.same_file", input=c.input)
        lines.append(Msg.of("error.write.clash", role=role, output=c.output, same=same))
    copies = any(c.what == "copy" for c in found)
    lines.append(Msg.of("error.write.nothing_copies" if copies else "error.write.nothing"))
    return WriteError(Listing(tuple(lines), sep="list.lines"))


def probe(paths: Iterable[Path]) -> None:
    """Raise WriteError unless each of ``paths`` can be written: its folder exists, is a folder
    and is writable, and its name is one the system takes (told before a batch starts, not after)."""
    folders: dict[Path, None] = {}
    for path in paths:
        if _stream(path):
            continue  # /dev/stdout, a pipe: written as a stream
        try:
            os.lstat(path)
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            raise cannot_write(path, exc if isinstance(exc, OSError) else OSError(errno.EINVAL, str(exc))) from None
        folders[path.parent] = None
    for folder in folders:
        probe_folder(folder)


def probe_folder(folder: Path) -> None:
    """Raise WriteError unless a file can be created in ``folder`` (it exists, is a folder and is
    writable)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reportlint-probe-", dir=str(folder))
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) and not folder.is_dir():
            exc = OSError(errno.ENOENT, os.strerror(errno.ENOENT))
        raise cannot_write(folder, exc) from None
    os.close(fd)
    os.unlink(tmp)


def _stream(path: Path) -> bool:
    """An existing output that is not a regular file or a folder (``-o /dev/stdout``, a FIFO)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _target(path: Path) -> Path:
    """Where to write ``path``: through a symbolic link to its file, so the link stays."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _mode(target: Path) -> int:
    try:
        st = os.stat(target)
    except OSError:
        return 0o666 & ~_UMASK
    return st.st_mode & 0o7777


@contextmanager
def writing(path: Path) -> Iterator[IO[bytes]]:
    """A binary file to fill; on leaving the block it replaces ``path`` whole, or on any error
    (KeyboardInterrupt too) nothing changes and no temporary file is left. An OS error is
    raised as WriteError naming its cause."""
    if _stream(path):  # /dev/stdout, a FIFO: nothing to replace, a stream to write
        try:
            with open(path, "wb") as out:
                yield out
        except OSError as exc:
            raise cannot_write(path, exc) from None
        return
    try:
        target = _target(path)
        folder = target.parent if str(target.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=str(folder))
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from None
        raise
    _sync_folder(folder)


def write_whole(path: Path, chunks: Iterable[Chunk], encoding: str = "utf-8") -> None:
    """Write ``chunks`` (str or bytes) to ``path`` whole or not at all (``writing``)."""
    with writing(path) as fh:
        _write_chunks(fh, iter(chunks), encoding)


def _write_chunks(fh: IO[bytes], chunks: Iterator[Chunk], encoding: str) -> None:
    for chunk in chunks:
        fh.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
