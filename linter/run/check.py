"""Check files end to end: read, recognise, pick the edition, run the rules. Never raises.

Year-to-year rules need the same body's previous report: given explicitly (``previous``), or
found in the batch by ``check_files`` (same issuing body, report years N-1 and N).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence, TypeVar, Union

from linter.recognise.edition import choose_edition, table_evidence
from linter.engine.lint import Selection, lint
from linter.errors import InputError, OutOfMemory, input_error_message
from linter.findings import FileError, FileResult
from linter.config.limits import DEFAULT_LIMITS, Limits
from linter.recognise.metadata import identify
from linter.recognise.normalize import fold_traditional, label_key, strip_spaces
from linter.readers import read_document
from linter.readers.hints import Figures, Hints
from linter.recognise.report import ChildrenSum, Report, recognise, tables_only
from linter.ruleset.facts import format_facts
from linter.ruleset.loader import Applies, RuleSet, builtin_editions, builtin_ruleset
from linter.recognise.tableview import table_views
from linter.office.figures import digest, figures_of
from linter.recognise.metadata import preamble_body
from linter.office.pairing import Candidate, Pairing, choose, in_view

if TYPE_CHECKING:
    from linter.office.roster import Roster


@dataclass(frozen=True)
class Options:
    lang: str = "zh"
    edition: Optional[int] = None
    selection: Selection = field(default_factory=Selection)
    limits: Limits = DEFAULT_LIMITS
    ruleset: Optional[RuleSet] = None  # a rule file given with --rules replaces the built-in ones
    extra_rules: tuple[str, ...] = ()  # an organisation's rule files, added to the built-in rule sets
    # (glob, rule patterns): rules ignored for the files the glob matches (configuration); a glob
    # is relative to ``config_dir``, the configuration file's folder
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    config_dir: Optional[str] = None
    keep_tables: bool = False  # return tables 2–4 with the result (the HTML report draws them)
    keep_figures: bool = False  # return tables 2–4's cells as values with the result (the export)
    # A roster's names: the identity key of each name or other name -> its body's key (pairing).
    body_aliases: tuple[tuple[str, str], ...] = ()
    # The office's roster: its parents and children for the roll-up rule (RL-X-002), in a batch.
    roster: Optional["Roster"] = None
    show_positions: bool = False  # Word comments name block, row and column indexes (--show-positions)

    def selection_for(self, path: Path) -> Selection:
        if not self.per_file_ignores:
            return self.selection
        names = _relative_names(path, self.config_dir)
        extra = tuple(p for glob, patterns in self.per_file_ignores if _matches(names, glob) for p in patterns)
        if not extra:
            return self.selection
        return Selection(self.selection.select, self.selection.ignore + extra, self.selection.severity)

    def editions(self) -> tuple[Applies, ...]:
        """The editions a report's tables and year are told apart by: the bundled ones, and a
        rule file's own given with --rules."""
        known = {e: builtin_ruleset(e, self.extra_rules).applies for e in builtin_editions()}
        if self.ruleset is not None and self.ruleset.applies is not None:
            known[self.ruleset.applies.edition] = self.ruleset.applies
        return tuple(a for a in known.values() if a is not None)

    def ruleset_for(self, edition: int) -> RuleSet:
        if self.ruleset is not None:
            return self.ruleset
        return builtin_ruleset(edition, self.extra_rules)


def _relative_names(path: Path, base: Optional[str]) -> list[str]:
    """The file's path relative to the configuration's folder, however it was named (relative,
    ``.``, absolute, through a symlinked folder); its name alone when it lies outside that folder."""
    import os

    names: list[str] = []
    if base is not None:
        for candidate in (Path(os.path.abspath(path)), path.resolve()):
            for root in (Path(base), Path(base).resolve()):
                try:
                    rel = candidate.relative_to(root).as_posix()
                except ValueError:
                    continue
                if rel not in names:
                    names.append(rel)
    return names or [path.name]


def _matches(names: list[str], glob: str) -> bool:
    """A glob with a folder matches the relative path; a bare one (``*.pdf``) any file of that name."""
    from fnmatch import fnmatch

    glob = glob.removeprefix("./")
    if "/" not in glob:
        return any(fnmatch(n.rsplit("/", 1)[-1], glob) for n in names)
    return any(fnmatch(n, glob.lstrip("/")) for n in names)


@lru_cache(maxsize=1)
def reader_hints() -> Hints:
    """For the text reader: the section titles and aliases of the built-in rule sets, compared by
    their label keys; the tables' signature labels; each part's number and key words; what a figure
    may carry and what a report calls itself (rules/format.yaml)."""
    titles: list[str] = []
    words: list[str] = []  # the tables' signature labels
    parts: dict[str, list[str]] = {}  # part number -> its key words
    for edition in builtin_editions():
        ruleset = builtin_ruleset(edition)
        for section in ruleset.sections:
            keywords = parts.setdefault(section.number, [])
            keywords += [k for k in section.keywords if k not in keywords]
            for title in (section.title, *section.aliases):
                if title not in titles:
                    titles.append(title)
        for table in ruleset.tables.values():
            words += [w for w in table.signature if w not in words]
    facts = format_facts()
    return Hints(
        tuple(titles),
        label_key,
        tuple(words),
        tuple((n, tuple(k)) for n, k in parts.items()),
        Figures(facts.units, facts.change_words, fold_traditional),
        facts.report_names,
        fold_traditional,
    )


def _error(path: str, code: str, detail: object, lang: str, debug: Optional[str] = None) -> FileResult:
    return FileResult(path, error=FileError(code, input_error_message(code, detail, lang), debug))


@dataclass(frozen=True)
class PreviousYears:
    """Last year's reports given with --previous (a file, or a folder's files as tables only):
    each checked report takes its own body's report of the year before among them."""

    reports: tuple[Report, ...]
    explicit_file: bool = False  # one file named: used unless it is known to be the wrong one

    def candidates(self) -> list[Candidate]:
        return [
            Candidate(
                r.document.path,
                r.title.body if r.title else None,
                r.report_year,
                digest(figures_of(r)),
                r.document.format,
            )
            for r in self.reports
        ]

    def choose(
        self, body: Optional[str], year: Optional[int], aliases: dict[str, str]
    ) -> tuple[Optional[Report], Pairing]:
        pool = self.candidates()
        chosen, pairing = choose(body, year, pool, aliases, self.explicit_file)
        pairing = replace(pairing, explicit=True)
        report = next((r for r in self.reports if chosen is not None and r.document.path == chosen.path), None)
        return report, pairing


Previous = Union[Report, PreviousYears, None]
_T = TypeVar("_T")


def _guarded(display: str, options: Options, work: Callable[[], _T]) -> Union[_T, FileResult]:
    """``work()``, or the error result of the file it reads (never raises)."""
    try:
        return work()
    except InputError as exc:
        return _error(display, exc.code, exc.detail, options.lang)
    except RecursionError:
        return _error(display, "RL-IO-005", "nesting too deep", options.lang)
    except MemoryError:
        memory = OutOfMemory(options.limits.max_memory_bytes)
        return _error(display, memory.code, memory.detail, options.lang)
    except Exception as exc:  # a bug: report it per file, never a traceback on the terminal
        return _error(display, "RL-INT-001", type(exc).__name__, options.lang, traceback.format_exc())


def _recognised(path: Path, options: Options, previous: Previous) -> tuple[Report, RuleSet, int, Optional[Pairing]]:
    """Read ``path`` and recognise it: the report, its edition's rule set and the edition, and how
    --previous was chosen for it."""
    doc = read_document(path, options.limits, reader_hints())
    evidence = table_evidence(doc, options.editions())
    identity = identify(doc, evidence)
    year = identity.year
    pairing = None
    if isinstance(previous, PreviousYears):
        body = identity.title.body if identity.title is not None else None
        previous, pairing = previous.choose(body, year, dict(options.body_aliases))
    if options.ruleset is not None and options.ruleset.edition:
        edition = options.ruleset.edition
    else:
        edition = choose_edition(year, evidence, options.edition)
    ruleset = options.ruleset_for(edition)
    return recognise(doc, ruleset, evidence, previous, identity), ruleset, edition, pairing


def _check(
    path: Path, options: Options, previous: Previous, snapshot: bool = True, children: Optional[ChildrenSum] = None
) -> tuple[FileResult, Optional[Report]]:
    """The result and, if ``snapshot``, the report's tables for use as another's previous year;
    ``children``: the sum of the body's children's tables (the roll-up rule)."""
    display = str(path)

    def work() -> tuple[FileResult, Optional[Report]]:
        report, ruleset, edition, pairing = _recognised(path, options, previous)
        if children is not None:
            report = replace(report, children=children)
        findings = lint(report, ruleset, options.lang, options.selection_for(path))
        before = report.previous
        used = before.document.path if before is not None else None
        views = table_views(report) if options.keep_tables else ()
        figures = figures_of(report)
        return (
            FileResult(
                display,
                report.document.format,
                edition,
                report.report_year,
                None,
                tuple(findings),
                used,
                views,
                pairing_key(report),
                pairing,
                digest(figures),
                figures if options.keep_figures else (),
            ),
            tables_only(report) if snapshot else None,
        )

    done = _guarded(display, options, work)
    return (done, None) if isinstance(done, FileResult) else done


def check_file(
    path: Path,
    options: Options = Options(),
    previous: Previous = None,
    previous_path: Optional[str] = None,
    children: Optional[ChildrenSum] = None,
) -> FileResult:
    """Check one file; ``previous`` (tables of last year's report, taken as given, or the
    --previous reports to choose from) or ``previous_path`` (its file) enables the year-to-year
    rules, ``children`` (the sum of its children's tables, from the batch) the roll-up rule."""
    if previous is None and previous_path is not None:
        previous, failed = read_previous(Path(previous_path), options)
        if failed is not None:
            previous = None  # an unreadable previous report only disables the year-to-year rules
    return _check(path, options, previous, snapshot=False, children=children)[0]


@dataclass(frozen=True)
class Snapshot(FileResult):
    """A previous year's result with its tables, as a checking child sends it back."""

    report: Optional[Report] = field(default=None, compare=False, repr=False)


def snapshot(path: Path, options: Options, **kwargs: object) -> FileResult:
    """Check ``path`` and keep its tables (a check function for a child: linter.run.previous)."""
    result, report = _check(path, options, None)
    return Snapshot(**{f.name: getattr(result, f.name) for f in fields(FileResult)}, report=report)


def read_previous(path: Path, options: Options) -> tuple[Optional[Report], Optional[FileResult]]:
    """Read a previous year's report in this process: its tables, or the error result. It is
    recognised, not checked: its own findings are not wanted."""
    done = _guarded(str(path), options, lambda: tables_only(_recognised(path, options, None)[0]))
    return (None, done) if isinstance(done, FileResult) else (done, None)


def pairing_key(report: Report) -> Optional[tuple[str, int]]:
    """(issuing body, report year): the body named in the title, else in the preamble (「…人民政府
    办公室编制了本报告」)."""
    if report.report_year is None:
        return None
    body = report.title.body if report.title is not None and report.title.body else preamble_body(report.document)
    return (strip_spaces(body), report.report_year) if body else None


def candidates(results: Sequence[FileResult]) -> list[Candidate]:
    return [
        Candidate(r.path, r.pair_key[0], r.pair_key[1], r.digest, r.format) for r in results if r.pair_key is not None
    ]


def pair_decisions(
    results: Sequence[FileResult], aliases: Sequence[tuple[str, str]] = ()
) -> dict[int, tuple[Optional[str], Pairing]]:
    """Result index -> (path of the same body's previous-year report in the batch, or None; the
    decision), for each report whose year before the batch holds reports of. Two files of that
    year with the same figures (a .docx and its web page) are one report; with different figures
    the pairing is ambiguous and not made."""
    pool = candidates(results)
    names = dict(aliases)
    out: dict[int, tuple[Optional[str], Pairing]] = {}
    for i, r in enumerate(results):
        if r.previous is not None or r.error is not None:
            continue
        year = r.pair_key[1] if r.pair_key is not None else r.report_year
        if not in_view(year, pool):
            continue
        chosen, pairing = choose(r.pair_key[0] if r.pair_key else None, year, pool, names)
        out[i] = (chosen.path if chosen is not None else None, pairing)
    return out


def plan_pairs(results: Sequence[FileResult], aliases: Sequence[tuple[str, str]] = ()) -> dict[int, str]:
    """Result index -> path of the same body's previous-year report found in the same batch."""
    return {i: path for i, (path, _) in pair_decisions(results, aliases).items() if path is not None}


def unpaired(
    results: Sequence[FileResult], decisions: dict[int, tuple[Optional[str], Pairing]]
) -> dict[int, FileResult]:
    """The results whose decision is not to pair, with the decision recorded."""
    return {i: replace(results[i], pairing=p) for i, (path, p) in decisions.items() if path is None}


def rollup_targets(results: Sequence[FileResult], paths: Sequence[Path], options: Options) -> dict[int, ChildrenSum]:
    """Result index -> the sum of its children's tables, for each parent body's report in the
    batch (the options' roster) that the roll-up rule is selected for; read after every file is."""
    if options.roster is None:
        return {}
    from linter.office.rollup import children_sums

    out: dict[int, ChildrenSum] = {}
    for i, sums in children_sums(results, options.roster).items():
        edition = results[i].edition
        if edition is None:
            continue
        rules = [r for r in options.ruleset_for(edition).rules if any(c.name == "rollup" for c in r.checks)]
        if any(options.selection_for(paths[i]).enabled(r) for r in rules):
            out[i] = sums
    return out


def check_files(
    paths: Sequence[Path], options: Options = Options(), previous: Previous = None, pair_years: bool = True
) -> list[FileResult]:
    """Check a batch in order, in this process. With ``pair_years``, a report whose body's previous
    year is also in the batch is checked against it (RL-X-001 and the other year-to-year rules);
    with a roster, a parent's report against its children's (RL-X-002, when selected)."""
    snapshots: dict[str, Report] = {}
    results: list[FileResult] = []
    for path in paths:
        result, snapshot = _check(path, options, previous)
        results.append(result)
        if snapshot is not None:
            snapshots[result.path] = snapshot
    before_of: dict[int, Report] = {}
    if pair_years and previous is None:
        decisions = pair_decisions(results, options.body_aliases)
        for i, result in unpaired(results, decisions).items():
            results[i] = result
        for i, (before, pairing) in decisions.items():
            if before is not None:
                before_of[i] = snapshots[before]
                results[i] = replace(_check(paths[i], options, snapshots[before], snapshot=False)[0], pairing=pairing)
    for i, sums in rollup_targets(results, paths, options).items():
        again = _check(paths[i], options, before_of.get(i, previous), snapshot=False, children=sums)[0]
        results[i] = replace(again, pairing=results[i].pairing)
    return results
