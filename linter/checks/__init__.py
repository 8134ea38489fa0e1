"""Check kinds: the few Python functions that all YAML rules parameterise.

A check receives the recognised Report and its CheckSpec and yields Drafts; the engine turns
Drafts into Findings (rule id, severity, localised message).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Optional

from linter.model import Location
from linter.recognise.report import Report
from linter.ruleset.loader import CheckSpec, RuleSet


@dataclass(frozen=True)
class Draft:
    variant: str
    location: Location
    params: Mapping[str, Any] = field(default_factory=dict)
    expected: Optional[str] = None
    actual: Optional[str] = None
    related: tuple[Location, ...] = ()
    fix: Optional[str] = None  # the value to write into the cell at ``location``
    # (relation source, anchor location) of relation findings this one accounts for
    explains: tuple[tuple[str, Location], ...] = ()


CheckFn = Callable[[Report, CheckSpec, RuleSet], Iterator[Draft]]
CHECKS: dict[str, CheckFn] = {}


def register(kind: str) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        CHECKS[kind] = fn
        return fn

    return deco


def get_check(kind: str) -> CheckFn:
    if kind not in CHECKS:  # not "if not CHECKS": importing one check module registers only its kinds
        from linter.checks import (  # noqa: F401  (registration)
            cells, citations, content, culprits, equation, meta, narrative, parse, parts, period, structure)
    try:
        return CHECKS[kind]
    except KeyError:
        raise KeyError(f"no such check kind: {kind}") from None
