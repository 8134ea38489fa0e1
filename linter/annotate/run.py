"""``reportlint annotate`` for one file or a batch: the same plan as ``check`` (configuration,
rule selection, limits, rule sets, previous years), then one reviewed copy per Word document,
next to it as NAME.reviewed.docx or in an output folder.

Each copy is made in a child process, with the per-file time limit and memory cap of a batch's
checks (linter.run.pool), even for one file: the splice reads the whole document again and
holds its text and element positions, far more than the check needs. A copy over a limit is one
error for its file, and the batch goes on. What each copy holds comes back as counts
(``Annotated``) and is kept on disk with the batch's results, not in memory."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from linter.annotate.comments import Annotated, annotate_checked
from linter.run.discover import Entry
from linter.errors import EXIT_ERROR
from linter.findings import FileResult
from linter.run.outputs import WriteError
from linter.run.check import Options
from linter.run.gate import Group, Plan, Progress, Request, check_plan, exit_code, make_plan, previous_notes
from linter.run.pool import check_files_limited
from linter.run.spool import ResultSpool, in_order

SUFFIX = ".reviewed.docx"


@dataclass
class AnnotateRun:
    plan: Plan
    results: Sequence[Annotated] = ()  # in input order: each file's check and what its copy holds
    notes: list[str] = field(default_factory=list)
    exit_code: int = 0


class AnnotateInChild:
    """What a checking child runs for one file of ``annotate``: the copy made from the file's
    checked result, under the child's time limit and memory cap (picklable)."""

    def __init__(self, fix: bool) -> None:
        self.fix = fix

    def __call__(self, path: Path, options: Options, *, dst: str, result: FileResult) -> FileResult:
        return Annotated.of(annotate_checked(path, Path(dst), result, options, fix=self.fix))


def reviewed_name(src: Path) -> str:
    """``报告.docx`` -> ``报告.reviewed.docx``."""
    return src.stem + SUFFIX


def targets(files: list[Path], output: Optional[str]) -> list[Path]:
    """Where each copy goes: next to its input; into the folder ``output``; or, for one input and an
    ``output`` that is not a folder, that file."""
    if output is None:
        return [f.with_name(reviewed_name(f)) for f in files]
    out = Path(output)
    if len(files) == 1 and not output.endswith(("/", "\\")) and not out.is_dir() and out.suffix:
        return [out]
    taken: set[str] = set()
    paths = []
    for f in files:
        name = reviewed_name(f)
        k = 2
        while name in taken:  # two inputs of one name from different folders
            name = f"{f.stem}-{k}{SUFFIX}"
            k += 1
        taken.add(name)
        paths.append(out / name)
    return paths


def entry_targets(entries: Sequence[Entry], output: Optional[str]) -> list[Path]:
    """``targets`` for the files found; without ``output``, an archive's members go to a folder
    beside it (``收件箱.zip`` -> ``收件箱.reviewed/``), as the archive itself is not changed."""
    dsts = targets([e.path for e in entries], output)
    if output is None:
        taken: set[Path] = set()
        for k, e in enumerate(entries):
            if e.config_at is not None:
                folder = e.config_at.with_name(e.config_at.stem + ".reviewed")
                name, n = reviewed_name(e.path), 2
                while folder / name in taken:
                    name, n = f"{e.path.stem}-{n}{SUFFIX}", n + 1
                taken.add(folder / name)
                dsts[k] = folder / name
    return dsts


def annotate_run(req: Request, output: Optional[str], progress: Optional[Progress] = None,
                 fix: bool = False) -> AnnotateRun:
    """Check the inputs as ``check`` does and write the reviewed copies; ReportlintError for what
    stops the run before any file is read."""
    given = {str(Path(p)) for p in req.paths}

    def copies(entries: Sequence[Entry]) -> list[tuple[Path, str]]:
        dsts = entry_targets(entries, output)
        for folder in {d.parent for d, e in zip(dsts, entries) if e.config_at is not None or output is not None}:
            try:  # a folder of copies (-o, or beside an archive)
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # the check of the output folder says why it cannot be written
        return [(d, "copy") for d in dsts]

    plan = make_plan(req, skip=lambda f: f.name.endswith(SUFFIX) and str(f) not in given, skip_note="skipped_reviewed",
                     outputs=copies)
    run = AnnotateRun(plan, notes=list(plan.notes))
    try:
        results = check_plan(plan, progress)
        run.notes.extend(previous_notes(plan, results))
        checked = [i for i in range(len(plan.files)) if i not in plan.fixed]
        dsts = list(plan.files)  # (the entries not checked get no copy)
        for i, dst in zip(checked, entry_targets([plan.entries[i] for i in checked], output)):
            dsts[i] = dst
        parts: list[tuple[list[int], Sequence[FileResult]]] = [
            (g.indexes, _copies(g, results, dsts, fix)) for g in plan.groups]
        if plan.fixed:  # skipped or unreadable: no copy, the reason is the result
            parts.append((list(plan.fixed), [Annotated.adding(results[i]) for i in plan.fixed]))
        run.results = in_order(parts, len(plan.files))  # type: ignore[assignment]
    except WriteError as exc:  # the temporary folder is full
        exc.lang = plan.lang
        raise
    run.exit_code = exit_code(plan, run.results)
    if any(r.copy_error is not None for r in run.results):
        run.exit_code = EXIT_ERROR
    return run


def _copies(group: Group, results: Sequence[FileResult], dsts: list[Path], fix: bool) -> ResultSpool:
    """Write the group's copies in child processes; their outcomes in the group's order, on disk."""
    def job(j: int) -> dict[str, Any]:
        i = group.indexes[j]
        return {"dst": str(dsts[i]), "result": results[i]}

    out = ResultSpool()
    made = check_files_limited(group.files, group.options, jobs=group.jobs, check=AnnotateInChild(fix), kwargs=job)
    for j, got in enumerate(made):
        if not isinstance(got, Annotated):  # the child was stopped (time limit) or died: no copy
            _remove_partial(dsts[group.indexes[j]])
            got = Annotated.adding(results[group.indexes[j]], copy_error=got.error)
        out.append(got)
    return out


def _remove_partial(dst: Path) -> None:
    """The temporary file a child stopped while writing ``dst`` left (linter.run.outputs.writing
    names it ``.NAME.XXXXXXXX.tmp`` beside it)."""
    prefix = f".{dst.name[:40]}."
    try:
        for left in dst.parent.iterdir():
            if left.name.startswith(prefix) and left.name.endswith(".tmp"):
                left.unlink(missing_ok=True)
    except OSError:
        pass
