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
from typing import Any, Callable, Optional, Sequence

from linter.annotate.comments import Annotated, annotate_checked
from linter.annotate.sheet import SHEET_SUFFIX, sheet_name, write_sheet
from linter.run.discover import Entry
from linter.errors import EXIT_ERROR
from linter.office.folders import subfolder
from linter.i18n import t
from linter.verdict import verdict
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
    lines: list[str] = field(default_factory=list)  # review sheets written, passed files left out
    said: set[int] = field(default_factory=set)  # the files whose only line is one of ``lines`` (no copy)


class AnnotateInChild:
    """What a checking child runs for one file of ``annotate``: the copy made from the file's
    checked result, under the child's time limit and memory cap (picklable)."""

    def __init__(self, fix: bool) -> None:
        self.fix = fix

    def __call__(self, path: Path, options: Options, *, dst: str, result: FileResult) -> FileResult:
        if not dst:  # no copy for this file (not a Word document, or passed with --only-failed)
            return Annotated.adding(result)
        return Annotated.of(annotate_checked(path, Path(dst), result, options, fix=self.fix))


def reviewed_name(src: Path) -> str:
    """``报告.docx`` -> ``报告.reviewed.docx``."""
    return src.stem + SUFFIX


def targets(
    files: list[Path], output: Optional[str], inputs: Sequence[str] = (), name: Callable[[Path], str] = reviewed_name
) -> list[Path]:
    """Where each copy goes: next to its input; into the folder ``output``, in the subfolder its
    input had under the folder given (收件箱/部门/x.docx -> 退回/部门/x.reviewed.docx); or, for one
    input and an ``output`` that is not a folder, that file."""
    if output is None:
        return [f.with_name(name(f)) for f in files]
    out = Path(output)
    if len(files) == 1 and not output.endswith(("/", "\\")) and not out.is_dir() and out.suffix:
        return [out if name is reviewed_name else out.with_name(sheet_name(out))]
    taken: set[Path] = set()
    paths = []
    for f in files:
        folder = out / (subfolder(str(f), inputs) or "")  # a file named directly: at the top
        target = folder / name(f)
        k = 2
        while target in taken:  # two inputs of one name in one folder (given from different places)
            target = folder / name(f).replace(f.stem, f"{f.stem}-{k}", 1)
            k += 1
        taken.add(target)
        paths.append(target)
    return paths


def entry_targets(
    entries: Sequence[Entry],
    output: Optional[str],
    inputs: Sequence[str] = (),
    name: Callable[[Path], str] = reviewed_name,
) -> list[Path]:
    """``targets`` for the files found; without ``output``, an archive's members go to a folder
    beside it (``收件箱.zip`` -> ``收件箱.reviewed/``), as the archive itself is not changed; under
    ``output``, to a folder named after the archive (``收件箱/部门/x.docx``: ``unpacked``)."""
    # (an archive's member by the name shown, 收件箱.zip/部门/x.docx, for its subfolders under -o)
    folders: dict[Path, set[tuple[str, ...]]] = {}  # per archive, the folders its members are in
    for e in entries:
        if e.config_at is not None:
            parts = _member_parts(e)
            folders.setdefault(e.config_at, set()).update(parts[:i] for i in range(1, len(parts)))
    dsts = targets(
        [unpacked(e, folders[e.config_at]) if e.config_at is not None else e.path for e in entries],
        output,
        inputs,
        name,
    )
    if output is None:
        taken: set[Path] = set()
        for k, e in enumerate(entries):
            if e.config_at is not None:
                folder = e.config_at.with_name(e.config_at.stem + ".reviewed")
                base, n = name(e.path), 2
                target = folder / base
                while target in taken:
                    target, n = folder / base.replace(e.path.stem, f"{e.path.stem}-{n}", 1), n + 1
                taken.add(target)
                dsts[k] = target
    return dsts


ARCHIVE_FOLDER = "{stem}（压缩包）"  # an archive's folder under -o when its plain name is taken


def _member_parts(e: Entry) -> tuple[str, ...]:
    """An archive member's path inside the archive (``城关镇/报告.docx``), as parts."""
    assert e.config_at is not None
    return tuple(e.shown[len(str(e.config_at)) + 1 :].split("/"))


def unpacked(e: Entry, folders: set[tuple[str, ...]]) -> Path:
    """An archive member's path with each archive on it (the archive, a .zip inside) a folder named
    after it without the suffix (收件箱.zip/部门/x.docx -> 收件箱/部门/x.docx), or ``收件箱（压缩包）``
    where that name is a folder already: beside the archive on the disk, or among the folders of
    the archive's members (``folders``)."""
    assert e.config_at is not None
    archive = e.config_at
    stem = archive.stem
    top = stem if not (archive.parent / stem).is_dir() else ARCHIVE_FOLDER.format(stem=stem)
    given = _member_parts(e)
    parts = list(given)
    for i, part in enumerate(given[:-1]):
        if part.lower().endswith(".zip"):
            inner = part[: -len(".zip")]
            parts[i] = inner if given[:i] + (inner,) not in folders else ARCHIVE_FOLDER.format(stem=inner)
    return archive.parent.joinpath(top, *parts)


def annotate_run(
    req: Request,
    output: Optional[str],
    progress: Optional[Progress] = None,
    fix: bool = False,
    only_failed: bool = False,
    sheet: bool = False,
) -> AnnotateRun:
    """Check the inputs as ``check`` does and write the reviewed copies (a review sheet for a file
    that is not a .docx, and with ``sheet`` for every file); ``only_failed``: none for a file that
    passed. ReportlintError for what stops the run before any file is read."""
    given = {str(Path(p)) for p in req.paths}

    def copies(entries: Sequence[Entry]) -> list[tuple[Path, str]]:
        dsts = entry_targets(entries, output, req.paths) + entry_targets(entries, output, req.paths, sheet_name)
        archived = [e.config_at is not None for e in entries] * 2
        for folder in dict.fromkeys(d.parent for d, a in zip(dsts, archived) if a or output is not None):
            try:  # a folder of copies (-o, with its subfolders, or beside an archive)
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # the check of the output folder says why it cannot be written
        return [(d, "copy") for d in dsts]

    def ours(f: Path) -> bool:
        return f.name.endswith((SUFFIX, SHEET_SUFFIX)) and str(f) not in given

    plan = make_plan(req, skip=ours, skip_note="skipped_reviewed", outputs=copies)
    run = AnnotateRun(plan, notes=list(plan.notes))
    levels = plan.fail_levels()
    try:
        results = check_plan(plan, progress)
        run.notes.extend(previous_notes(plan, results))
        verdicts = [verdict(r, levels.get(str(f), "error")) for f, r in zip(plan.files, results)]
        wanted = [not (only_failed and v == "passed") for v in verdicts]
        checked = [i for i in range(len(plan.files)) if i not in plan.fixed]
        dsts: list[Optional[Path]] = [None] * len(plan.files)  # (the entries not checked get no copy)
        for i, dst in zip(checked, entry_targets([plan.entries[i] for i in checked], output, req.paths)):
            if wanted[i] and results[i].error is None and results[i].format == "docx":
                dsts[i] = dst
        parts: list[tuple[list[int], Sequence[FileResult]]] = [
            (g.indexes, _copies(g, results, dsts, fix)) for g in plan.groups
        ]
        if plan.fixed:  # skipped or unreadable: no copy, the reason is the result
            parts.append((list(plan.fixed), [Annotated.adding(results[i]) for i in plan.fixed]))
        run.results = in_order(parts, len(plan.files))  # type: ignore[assignment]
        sheets = dict(zip(checked, entry_targets([plan.entries[i] for i in checked], output, req.paths, sheet_name)))
        options_of = {i: g.options.lang for g in plan.groups for i in g.indexes}
        for i in checked:  # (an entry not checked, skipped or not found readable, gets no sheet)
            if not wanted[i]:
                run.lines.append(t("office.sheet.skipped_passed", plan.lang, path=plan.entries[i].shown))
                run.said.add(i)
            elif dsts[i] is None or sheet:
                if dsts[i] is None:
                    run.said.add(i)
                lang = options_of.get(i, plan.lang)
                n = write_sheet(sheets[i], results[i], verdicts[i], lang)
                run.lines.append(t("office.sheet.written", lang, path=sheets[i], n=n))
    except WriteError as exc:  # the temporary folder is full, or a sheet could not be written
        exc.lang = plan.lang
        raise
    run.exit_code = exit_code(plan, run.results)
    if any(r.copy_error is not None for r in run.results):
        run.exit_code = EXIT_ERROR
    return run


def _copies(group: Group, results: Sequence[FileResult], dsts: Sequence[Optional[Path]], fix: bool) -> ResultSpool:
    """Write the group's copies in child processes (none where ``dsts`` says None); their outcomes
    in the group's order, on disk."""

    def job(j: int) -> dict[str, Any]:
        i = group.indexes[j]
        return {"dst": str(dsts[i] or ""), "result": results[i]}

    out = ResultSpool()
    made = check_files_limited(group.files, group.options, jobs=group.jobs, check=AnnotateInChild(fix), kwargs=job)
    for j, got in enumerate(made):
        if not isinstance(got, Annotated):  # the child was stopped (time limit) or died: no copy
            dst = dsts[group.indexes[j]]
            if dst is not None:
                _remove_partial(dst)
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
