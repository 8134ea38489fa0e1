"""The one run path of ``check`` and ``annotate``: expand the inputs, group them by the
configuration that applies (discovered per folder, or --config), build each group's options
(select/ignore/severity, limits, rule sets, fail level, language, previous year), check the files,
and decide the exit code group by group."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence

from linter.run.batch import in_children, run
from linter.run.discover import Discovery, Entry
from linter.run.check import Options, PreviousYears
from linter.findings import FileError, FileResult
from linter.config.configuration import Config, config_for
from linter.engine.lint import Selection
from linter.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ReportlintError, RuleSetError, input_error_message
from linter.i18n import Listing, t
from linter.reporters import RunInfo, Summary, get_reporter
from linter.ruleset.loader import RuleSet, builtin_editions, builtin_ruleset
from linter.run.outputs import WriteError
from linter.run.spool import ResultSpool, in_order
from linter.verdict import fails

if TYPE_CHECKING:
    from linter.office.roster import Roster

Progress = Callable[[int, int, str], None]


class UsageError(ReportlintError):
    pass


@dataclass(frozen=True)
class Request:
    """What the command line asked for; None means "not given: use the configuration"."""

    paths: tuple[str, ...]
    fmt: str = "text"
    lang: Optional[str] = None
    fail_on: Optional[str] = None
    edition: Optional[int] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jobs: Optional[int] = None
    config: Optional[str] = None
    rules_file: Optional[str] = None
    previous_file: Optional[str] = None
    pair_years: Optional[bool] = None
    baseline: Optional[str] = None
    write_baseline: bool = False
    prune_baseline: bool = False
    color: bool = False
    list_passed: bool = False
    roster: Optional[str] = None  # --roster; else the configuration's
    year: Optional[int] = None  # --year: the report year expected in the coverage table
    output: Optional[str] = None  # -o: the file the report is written to
    show_positions: bool = False


Outputs = Callable[[Sequence[Entry]], Sequence[tuple[Path, str]]]


@dataclass
class Group:
    """Files under one configuration, with everything their check needs."""

    indexes: list[int]
    files: list[Path]
    config: Config
    options: Options
    fail_on: str
    jobs: int
    pair_years: bool
    previous: Optional[PreviousYears] = None


@dataclass
class Plan:
    files: list[Path]  # every entry found, checked or not (results come in this order)
    groups: list[Group]  # the checked files, by configuration
    lang: str  # the run's own messages (summary, notes): the command line's, else the first group's
    notes: list[str] = field(default_factory=list)
    roster: Optional["Roster"] = None
    entries: list[Entry] = field(default_factory=list)  # what each of ``files`` is (linter.run.discover)
    fixed: dict[int, FileResult] = field(default_factory=dict)  # the results of entries not checked
    scratch: Optional[tempfile.TemporaryDirectory[str]] = None  # archives expanded (removed with the plan)

    def shown(self, i: int) -> str:
        """File ``i`` as the outputs name it (an archive's member: ``archive.zip/member``)."""
        return self.entries[i].shown if self.entries else str(self.files[i])

    def fail_levels(self) -> dict[str, str]:
        """Each file's fail level (its configuration group's), by path as results name it."""
        return {self.shown(i): g.fail_on for g in self.groups for i in g.indexes}


@dataclass
class Outcome:
    report: Iterable[str] = ()  # the output, rendered piece by piece as it is written (never held whole)
    notes: list[str] = field(default_factory=list)  # for the terminal (stderr)
    summary: list[str] = field(default_factory=list)  # human summary when output goes to a file
    exit_code: int = EXIT_OK
    results: Sequence[FileResult] = ()
    plan: Optional[Plan] = None


def _unknown_patterns(rulesets: Sequence[RuleSet], patterns: Sequence[str], where: str, lang: str) -> list[str]:
    """A line per pattern that names no rule, with the closest id or name as a suggestion."""
    from difflib import get_close_matches

    rules = [r for rs in rulesets for r in rs.rules]
    names = sorted({r.id for r in rules} | {r.name for r in rules})
    out = []
    for p in patterns:
        if not any(r.id == p or r.id.startswith(p) or r.name == p or r.name.startswith(p + ".") for r in rules):
            close = get_close_matches(p, names, n=1)
            hint = t("did_you_mean", lang, name=close[0]) if close else ""
            out.append(t("unknown_rule", lang, where=where, pattern=p) + hint)
    return out


def _options(req: Request, cfg: Config, ruleset: Optional[RuleSet], keep_tables: bool) -> Options:
    lang = req.lang or cfg.lang
    select = req.select or cfg.select
    ignore = req.ignore + cfg.ignore
    # Compile the rule sets now (a broken extra rule file stops the run before any report is read).
    try:
        rulesets = [ruleset] if ruleset else [builtin_ruleset(e, cfg.extra_rules) for e in builtin_editions()]
    except RuleSetError as exc:
        exc.lang = lang
        raise
    where = cfg.source or t("command_line", lang)
    line = t("command_line", lang)
    unknown = [
        *_unknown_patterns(rulesets, req.select or (), f"{line}: select", lang),
        *_unknown_patterns(rulesets, req.ignore, f"{line}: ignore", lang),
        *_unknown_patterns(rulesets, cfg.select, f"{where}: select", lang),
        *_unknown_patterns(rulesets, cfg.ignore, f"{where}: ignore", lang),
        *_unknown_patterns(rulesets, list(cfg.severity), f"{where}: severity", lang),
    ]
    for glob, patterns in cfg.per_file_ignores:
        unknown += _unknown_patterns(rulesets, patterns, f"{where}: per_file_ignores.{glob}", lang)
    if unknown:
        raise UsageError("\n".join(unknown))
    return Options(
        lang=lang,
        edition=req.edition or cfg.edition,
        selection=Selection(tuple(select), tuple(ignore), dict(cfg.severity)),
        limits=cfg.limits,
        ruleset=ruleset,
        extra_rules=cfg.extra_rules,
        per_file_ignores=cfg.per_file_ignores,
        config_dir=cfg.base,
        keep_tables=keep_tables,
        show_positions=req.show_positions,
    )


def make_plan(
    req: Request,
    keep_tables: bool = False,
    skip: Optional[Callable[[Path], bool]] = None,
    skip_note: str = "",
    outputs: Optional[Outputs] = None,
) -> Plan:
    """Expand the inputs and build each configuration group's options; raise ReportlintError for
    what stops the run before any report is read (exit 2). Files ``skip`` names are left out,
    each with the note ``skip_note``. ``outputs`` gives the files the run will write, with their
    roles, for the files found: none may be an input, and their folders must be writable."""
    from linter.ruleset.loader import load_ruleset

    explicit = Path(req.config) if req.config else None
    if explicit is not None and not explicit.is_file():
        raise UsageError(t("no_config_file", req.lang or "zh", path=req.config))
    scratch: list[tempfile.TemporaryDirectory[str]] = []

    def make_scratch() -> Path:
        scratch.append(tempfile.TemporaryDirectory(prefix="reportlint-zip-"))
        return Path(scratch[-1].name)

    found = Discovery(lambda p: _config(p, explicit, req.lang).limits, make_scratch).add_inputs(req.paths)
    left_out = [e.path for e in found if e.checked and skip is not None and skip(e.path)]
    entries = [e for e in found if not (e.checked and skip is not None and skip(e.path))]
    files = [e.path for e in entries]
    # Group the files by the configuration that applies to them (discovered per folder; an
    # archive's members: the archive's).
    by_source: dict[Optional[str], tuple[Config, list[int]]] = {}
    for i, e in enumerate(entries):
        if e.checked:
            cfg = _config(e.config_at or e.path, explicit, req.lang)
            by_source.setdefault(cfg.source, (cfg, []))[1].append(i)
    first = next(iter(by_source.values()))[0] if by_source else _config(Path.cwd(), explicit, req.lang)
    lang = req.lang or first.lang
    try:
        ruleset = load_ruleset(Path(req.rules_file)) if req.rules_file else None
    except RuleSetError as exc:
        exc.lang = lang
        raise
    if not entries:
        raise UsageError(t("no_files", lang, paths=Listing(tuple(req.paths))))
    checked = [e for e in entries if e.checked]
    checked_paths = [e.path for e in checked]
    if outputs is not None:
        _guard_outputs(req, checked_paths, outputs(checked), lang)
    if in_children(checked_paths):
        from linter.run.pool import start_early

        start_early()
    groups: list[Group] = []
    notes: list[str] = []
    roster = _roster(req, [cfg for cfg, _ in by_source.values()])
    for cfg, indexes in by_source.values():
        options = _options(req, cfg, ruleset, keep_tables)
        if roster is not None:
            # (its figures kept: the roll-up rule sums the children's when it is selected)
            options = replace(options, body_aliases=roster.aliases(), roster=roster, keep_figures=True)
        previous = None
        if req.previous_file:
            from linter.run.previous import load_previous_years

            previous, unread = load_previous_years(Path(req.previous_file), options)
            notes.extend(n for n in unread if n not in notes)
        groups.append(
            Group(
                indexes,
                [files[i] for i in indexes],
                cfg,
                options,
                req.fail_on or cfg.fail_on,
                req.jobs or cfg.jobs or os.cpu_count() or 1,
                cfg.pair_years if req.pair_years is None else req.pair_years,
                previous,
            )
        )
    lang = req.lang or (groups[0].options.lang if groups else lang)
    fixed = {i: _not_checked(e, lang) for i, e in enumerate(entries) if not e.checked}
    notes.extend(t(skip_note, lang, path=f) for f in left_out)
    return Plan(files, groups, lang, notes, roster, entries, fixed, scratch[0] if scratch else None)


def _not_checked(entry: Entry, lang: str) -> FileResult:
    """The result of an entry found but not checked: skipped with its reason, or unreadable."""
    err = entry.skip or entry.error
    assert err is not None
    return FileResult(
        entry.shown,
        error=FileError(err.code, input_error_message(err.code, err.detail, lang)),
        skipped=entry.skip is not None,
    )


def _roster(req: Request, configs: Sequence[Config]) -> Optional["Roster"]:
    """--roster, else the first configuration's ``roster:``; RosterError (exit 2) if it cannot be read."""
    from linter.office.roster import RosterError, load_roster

    path = req.roster or next((c.roster for c in configs if c.roster), None)
    if path is None:
        return None
    try:
        return load_roster(Path(path))
    except RosterError as exc:
        exc.lang = req.lang or (configs[0].lang if configs else "zh")
        raise


def _guard_outputs(req: Request, files: Sequence[Path], outputs: Sequence[tuple[Path, str]], lang: str) -> None:
    """Refuse a run whose output would replace one of its inputs (the reports, the configuration,
    the rule file, the previous year, a baseline read), or whose output folder cannot be written."""
    from linter.run.outputs import clashes, probe, refuse

    others = [Path(p) for p in (req.config, req.rules_file, req.previous_file, req.roster) if p]
    if req.baseline and not (req.write_baseline or req.prune_baseline):
        others.append(Path(req.baseline))
    found = clashes(outputs, [*files, *others])
    if req.output and req.baseline and (req.write_baseline or req.prune_baseline):
        found += clashes([(Path(req.output), "output")], [Path(req.baseline)])
    try:
        if found:
            raise refuse(found)
        probe(p for p, _ in outputs)
    except ReportlintError as exc:
        exc.lang = lang  # type: ignore[attr-defined]
        raise


def _config(path: Path, explicit: Optional[Path], lang: Optional[str]) -> Config:
    """``config_for``; a broken configuration's mistakes are told in the language asked for."""
    from linter.config.configuration import ConfigError

    try:
        return config_for(path, explicit)
    except ConfigError as exc:
        exc.lang = lang or "zh"
        raise


def check_plan(plan: Plan, progress: Optional[Progress] = None) -> Sequence[FileResult]:
    """Check every group's files; the results in input order."""
    parts: list[tuple[list[int], Sequence[FileResult]]] = []
    done = 0
    total = len(plan.files)
    for group in plan.groups:

        def step(i: int, n: int, path: str, offset: int = done) -> None:
            if progress:
                progress(offset + i, total, path)

        results = run(
            group.files,
            group.options,
            jobs=group.jobs,
            previous=group.previous,
            pair_years=group.pair_years,
            progress=step,
        )
        done += len(group.indexes)
        if any(plan.shown(i) != str(f) for i, f in zip(group.indexes, group.files)):  # an archive's members
            results = ResultSpool(replace(r, path=plan.shown(i)) for i, r in zip(group.indexes, results))
        parts.append((group.indexes, results))
    if plan.fixed:
        parts.append((list(plan.fixed), list(plan.fixed.values())))
    return in_order(parts, total)


def previous_notes(plan: Plan, results: Sequence[FileResult]) -> list[str]:
    """Say when --previous was refused for a report: another body's, or not the year before (its
    year-to-year rules then did not run)."""
    from linter.office.pairing import OTHER_BODY, WRONG_YEAR, describe

    return [
        describe(r, plan.lang)
        for r in results
        if r.pairing is not None and r.pairing.status in (OTHER_BODY, WRONG_YEAR)
    ]


def exit_code(plan: Plan, results: Sequence[FileResult]) -> int:
    """2 if a file is unreadable; 1 if a file has a finding at or above its group's fail level."""
    code = EXIT_OK
    for result in plan.fixed.values():
        if not result.skipped:  # an entry found unreadable (a folder that cannot be listed, a link loop)
            return EXIT_ERROR
    for group in plan.groups:
        for i in group.indexes:
            result = results[i]
            if result.error is not None:  # the verdict "unreadable"
                return EXIT_ERROR
            if fails(result, group.fail_on):
                code = EXIT_FINDINGS
    return code


def execute(req: Request, progress: Optional[Progress] = None) -> Outcome:
    """Run a check; raise ReportlintError (RuleSetError, ConfigError, BaselineError, UsageError)
    for problems that stop the run before any report is read (exit 2)."""
    started = time.monotonic()
    reporter_cls = get_reporter(req.fmt)
    plan = make_plan(
        req, keep_tables=getattr(reporter_cls, "needs_tables", False), outputs=lambda entries: _check_outputs(req)
    )
    try:
        final = check_plan(plan, progress)
    except WriteError as exc:  # the temporary folder is full
        exc.lang = plan.lang
        raise
    outcome = Outcome(results=final, plan=plan)
    outcome.notes.extend(plan.notes)
    outcome.notes.extend(previous_notes(plan, final))
    if req.baseline:
        try:
            final = _baseline(req, final, outcome, plan.lang)
        except WriteError as exc:
            exc.lang = plan.lang
            raise
        outcome.results = final
    elapsed = time.monotonic() - started
    fail_on = req.fail_on or (plan.groups[0].fail_on if plan.groups else "error")
    reporter = reporter_cls(lang=plan.lang, color=req.color)
    reporter.fail_on = fail_on
    reporter.fail_levels = plan.fail_levels()
    reporter.show_positions = req.show_positions
    reporter.run_info = RunInfo(
        inputs=req.paths, elapsed=elapsed, list_passed=req.list_passed, roster=plan.roster, year=req.year
    )
    outcome.report = reporter.output(final)
    from linter.reporters.text import summary_lines

    counts = Summary.of(final, reporter.fail_levels, fail_on)
    outcome.summary = summary_lines(final, plan.lang, counts, reporter.run_info, reporter)
    outcome.exit_code = exit_code(plan, final)
    return outcome


def _check_outputs(req: Request) -> list[tuple[Path, str]]:
    out = [(Path(req.output), "output")] if req.output else []
    if req.baseline and (req.write_baseline or req.prune_baseline):
        out.append((Path(req.baseline), "baseline"))
    return out


def _baseline(req: Request, results: Sequence[FileResult], outcome: Outcome, lang: str) -> Sequence[FileResult]:
    from linter.run.baseline import apply_baseline, prune_baseline, write_baseline

    path = Path(req.baseline or "")
    if req.write_baseline:
        n = write_baseline(path, results)
        outcome.notes.append(t("baseline_written", lang, n=n, path=path))
        return ResultSpool(replace(r, findings=()) for r in results)
    if not path.is_file():
        raise UsageError(t("no_baseline_file", lang, path=path))
    from linter.run.baseline import BaselineError

    try:
        kept, stale, hidden = apply_baseline(path, results)
    except BaselineError as exc:
        exc.lang = lang
        raise
    outcome.notes.append(t("baseline_hidden", lang, n=hidden, path=path))
    if stale:
        if req.prune_baseline:
            outcome.notes.append(t("pruned", lang, n=prune_baseline(path, stale)))
        else:
            outcome.notes.append(t("stale", lang, n=sum(s.count for s in stale)))
    return kept
