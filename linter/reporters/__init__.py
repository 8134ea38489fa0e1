"""Output formats behind one small base class; ``--format`` choices come from REPORTERS."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:  # imported lazily: the CLI needs only the registry to start
    from linter.check import FileResult


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

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> "Summary":
        """Counted in one pass over the results (which may be read back from disk)."""
        sev = {"error": 0, "warning": 0, "info": 0}
        rules: dict[str, dict[str, int]] = {}
        unreadable = with_errors = 0
        for r in results:
            unreadable += r.error is not None
            with_errors += any(f.severity == "error" for f in r.findings)
            for f in r.findings:
                sev[f.severity] += 1
                counts = rules.setdefault(f.rule, {})
                counts[f.severity] = counts.get(f.severity, 0) + 1
        return cls(len(results), sev["error"], sev["warning"], sev["info"], unreadable, with_errors,
                   dict(sorted(rules.items())))


class Reporter:
    """Render all results of a run, piece by piece (a batch's report is written as it is rendered,
    never held whole); ``results`` may be read more than once."""

    name = ""

    def __init__(self, lang: str = "zh", color: bool = False) -> None:
        self.lang = lang
        self.color = color

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def render(self, results: Sequence[FileResult]) -> str:
        return "".join(self.chunks(results))


# name -> "module:Class"; imported only when chosen. Adding a format is one module and one line here.
REPORTERS: dict[str, str] = {
    "text": "linter.reporters.text:TextReporter",
    "json": "linter.reporters.json_reporter:JsonReporter",
    "sarif": "linter.reporters.sarif:SarifReporter",
    "junit": "linter.reporters.junit:JunitReporter",
    "github": "linter.reporters.ci:GithubReporter",
    "gitlab": "linter.reporters.ci:GitlabReporter",
    "html": "linter.reporters.html:HtmlReporter",
}


def get_reporter(name: str) -> type[Reporter]:
    import importlib

    try:
        module, cls = REPORTERS[name].split(":")
    except KeyError:
        raise KeyError(f"no such output format: {name}") from None
    return getattr(importlib.import_module(module), cls)  # type: ignore[no-any-return]
