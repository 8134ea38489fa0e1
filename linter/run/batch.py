"""Batch runs: expand files, folders and globs; check in parallel child processes (with the
per-file time limit) or in this process; pair consecutive years; keep input order."""

from __future__ import annotations

import glob
import os
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from linter.run.check import FileResult, Options, Previous, check_file, check_files, pair_decisions, unpaired
from linter.readers.detect import read_in_child

DOCUMENT_SUFFIXES = {".docx", ".docm", ".dotx", ".doc", ".wps", ".htm", ".html", ".shtml", ".mht", ".pdf", ".ofd",
                     ".txt", ".rtf"}
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv"}
_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")

Progress = Callable[[int, int, str], None]


def _looks_like_document(path: Path) -> bool:
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return True
    if path.suffix:  # another known type (.xlsx, .png, .md, ...): not a report
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.startswith(_MAGIC)


def expand(paths: Iterable[str], locks: Optional[list[Path]] = None) -> list[Path]:
    """Files as given (even of unknown type: the reader says what they are); folders recursively
    (documents by extension, or by content when the name has none); globs (``**`` recursive).
    Duplicates are dropped, order kept. Word lock files (``~$x.docx``) found in folders or globs
    are left out and added to ``locks``."""
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if name.startswith("~$") and _looks_like_document(f):
                        if locks is not None:
                            locks.append(f)
                    elif not name.startswith(".") and _looks_like_document(f):
                        add(f)
        elif not path.exists() and any(ch in raw for ch in "*?["):
            for match in sorted(glob.glob(raw, recursive=True)):
                m = Path(match)
                if m.is_file() and m.name.startswith("~$"):  # Word's lock files
                    if locks is not None:
                        locks.append(m)
                elif m.is_file():
                    add(m)
        else:
            add(path)
    return out


def run(paths: Sequence[Path], options: Options, jobs: int = 1, previous: Previous = None,
        pair_years: bool = True, isolate: Optional[bool] = None,
        progress: Optional[Progress] = None) -> Sequence[FileResult]:
    """Check ``paths``; results in input order whatever the scheduling (a batch's on disk, as they come).

    ``isolate`` (default: more than one file, a PDF or a binary Word document) runs each file in a
    child process with the per-file time limit and memory cap, ``jobs`` of them at once; otherwise files run in this
    process (a single file starts fastest so, which matters to an author re-running the check). A
    PDF is read by PDFium, native code that a hostile file could crash, so even a single PDF is
    checked in a child: a crash then costs that file's result (RL-INT-002), not the run. A .doc or
    .wps is read so too (its tables are offsets and counts that a hostile file chooses).
    """
    if isolate is None:
        isolate = len(paths) > 1 or any(read_in_child(p) for p in paths)
    if not isolate:
        results = check_files(paths, options, previous, pair_years)
        if progress:
            for i, p in enumerate(paths):
                progress(i + 1, len(paths), str(p))
        return results
    from linter.run.spool import ResultSpool
    from linter.run.pool import check_files_limited

    total = len(paths)
    spool = ResultSpool()
    check = check_file if previous is None else _CheckWithReport(previous)
    for i, result in enumerate(check_files_limited(paths, options, jobs=jobs, check=check)):
        spool.append(result)
        if progress:
            progress(i + 1, total, result.path)
    if pair_years and previous is None:
        decisions = pair_decisions(spool, options.body_aliases)
        for i, result in unpaired(spool, decisions).items():
            spool[i] = result
        order = sorted(i for i, (before, _) in decisions.items() if before is not None)
        if order:
            again = _recheck([paths[i] for i in order], [decisions[i][0] or "" for i in order], options, jobs)
            for i, result in zip(order, again):
                spool[i] = replace(result, pairing=decisions[i][1])
    return spool


def _recheck(paths: Sequence[Path], previous_paths: Sequence[str], options: Options, jobs: int) -> list[FileResult]:
    """Check files again against their previous-year reports, in child processes."""
    from linter.run.pool import check_files_limited

    mapping = {str(p): prev for p, prev in zip(paths, previous_paths)}
    return list(check_files_limited(paths, options, jobs=jobs, check=_CheckWithPrevious(mapping)))


class _CheckWithReport:
    """A picklable check function that passes each file the previous-year report(s) given (--previous)."""

    def __init__(self, previous: Previous) -> None:
        self.previous = previous

    def __call__(self, path: Path, options: Options, **kwargs: object) -> FileResult:
        return check_file(path, options, previous=self.previous)


class _CheckWithPrevious:
    """A picklable check function that passes each file its previous-year report's path."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping

    def __call__(self, path: Path, options: Options, **kwargs: object) -> FileResult:
        return check_file(path, options, previous_path=self.mapping.get(str(path)))
