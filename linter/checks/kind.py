"""What a check kind is: a class with typed parameters, compiled once with its rule set, run on
each report, and the traits the engine reads instead of the kind's name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Iterator, TypeVar

from linter.checks.draft import Draft
from linter.i18n import English, Msg

if TYPE_CHECKING:
    from linter.recognise.report import Report
    from linter.ruleset.specs import RuleSet

P = TypeVar("P")
C = TypeVar("C")


@dataclass(frozen=True)
class Traits:
    """How the engine treats a kind's drafts."""

    # Its findings are about what the reader could not read: kept inside unreadable regions (where
    # every other finding is dropped), and beside a verdict.
    reads_unreadable: bool = False
    # Its findings rest on a table's words, not its cells: a table whose cells could not be split
    # still shows its header words (the edition's signatures), so they are kept inside it.
    reads_words: bool = False
    # It decides whether the file is a report at all: a finding of it replaces every other.
    verdict: bool = False
    # Its findings are about table cells: a sentence quoting a cell is judged against them, never
    # the other way round.
    judges_table: bool = False
    # Variants that say something is missing which a picture the reader cannot read may hold:
    # dropped while the document has such a picture.
    may_be_pictured: frozenset[str] = frozenset()
    # Its findings on a table of the other edition are dropped (the edition rule names that table).
    own_edition_only: bool = False


@dataclass(frozen=True)
class NoParams:
    """A kind that takes no parameters."""


class Kind(Generic[P, C]):
    """A check kind. ``Params`` is the dataclass its rule-file parameters are read into;
    ``compile`` runs once when the rule set loads (raise ``linter.ruleset.params.ParamError`` for a
    parameter it cannot take); ``run`` yields the drafts for one report."""

    Params: ClassVar[type[Any]] = NoParams
    traits: ClassVar[Traits] = Traits()

    def compile(self, params: P, ruleset: RuleSet) -> C:
        return params  # type: ignore[return-value]  # a kind whose parameters need no compiling

    def run(self, report: Report, compiled: C) -> Iterator[Draft]:
        raise NotImplementedError


def known_table(ruleset: RuleSet, key: str, at: str = "table") -> str:
    """``key`` if the rule set has that table (a compile step's check)."""
    from linter.ruleset.params import ParamError

    if key not in ruleset.tables:
        raise ParamError(at, Msg.of("param.unknown_table", key=key))
    return key


def regex(pattern: str, at: str) -> re.Pattern[str]:
    """The pattern compiled (a compile step's), or a ParamError naming the parameter."""
    from linter.ruleset.params import ParamError

    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ParamError(at, Msg.of("param.regex", detail=English(str(exc), Msg.of("param.regex_detail")))) from None
