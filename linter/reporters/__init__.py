"""Output formats behind one small base class; ``--format`` choices come from REPORTERS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from linter.check import FileResult


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int
    unreadable: int

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> "Summary":
        sev = [f.severity for r in results for f in r.findings]
        return cls(len(results), sev.count("error"), sev.count("warning"), sev.count("info"),
                   sum(1 for r in results if r.error is not None))


class Reporter:
    """Render all results of a run to a string."""

    name = ""

    def __init__(self, lang: str = "zh", color: bool = False) -> None:
        self.lang = lang
        self.color = color

    def render(self, results: Sequence[FileResult]) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


def get_reporter(name: str) -> type[Reporter]:
    from linter.reporters import json_reporter, text

    registry: dict[str, type[Reporter]] = {r.name: r for r in (text.TextReporter, json_reporter.JsonReporter)}
    try:
        return registry[name]
    except KeyError:
        raise KeyError(f"no such output format: {name}") from None


REPORTER_NAMES = ("text", "json")
