"""``reportlint annotate`` for one file or a batch: the same plan as ``check`` (configuration,
rule selection, limits, rule sets, previous years), then one reviewed copy per Word document,
next to it as NAME.reviewed.docx or in an output folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from linter.annotate.comments import AnnotateResult, annotate_checked
from linter.errors import EXIT_ERROR
from linter.findings import FileResult
from linter.run.outputs import WriteError
from linter.run.gate import Plan, Progress, Request, check_plan, exit_code, make_plan, previous_notes

SUFFIX = ".reviewed.docx"


@dataclass
class AnnotateRun:
    plan: Plan
    outcomes: list[AnnotateResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    exit_code: int = 0

    @property
    def results(self) -> list[FileResult]:
        return [o.check for o in self.outcomes]


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


def annotate_run(req: Request, output: Optional[str], progress: Optional[Progress] = None,
                 fix: bool = False) -> AnnotateRun:
    """Check the inputs as ``check`` does and write the reviewed copies; ReportlintError for what
    stops the run before any file is read."""
    given = {str(Path(p)) for p in req.paths}

    def copies(files: Sequence[Path]) -> list[tuple[Path, str]]:
        dsts = targets(list(files), output)
        if output is not None and dsts[0].parent == Path(output):  # a folder of copies
            try:
                Path(output).mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # the check of the output folder says why it cannot be written
        return [(d, "copy") for d in dsts]

    plan = make_plan(req, skip=lambda f: f.name.endswith(SUFFIX) and str(f) not in given, skip_note="skipped_reviewed",
                     outputs=copies)
    run = AnnotateRun(plan, notes=list(plan.notes))
    try:
        results = check_plan(plan, progress)
    except WriteError as exc:  # the temporary folder is full
        exc.lang = plan.lang
        raise
    run.notes.extend(previous_notes(plan, results))
    dsts = targets(plan.files, output)
    options_of = {i: g.options for g in plan.groups for i in g.indexes}
    for i, (src, dst) in enumerate(zip(plan.files, dsts)):
        run.outcomes.append(annotate_checked(src, dst, results[i], options_of[i], fix=fix))
    run.exit_code = exit_code(plan, run.results)
    if any(o.failed is not None for o in run.outcomes):
        run.exit_code = EXIT_ERROR
    return run
