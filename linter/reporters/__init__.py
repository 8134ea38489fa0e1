"""Output formats behind one small base class; ``--format`` choices come from REPORTERS."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

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
        sev = [f.severity for r in results for f in r.findings]
        rules: dict[str, dict[str, int]] = {}
        for r in results:
            for f in r.findings:
                counts = rules.setdefault(f.rule, {})
                counts[f.severity] = counts.get(f.severity, 0) + 1
        with_errors = sum(1 for r in results if any(f.severity == "error" for f in r.findings))
        return cls(len(results), sev.count("error"), sev.count("warning"), sev.count("info"),
                   sum(1 for r in results if r.error is not None), with_errors, dict(sorted(rules.items())))


class Reporter:
    """Render all results of a run to a string."""

    name = ""

    def __init__(self, lang: str = "zh", color: bool = False) -> None:
        self.lang = lang
        self.color = color

    def render(self, results: Sequence[FileResult]) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


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
