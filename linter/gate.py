"""One `reportlint check` run: resolve configuration per file, check the batch, apply the
baseline, render, and decide the exit code. No printing here; cli.py prints what this returns."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from linter.batch import expand, run
from linter.check import FileResult, Options, load_previous
from linter.config import Config, config_for
from linter.engine import Selection
from linter.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ReportlintError
from linter.findings import SEVERITY_RANK
from linter.i18n import t
from linter.reporters import Summary, get_reporter
from linter.ruleset import RuleSet, builtin_editions, builtin_ruleset
from linter.spool import ResultSpool, in_order



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


@dataclass
class Outcome:
    report: Iterable[str] = ()  # the output, rendered piece by piece as it is written (never held whole)
    notes: list[str] = field(default_factory=list)  # for the terminal (stderr)
    summary: list[str] = field(default_factory=list)  # human summary when output goes to a file
    exit_code: int = EXIT_OK
    results: Sequence[FileResult] = ()


def _known_patterns(rulesets: Sequence[RuleSet], patterns: Sequence[str], where: str) -> None:
    rules = [r for rs in rulesets for r in rs.rules]
    for p in patterns:
        if not any(r.id == p or r.id.startswith(p) or r.name == p or r.name.startswith(p + ".") for r in rules):
            raise UsageError(f"{where}: unknown rule id or name: {p}")


def _options(req: Request, cfg: Config, ruleset: Optional[RuleSet]) -> Options:
    select = req.select or cfg.select
    ignore = req.ignore + cfg.ignore
    # Compile the rule sets now (a broken extra rule file stops the run before any report is read).
    rulesets = [ruleset] if ruleset else [builtin_ruleset(e, cfg.extra_rules) for e in builtin_editions()]
    _known_patterns(rulesets, select, f"{cfg.source or 'command line'}: select")
    _known_patterns(rulesets, ignore, f"{cfg.source or 'command line'}: ignore")
    _known_patterns(rulesets, list(cfg.severity), f"{cfg.source}: severity")
    for _glob, patterns in cfg.per_file_ignores:
        _known_patterns(rulesets, patterns, f"{cfg.source}: per_file_ignores")
    return Options(lang=req.lang or cfg.lang, edition=req.edition or cfg.edition,
                   selection=Selection(tuple(select), tuple(ignore), dict(cfg.severity)),
                   limits=cfg.limits, ruleset=ruleset, extra_rules=cfg.extra_rules,
                   per_file_ignores=cfg.per_file_ignores)


def execute(req: Request, progress: Optional[Callable[[int, int, str], None]] = None) -> Outcome:
    """Run a check; raise ReportlintError (RuleSetError, ConfigError, BaselineError, UsageError)
    for problems that stop the run before any report is read (exit 2)."""
    from linter.ruleset import load_ruleset

    files = expand(req.paths)
    explicit = Path(req.config) if req.config else None
    if explicit is not None and not explicit.is_file():
        raise UsageError(f"{req.config}: no such configuration file")
    ruleset = load_ruleset(Path(req.rules_file)) if req.rules_file else None
    # Group the files by the configuration that applies to them (discovered per directory).
    groups: dict[Optional[str], list[int]] = {}
    configs: dict[Optional[str], Config] = {}
    for i, f in enumerate(files):
        cfg = config_for(f, explicit)
        configs[cfg.source] = cfg
        groups.setdefault(cfg.source, []).append(i)
    if not files:
        configs[None] = config_for(Path.cwd(), explicit)
    base_cfg = configs[next(iter(configs))]
    lang = req.lang or base_cfg.lang
    fail_on = req.fail_on or base_cfg.fail_on
    parts: list[tuple[list[int], Sequence[FileResult]]] = []
    done = 0
    for source, indexes in groups.items():
        cfg = configs[source]
        options = _options(req, cfg, ruleset)
        previous = None
        if req.previous_file:
            previous, failed = load_previous(Path(req.previous_file), options)
            if failed is not None and failed.error is not None:
                raise UsageError(f"{req.previous_file}: {failed.error.code} {failed.error.message}")
        jobs = req.jobs or cfg.jobs or os.cpu_count() or 1
        pair = cfg.pair_years if req.pair_years is None else req.pair_years

        def step(i: int, n: int, path: str, offset: int = done) -> None:
            if progress:
                progress(offset + i, len(files), path)

        group = run([files[i] for i in indexes], options, jobs=jobs, previous=previous, pair_years=pair,
                    progress=step)
        done += len(indexes)
        parts.append((indexes, group))
    final = in_order(parts, len(files))
    outcome = Outcome(results=final)
    if req.baseline:
        final = _baseline(req, final, outcome, lang)
        outcome.results = final
    reporter = get_reporter(req.fmt)(lang=lang, color=req.color)
    if hasattr(reporter, "fail_on"):
        reporter.fail_on = fail_on  # type: ignore[attr-defined]
    outcome.report = reporter.chunks(final)
    from linter.reporters.text import summary_lines

    counts = Summary.of(final)
    outcome.summary = summary_lines(final, lang, counts)
    found = {"error": counts.errors, "warning": counts.warnings, "info": counts.infos}
    if not files or counts.unreadable:
        outcome.exit_code = EXIT_ERROR
    elif any(n for severity, n in found.items() if SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]):
        outcome.exit_code = EXIT_FINDINGS
    return outcome


def _baseline(req: Request, results: Sequence[FileResult], outcome: Outcome, lang: str) -> Sequence[FileResult]:
    from linter.baseline import apply_baseline, prune_baseline, write_baseline

    path = Path(req.baseline or "")
    if req.write_baseline:
        n = write_baseline(path, results)
        outcome.notes.append(t("baseline_written", lang, n=n, path=path))
        return ResultSpool(replace(r, findings=()) for r in results)
    if not path.is_file():
        raise UsageError(f"{path}: no such baseline file (create it with --write-baseline)")
    kept, stale = apply_baseline(path, results)
    if stale:
        if req.prune_baseline:
            outcome.notes.append(t("pruned", lang, n=prune_baseline(path, stale)))
        else:
            outcome.notes.append(t("stale", lang, n=sum(s.count for s in stale)))
    return kept
