"""What a check kind yields: a Draft, which the engine turns into a Finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from linter.model import Location


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
    # The relation (its source) a relation finding says fails: dropped when a finding explains it.
    relation: Optional[str] = None
    # The related cells are candidates, one of which is wrong: a sentence quoting one of them is
    # not given a value (the table, not the text, may be wrong).
    uncertain: bool = False
