"""Batch runs: expand files, folders and globs; check in parallel child processes (with the
per-file time limit) or in this process; pair consecutive years; keep input order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from linter.recognise.report import ChildrenSum
from linter.run.check import (
    FileResult,
    Options,
    Previous,
    check_file,
    check_files,
    pair_decisions,
    rollup_targets,
    unpaired,
)
from linter.readers.detect import read_in_child

Progress = Callable[[int, int, str], None]


def expand(paths: Iterable[str]) -> list[Path]:
    """The files to read among ``paths``: files as given, folders recursively, globs (``**``
    recursive), as linter.run.discover finds them, without those it skips (archives are not
    expanded here)."""
    from linter.run.discover import Discovery

    return [e.path for e in Discovery().add_inputs(paths) if e.skip is None]


def in_children(paths: Sequence[Path]) -> bool:
    """Whether ``run`` checks ``paths`` in child processes by default."""
    return len(paths) > 1 or any(read_in_child(p) for p in paths)


def run(
    paths: Sequence[Path],
    options: Options,
    jobs: int = 1,
    previous: Previous = None,
    pair_years: bool = True,
    isolate: Optional[bool] = None,
    progress: Optional[Progress] = None,
) -> Sequence[FileResult]:
    """Check ``paths``; results in input order whatever the scheduling (a batch's on disk, as they come).

    ``isolate`` (default: more than one file, a PDF or a binary Word document) runs each file in a
    child process with the per-file time limit and memory cap, ``jobs`` of them at once; otherwise files run in this
    process (a single file starts fastest so, which matters to an author re-running the check). A
    PDF is read by PDFium, native code that a hostile file could crash, so even a single PDF is
    checked in a child: a crash then costs that file's result (RL-INT-002), not the run. A .doc or
    .wps is read so too (its tables are offsets and counts that a hostile file chooses).
    """
    if isolate is None:
        isolate = in_children(paths)
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
    before_of: dict[str, str] = {}
    if pair_years and previous is None:
        decisions = pair_decisions(spool, options.body_aliases)
        for i, result in unpaired(spool, decisions).items():
            spool[i] = result
        order = sorted(i for i, (before, _) in decisions.items() if before is not None)
        before_of = {str(paths[i]): decisions[i][0] or "" for i in order}
        if order:
            again = _recheck([paths[i] for i in order], [decisions[i][0] or "" for i in order], options, jobs)
            for i, result in zip(order, again):
                spool[i] = replace(result, pairing=decisions[i][1])
    targets = rollup_targets(spool, paths, options)
    if targets:  # a parent's report again, with its children's sum (and its year before, if paired)
        from linter.run.pool import check_files_limited

        order = sorted(targets)
        with_children = _CheckWithChildren({str(paths[i]): targets[i] for i in order}, before_of, previous)
        rechecked = check_files_limited([paths[i] for i in order], options, jobs=jobs, check=with_children)
        for i, result in zip(order, rechecked):
            spool[i] = replace(result, pairing=spool[i].pairing)
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


class _CheckWithChildren:
    """A picklable check function that passes a parent's report its children's sum, and its
    previous year as the first check had it (given, or paired in the batch)."""

    def __init__(self, children: dict[str, ChildrenSum], before: dict[str, str], previous: Previous) -> None:
        self.children, self.before, self.previous = children, before, previous

    def __call__(self, path: Path, options: Options, **kwargs: object) -> FileResult:
        key = str(path)
        return check_file(
            path, options, self.previous, previous_path=self.before.get(key), children=self.children.get(key)
        )


class _CheckWithPrevious:
    """A picklable check function that passes each file its previous-year report's path."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping

    def __call__(self, path: Path, options: Options, **kwargs: object) -> FileResult:
        return check_file(path, options, previous_path=self.mapping.get(str(path)))
