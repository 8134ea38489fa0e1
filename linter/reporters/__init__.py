"""Output formats behind one small base class; ``--format`` choices come from REPORTERS."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Optional, Sequence

if TYPE_CHECKING:  # imported lazily: the CLI needs only the registry to start
    from linter.findings import FileResult
    from linter.office.coverage import Coverage
    from linter.office.roster import Roster


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int
    unreadable: int
    files_with_errors: int = 0
    # rule id -> {"error": n, "warning": n, "info": n} (only non-zero counts)
    rules: dict[str, dict[str, int]] = field(default_factory=dict)
    # verdict (linter.verdict.VERDICTS) -> number of files
    verdicts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(
        cls, results: Iterable[FileResult], fail_levels: Optional[Mapping[str, str]] = None, fail_on: str = "error"
    ) -> "Summary":
        """Counted in one pass over the results (which may be read back from disk); a file's
        verdict uses its fail level in ``fail_levels`` (by path), else ``fail_on``."""
        from linter.verdict import VERDICTS, verdict

        sev = {"error": 0, "warning": 0, "info": 0}
        rules: dict[str, dict[str, int]] = {}
        verdicts = dict.fromkeys(VERDICTS, 0)
        unreadable = with_errors = files = 0
        levels = fail_levels or {}
        for r in results:
            files += 1
            unreadable += r.error is not None and not r.skipped
            with_errors += any(f.severity == "error" for f in r.findings)
            verdicts[verdict(r, levels.get(r.path, fail_on))] += 1
            for f in r.findings:
                sev[f.severity] += 1
                counts = rules.setdefault(f.rule, {})
                counts[f.severity] = counts.get(f.severity, 0) + 1
        if not verdicts["skipped"]:  # (present only in runs that skip a file)
            del verdicts["skipped"]
        return cls(
            files,
            sev["error"],
            sev["warning"],
            sev["info"],
            unreadable,
            with_errors,
            dict(sorted(rules.items())),
            verdicts,
        )


@dataclass(frozen=True)
class RunInfo:
    """What a report says about the run itself: its inputs, when it ran and how long it took."""

    inputs: tuple[str, ...] = ()
    elapsed: Optional[float] = None  # seconds
    list_passed: bool = False  # the text summary lists the files that passed
    roster: Optional["Roster"] = None  # the bodies expected: the coverage table 报送情况
    year: Optional[int] = None  # the report year expected (--year); else the most common one
    date: datetime = field(default_factory=datetime.now)


class Reporter:
    """Render all results of a run, piece by piece (a batch's report is written as it is rendered,
    never held whole); ``results`` may be read more than once."""

    name = ""
    binary = False  # writes bytes (``chunks`` yields bytes), e.g. xlsx: never to a terminal
    needs_tables = False  # draws the report's tables: the checking children return them with the result
    defused = True  # shown to people: control and bidirectional characters removed (reporters.defuse)

    def __init__(self, lang: str = "zh", color: bool = False) -> None:
        self.lang = lang
        self.color = color
        self.fail_on = "error"
        self.fail_levels: Mapping[str, str] = {}  # path -> fail level of its configuration group
        self.run_info = RunInfo()
        self.show_positions = False  # --show-positions: block, row and column indexes in the text outputs

    def verdict(self, result: FileResult) -> str:
        from linter.verdict import verdict

        return verdict(result, self.fail_levels.get(result.path, self.fail_on))

    def summary(self, results: Sequence[FileResult]) -> Summary:
        return Summary.of(results, self.fail_levels, self.fail_on)

    def coverage(self, results: Sequence[FileResult]) -> Optional["Coverage"]:
        """报送情况, for a batch or with a roster (None for a single file without one)."""
        info = self.run_info
        if info.roster is None and len(results) < 2:
            return None
        from linter.office.coverage import coverage

        return coverage(results, self.verdict, info.roster, info.year)

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def output(self, results: Sequence[FileResult]) -> Iterator[str]:
        """``chunks`` of the results, defused for a format people read."""
        if self.defused:
            from linter.reporters.defuse import Defused

            results = Defused(results)
        return self.chunks(results)

    def render(self, results: Sequence[FileResult]) -> str:
        return "".join(self.output(results))


# name -> "module:Class"; imported only when chosen. Adding a format is one module and one line here.
REPORTERS: dict[str, str] = {
    "text": "linter.reporters.text:TextReporter",
    "json": "linter.reporters.json_reporter:JsonReporter",
    "sarif": "linter.reporters.sarif:SarifReporter",
    "junit": "linter.reporters.junit:JunitReporter",
    "github": "linter.reporters.ci:GithubReporter",
    "gitlab": "linter.reporters.ci:GitlabReporter",
    "html": "linter.reporters.html.report:HtmlReporter",
    "csv": "linter.reporters.table:CsvReporter",
    "xlsx": "linter.reporters.table:XlsxReporter",
}


def get_reporter(name: str) -> type[Reporter]:
    import importlib

    try:
        module, cls = REPORTERS[name].split(":")
    except KeyError:
        raise KeyError(f"no such output format: {name}") from None
    reporter: type[Reporter] = getattr(importlib.import_module(module), cls)
    return reporter
