"""What a check kind yields: a Draft, which the engine turns into a Finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Optional

from linter.model import Location

if TYPE_CHECKING:
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


CheckFn = Callable[["Report", "CheckSpec", "RuleSet"], Iterator[Draft]]
