"""Which report is a report's previous year: one body's consecutive years paired by identity, in a
batch or from ``--previous`` (a file or a folder), each decision kept with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

from linter.office.identity import body_key

if TYPE_CHECKING:
    from linter.findings import FileResult

# The status of a decision; all but "paired" mean the year-to-year rules did not run.
PAIRED = "paired"
MISSING = "missing"  # no report of the body's year before in view
AMBIGUOUS = "ambiguous"  # several reports of that year, with different figures
UNKNOWN_BODY = "unknown_body"  # the report names no body (no title)
OTHER_BODY = "other_body"  # --previous FILE is another body's report: refused
WRONG_YEAR = "wrong_year"  # --previous FILE is not of the year before: refused
STATUSES = (PAIRED, MISSING, AMBIGUOUS, UNKNOWN_BODY, OTHER_BODY, WRONG_YEAR)

# When one report of the year before is in view twice (its .docx and its web page, the same
# figures), the copy read most reliably is used.
_FORMAT_ORDER = {"docx": 0, "html": 1, "text": 2, "pdf": 3}


@dataclass(frozen=True)
class Candidate:
    """A report that may be another's previous year."""

    path: str
    body: Optional[str]  # as its title names it
    year: Optional[int]
    digest: Optional[str] = None  # of its tables' figures: equal digests are the same report
    format: Optional[str] = None


@dataclass(frozen=True)
class Pairing:
    """One report's pairing decision."""

    status: str
    previous: Optional[str] = None  # the report paired with, or refused
    previous_body: Optional[str] = None
    previous_year: Optional[int] = None
    others: tuple[str, ...] = ()  # ambiguous: every candidate; paired: the same report's other copies
    explicit: bool = False  # from --previous, not found in the batch

    @property
    def paired(self) -> bool:
        return self.status == PAIRED

    def to_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "previous": self.previous,
            "previous_body": self.previous_body,
            "previous_year": self.previous_year,
            "others": list(self.others),
            "explicit": self.explicit,
        }


def choose(
    body: Optional[str],
    year: Optional[int],
    pool: Sequence[Candidate],
    aliases: Mapping[str, str] = {},
    explicit_file: bool = False,
) -> tuple[Optional[Candidate], Pairing]:
    """The previous-year report of a report (``body``, ``year``) in ``pool``, and the decision.

    ``explicit_file``: the pool is the one file given with --previous. It is used unless it is
    known to be another body's report or of a year that is not the one before (then refused, so
    that no year-to-year finding compares two unrelated reports); a report or a previous year
    whose body is not named is taken at the user's word. Otherwise the previous year must be the
    same body's (by identity: names, prefixes, the roster's other names) of the year before."""
    if explicit_file:
        (cand,) = pool
        seen = dict(previous=cand.path, previous_body=cand.body, previous_year=cand.year, explicit=True)
        if year is not None and cand.year is not None and cand.year != year - 1:
            return None, Pairing(WRONG_YEAR, **seen)  # type: ignore[arg-type]
        key, other = body_key(body, aliases), body_key(cand.body, aliases)
        if key is not None and other is not None and key != other:
            return None, Pairing(OTHER_BODY, **seen)  # type: ignore[arg-type]
        return cand, Pairing(PAIRED, **seen)  # type: ignore[arg-type]
    key = body_key(body, aliases)
    if key is None or year is None:
        return None, Pairing(UNKNOWN_BODY)
    found = [c for c in pool if c.year == year - 1 and body_key(c.body, aliases) == key]
    if not found:
        return None, Pairing(MISSING, previous_body=body, previous_year=year - 1)
    found.sort(key=lambda c: _FORMAT_ORDER.get(c.format or "", 9))
    best = found[0]
    if len({c.digest for c in found}) > 1 or any(c.digest is None for c in found[1:]):
        return None, Pairing(
            AMBIGUOUS, previous_body=best.body, previous_year=year - 1, others=tuple(c.path for c in found)
        )
    return best, Pairing(PAIRED, best.path, best.body, best.year, tuple(c.path for c in found[1:]))


def in_view(year: Optional[int], pool: Sequence[Candidate]) -> bool:
    """Whether a batch holds any report of the year before ``year``: only then is a report without
    its own previous year worth a word (a one-year inbox is not told "missing" for every file)."""
    return year is not None and any(c.year == year - 1 for c in pool)


def describe(result: "FileResult", lang: str) -> str:
    """One line saying how a report's previous year was chosen, or why none was."""
    from linter.i18n import join, t

    p = result.pairing
    assert p is not None
    body = result.pair_key[0] if result.pair_key is not None else t("office.unknown", lang)
    common = dict(
        path=result.path,
        body=body,
        year=result.report_year,
        previous=p.previous,
        previous_body=p.previous_body or t("office.unknown", lang),
        previous_year=p.previous_year,
        others=join(p.others, lang),
        n=len(p.others),
    )
    line = t("office.pairing." + p.status, lang, **common)
    if p.status == PAIRED and p.others:
        line += t("office.pairing.copies", lang, **common)
    return line
