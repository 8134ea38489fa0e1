"""What a run's inputs hold: files, folders (recursively), globs and .zip archives, each file
found given its fate. A file is checked, or skipped with its reason (not a report, a Word lock
file, a hidden file, a special file), or unreadable (a folder that cannot be listed, a symbolic
link that leads nowhere or loops). Nothing is left out in silence, nothing is opened before it is
known to be a regular file (a FIFO would block the run), and no path gives a traceback.

A .zip is expanded into a private folder under the zip limits of a .docx; its members are named
``archive.zip/folder/name.docx`` in the outputs (names decoded as linter.readers.docx.package's
``member_name``). An archive named on the command line stands for the folder it was made of
(as an archive uploaded to ``serve`` does), so archives are opened to the same depth whichever
way a folder arrives: an archive found in a folder, and the archives inside it one level down
(``archive.zip/inner.zip/name.docx``, under the same budget); one deeper is listed as skipped,
and so is a member whose path leaves the archive.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from linter.config.limits import DEFAULT_LIMITS, Limits
from linter.errors import InputError, limit_exceeded, os_detail, special_file
from linter.i18n import Msg

if TYPE_CHECKING:
    from linter.readers.docx.package import Package

# Read as reports (by content: the reader says what a file really is).
DOCUMENT_SUFFIXES = {
    ".docx",
    ".docm",
    ".dotx",
    ".doc",
    ".wps",
    ".htm",
    ".html",
    ".shtml",
    ".mht",
    ".pdf",
    ".txt",
    ".rtf",
    ".odt",
    ".ofd",
}
ARCHIVE_SUFFIXES = {".zip"}
# reportlint's own configuration files: the run's settings, not part of the inbox (not listed)
CONFIG_NAMES = {"reportlint.yaml", ".reportlint.yaml", "setup.cfg"}
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv"}
_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")
# suffix -> (Chinese, English) kind of file, for the reason a file is not checked
# A skipped file's kind by its extension (the catalogue's detail.discover.kind.KIND).
_KINDS: dict[str, str] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".svg"), "image"),
    **dict.fromkeys((".xlsx", ".xls", ".xlsm", ".et", ".ods", ".csv"), "spreadsheet"),
    **dict.fromkeys((".pptx", ".ppt", ".dps", ".odp"), "presentation"),
    **dict.fromkeys((".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"), "archive"),
}


NESTED_ZIP = InputError(
    "RL-IO-030",
    Msg.of("detail.discover.zip_nested_too_deep"),
)
OUTSIDE = InputError(
    "RL-IO-030",
    Msg.of("detail.discover.member_whose_path_leaves"),
)
# How deep archives are opened: an archive found in a folder is at depth 1, the archives inside
# it at 2; an archive given (a command-line argument, an upload) is at 0, as the folder it stands for.
MAX_ARCHIVE_DEPTH = 2


@dataclass(frozen=True)
class Entry:
    """One file (or folder) found: ``path`` to read, ``shown`` as the outputs name it, and unless
    it is to be checked, why not: ``skip`` (verdict 已跳过) or ``error`` (无法读取, exit 2).
    ``config_at`` is where its configuration is looked for (a zip member: the archive)."""

    path: Path
    shown: str
    skip: Optional[InputError] = None
    error: Optional[InputError] = None
    config_at: Optional[Path] = None

    @property
    def checked(self) -> bool:
        return self.skip is None and self.error is None


def not_a_report(name: str) -> InputError:
    """RL-IO-030 「不是报告文件：图片 .png」."""
    suffix = PurePosixPath(name).suffix.lower()
    kind = Msg.of("detail.discover.kind." + _KINDS.get(suffix, "other"))
    shown = suffix or Msg.of("detail.discover.no_extension")
    return InputError("RL-IO-030", Msg.of("detail.discover.other_file", kind=kind, suffix=shown))


def _hidden(name: str) -> InputError:
    return InputError("RL-IO-030", Msg.of("detail.discover.hidden_file_or_folder", name=name))


def _unreadable(exc: OSError) -> InputError:
    return InputError("RL-IO-010", os_detail(exc))


def _folder_error(exc: OSError) -> InputError:
    d = os_detail(exc)
    return InputError("RL-IO-010", Msg.of("detail.discover.folder_unlisted", cause=d))


def _stat(path: Path, follow: bool = True) -> os.stat_result | OSError:
    try:
        return os.stat(path, follow_symlinks=follow)
    except OSError as exc:
        return exc
    except ValueError:  # a NUL in the name
        return OSError(22, "invalid file name")


def looks_like_document(path: Path) -> bool:
    """A regular file without an extension whose first bytes are a zip, PDF or OLE file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.startswith(_MAGIC)


def fate(name: str, path: Path, st: os.stat_result) -> Optional[InputError] | str:
    """What a file found in a folder is: None (check it), "zip" (expand it), "config" (a
    configuration file of reportlint's: left out) or the reason it is skipped. ``st`` is its stat (symbolic links followed); it is opened only if it is regular."""
    if not stat.S_ISREG(st.st_mode):
        return special_file(st.st_mode)
    if name.startswith("~$"):
        return InputError("RL-IO-027")
    if name in CONFIG_NAMES:
        return "config"
    if name.startswith("."):
        return _hidden(name)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        return "zip"
    if suffix in DOCUMENT_SUFFIXES:
        return None
    if not suffix and looks_like_document(path):
        return None
    return not_a_report(name)


class Discovery:
    """Collects the entries of a run's inputs in order, without duplicates; expanded archives go
    into ``scratch()`` (a private folder the caller removes)."""

    def __init__(
        self,
        limits_for: Callable[[Path], Limits] = lambda p: DEFAULT_LIMITS,
        scratch: Optional[Callable[[], Path]] = None,
    ) -> None:
        self.entries: list[Entry] = []
        self._seen: set[object] = set()
        self._limits_for = limits_for
        self._scratch = scratch
        self._folder: Optional[Path] = None

    # ---- inputs as given ------------------------------------------------------------------------
    def add_inputs(self, raws: Iterable[str]) -> list[Entry]:
        for raw in raws:
            path = Path(raw)
            st = _stat(path)
            if isinstance(st, OSError) and any(ch in raw for ch in "*?["):
                for match in sorted(glob.glob(raw, recursive=True)):
                    self._found(Path(match), given=False, depth=0)
                continue
            if not isinstance(st, OSError) and stat.S_ISDIR(st.st_mode):
                self._walk(path, set())
            else:
                self._found(path, given=True, depth=0)
        return self.entries

    def add_found(self, path: Path) -> list[Entry]:
        """A file as if found in a folder (an upload): skipped unless it may be a report."""
        self._found(path, given=False)
        return self.entries

    def _found(self, path: Path, given: bool, depth: int = 1) -> None:
        """A file named on the command line (``given``: checked whatever its name) or matched by a
        glob (``depth`` 0: an archive stands for its folder), or found in a folder (``depth`` 1)."""
        st = _stat(path)
        if isinstance(st, OSError):
            self._add(Entry(path, str(path), error=_unreadable(st)), key=("x", str(path)))
            return
        if stat.S_ISDIR(st.st_mode):
            if not given:
                self._walk(path, set())
            return
        if not stat.S_ISREG(st.st_mode):
            self._add(Entry(path, str(path), error=special_file(st.st_mode)), key=(st.st_dev, st.st_ino))
            return
        what = fate(path.name, path, st)
        if what == "zip":
            self._archive(path, st, depth)
        elif what == "config" and not given:
            return
        elif given or not isinstance(what, InputError):
            self._add(Entry(path, str(path)), key=(st.st_dev, st.st_ino))
        else:
            self._add(Entry(path, str(path), skip=what), key=(st.st_dev, st.st_ino))

    def _add(self, entry: Entry, key: object) -> None:
        if key in self._seen:
            return
        self._seen.add(key)
        self.entries.append(entry)

    # ---- folders --------------------------------------------------------------------------------
    def _walk(self, folder: Path, above: set[tuple[int, int]]) -> None:
        """Every entry under ``folder``, in name order; ``above`` are the folders it lies in (a
        symbolic link back to one of them is a loop, listed as skipped)."""
        st = _stat(folder)
        if isinstance(st, OSError):
            self._add(Entry(folder, str(folder), error=_folder_error(st)), key=("d", str(folder)))
            return
        ident = (st.st_dev, st.st_ino)
        try:
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it)
        except OSError as exc:
            self._add(Entry(folder, str(folder), error=_folder_error(exc)), key=("d", str(folder)))
            return
        inside = above | {ident}
        folders: list[tuple[str, os.stat_result]] = []
        for name in names:  # its files first, then its folders (as os.walk)
            path = folder / name
            st = _stat(path)
            if isinstance(st, OSError):  # a dangling link, a loop of links, a vanished file
                self._add(Entry(path, str(path), error=_unreadable(st)), key=("x", str(path)))
            elif stat.S_ISDIR(st.st_mode):
                folders.append((name, st))
            else:
                self._found(path, given=False)
        for name, st in folders:
            path = folder / name
            if name.startswith("."):
                self._add(Entry(path, str(path), skip=_hidden(name)), key=("d", str(path)))
            elif name in SKIP_DIRS:
                tool = InputError("RL-IO-030", Msg.of("detail.discover.folder_program_files", name=name))
                self._add(Entry(path, str(path), skip=tool), key=("d", str(path)))
            elif (st.st_dev, st.st_ino) in inside:
                loop = InputError(
                    "RL-IO-031",
                    Msg.of("detail.discover.symbolic_link_folder_it"),
                )
                self._add(Entry(path, str(path), skip=loop), key=("d", str(path)))
            elif (st.st_dev, st.st_ino) not in self._seen:  # (else listed already, through another link)
                self._seen.add((st.st_dev, st.st_ino))
                self._walk(path, inside)

    # ---- archives -------------------------------------------------------------------------------
    def _archive(self, path: Path, st: os.stat_result, depth: int) -> None:
        key = (st.st_dev, st.st_ino)
        if key in self._seen:
            return
        self._seen.add(key)
        if self._scratch is None:  # (an archive inside an archive already expanded)
            self.entries.append(Entry(path, str(path), skip=NESTED_ZIP))
            return
        limits = self._limits_for(path)
        if self._folder is None:
            self._folder = self._scratch()
        root = Path(tempfile.mkdtemp(prefix="zip-", dir=self._folder))
        try:
            members = unpack(path, root, limits, depth=depth)
        except InputError as exc:
            self.entries.append(Entry(path, str(path), error=exc))
            return
        for m in members:
            self.entries.append(Entry(m.target, f"{path}/{m.shown}", skip=m.skip, error=m.error, config_at=path))


def _safe_part(part: str) -> str:
    part = re.sub(r'[\x00-\x1f\x7f<>:"|?*\\]', "_", part).strip(" ")
    encoded = part.encode("utf-8")
    if len(encoded) > 200:  # a file system allows 255 bytes per name
        part = encoded[:200].decode("utf-8", errors="ignore")
    return part


def member_path(name: str) -> Optional[PurePosixPath]:
    """A zip member's relative path; None for folders, absolute paths, drive letters and ``..``
    (a zip-slip attempt)."""
    slashed = name.replace("\\", "/")
    parts = [p for p in slashed.split("/") if p not in ("", ".")]
    if (
        not parts
        or slashed.startswith("/")
        or slashed.endswith("/")
        or ".." in parts
        or re.match(r"^[A-Za-z]:", parts[0])
    ):
        return None
    return PurePosixPath(*parts)


@dataclass(frozen=True)
class Member:
    """One file of an archive: ``shown`` as the outputs name it (its path in the archive, a nested
    archive's members under ``inner.zip/``), the extracted file, and unless it is to be checked, why
    not: ``skip`` (not a report, a lock file, a path out of the archive) or ``error`` (a nested
    archive that cannot be opened)."""

    shown: str
    target: Path
    skip: Optional[InputError] = None
    error: Optional[InputError] = None


def unpack(
    archive: Path, root: Path, limits: Limits, budget: Optional[list[int]] = None, depth: int = 0
) -> list[Member]:
    """The members of a .zip. The archive is checked as a whole first (member count, sizes,
    compression ratio, encryption) and every member is read with a hard cap, so a zip bomb is
    refused (RL-IO-005) before anything is expanded; ``budget`` ([bytes]) is shared by the archives
    of one run or request, nested ones included. ``depth`` is the archive's (MAX_ARCHIVE_DEPTH): a
    .zip member is opened in turn when its own depth is within it. Raise InputError for an archive that cannot be expanded."""
    from linter.readers.docx.package import Package

    budget = budget if budget is not None else [limits.max_total_uncompressed]
    pkg = Package(archive, limits)
    out: list[Member] = []
    try:
        for n, (member, shown) in enumerate(pkg.shown_names().items()):
            rel = member_path(shown)
            if rel is None:
                if not shown.replace("\\", "/").endswith("/"):  # (a folder entry is no file)
                    out.append(Member(shown, root / "outside", skip=OUTSIDE))
                continue
            name = rel.name
            suffix = rel.suffix.lower()
            reason: Optional[InputError] = None
            nested = False
            if name.startswith("~$"):
                reason = InputError("RL-IO-027")
            elif any(p.startswith(".") or p == "__MACOSX" for p in rel.parts):
                reason = _hidden(name)
            elif suffix in ARCHIVE_SUFFIXES:
                nested = depth + 1 <= MAX_ARCHIVE_DEPTH
                reason = None if nested else NESTED_ZIP
            elif suffix not in DOCUMENT_SUFFIXES and suffix:
                reason = not_a_report(name)
            target = root / f"{n:05d}" / _safe_part(name)
            if reason is None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(read_member(pkg, member, limits, budget))
                if nested:
                    out.extend(_nested(target, rel.as_posix(), root / f"{n:05d}-zip", limits, budget, depth))
                    continue
                if not suffix and not looks_like_document(target):
                    reason = not_a_report(name)
            out.append(Member(rel.as_posix(), target, skip=reason))
    except InputError:
        shutil.rmtree(root, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise InputError("RL-IO-010", os_detail(exc)) from None
    finally:
        pkg.close()
    return out


def read_member(pkg: "Package", member: str, limits: Limits, budget: list[int]) -> bytes:
    """A member's bytes, charged to the budget of uncompressed bytes ([bytes]) that the archives
    of one run or request share: InputError (RL-IO-005) once it is spent."""
    data = pkg.read(member)
    budget[0] -= len(data)
    if budget[0] < 0:
        raise limit_exceeded(
            "max_total_uncompressed",
            limits.max_total_uncompressed,
            Msg.of("detail.limit.more_bytes_uncompressed_one"),
        )
    return data


def _nested(archive: Path, shown: str, root: Path, limits: Limits, budget: list[int], depth: int) -> list[Member]:
    """The members of an archive inside an archive, named ``shown/member``; the nested archive
    itself, with its error, when it cannot be opened (a bomb, a damaged zip): its siblings are
    still checked. The budget is the outer archive's: a limit it passes stops the whole."""
    root.mkdir()
    try:
        members = unpack(archive, root, limits, budget, depth + 1)
    except InputError as exc:
        if budget[0] < 0:
            raise
        return [Member(shown, archive, error=exc)]
    return [Member(f"{shown}/{m.shown}", m.target, m.skip, m.error) for m in members]
