"""Documents the report cites (RL-CITE-001/002): known titles written exactly, abbreviations used
only once defined, and the format notice of the report year's edition."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator, Mapping, Optional

from linter.checks.draft import Draft
from linter.recognise.report import Report
from linter.ruleset.loader import CheckSpec, RuleSet

# A title in 《》; one level of nesting in 〈〉 or <> (「《关于印发<…格式>的通知》」) is a title too.
_TITLE = re.compile(r"《([^《》]{1,80})》")
_DEFINITION = re.compile(r"(?:简称|下称|以下称)[《“\"「]([^《》“”\"「」]{1,30})[》”\"」]")
_INNER = re.compile(r"[<〈＜]([^<>〈〉＜＞]{1,80})[>〉＞]")


def _titles(text: str) -> Iterator[tuple[int, str]]:
    for m in _TITLE.finditer(text):
        yield m.start(), m.group(1)
        for inner in _INNER.finditer(m.group(1)):
            yield m.start(), inner.group(1)


def _defined(text: str, abbreviation: str) -> bool:
    """Whether ``text`` defines the abbreviation (「以下简称《条例》」, 「下称《条例》」, 「简称“条例”」)."""
    return _definition(abbreviation).search(text) is not None


@lru_cache(maxsize=256)
def _definition(abbreviation: str) -> re.Pattern[str]:
    return re.compile('(?:简称|下称|以下称)[《“"「]?' + re.escape(abbreviation) + '[》”"」]?')


def _meant(title: str, documents: list[Mapping[str, Any]]) -> Optional[Mapping[str, Any]]:
    """The known document a title that is not one of the known titles is an attempt at, if any."""
    return next((d for d in documents if any(title.endswith(w) for w in d.get("resembles", ()))), None)


def check_citation(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    documents: list[Mapping[str, Any]] = list(check.params.get("documents", ()))
    known = {d["title"] for d in documents}
    abbreviations = {a: d for d in documents for a in d.get("abbreviations", ())}
    # A notice is cited by its number or by its document's title (「…年度报告格式（试行）」 is 2019's).
    notices = [
        (re.compile(p), n) for n in check.params.get("notices", ()) for p in (n["pattern"], *n.get("titles", ()))
    ]
    wanted = report.evidence.expected(report.report_year)
    defined: set[str] = set()  # abbreviations defined in the paragraphs read so far
    shorts: set[str] = set()  # every short name the text has defined so far
    reported: set[str] = set()
    meant: dict[str, Optional[Mapping[str, Any]]] = {}  # title -> the known document it is an attempt at
    for para in report.document.paragraphs():
        raw = para.full_text
        if not (("《" in raw and (documents or notices)) or (notices and "号" in raw)):
            continue  # no title and no document number
        text = report.compact_text(para)
        for at, title in _titles(text) if documents else ():
            if title in known or title in reported:
                continue
            doc = abbreviations.get(title)
            if doc is not None:
                # the definition itself (「以下简称《条例》」) or a use after it
                if title not in defined and not _defined(text[: at + len(title) + 2], title):
                    reported.add(title)
                    yield Draft(
                        "undefined",
                        report.location(para.index, text=f"《{title}》"),
                        {"found": title, "title": doc["title"]},
                        expected=doc["title"],
                        actual=title,
                    )
                continue
            if title not in meant:
                meant[title] = _meant(title, documents)
            doc = meant[title]
            if doc is not None and (title in shorts or _defined(text[: at + len(title) + 2], title)):
                continue  # the text's own short name for a document (「以下简称《政府信息公开条例》」)
            if doc is not None:
                reported.add(title)
                yield Draft(
                    "title",
                    report.location(para.index, text=f"《{title}》"),
                    {"found": title, "title": doc["title"]},
                    expected=doc["title"],
                    actual=title,
                )
        if wanted is not None and "notice" not in reported:
            for pattern, notice in notices:
                m = pattern.search(text)
                if m and notice["edition"] != wanted:
                    right = next((n for _p, n in notices if n["edition"] == wanted), None)
                    reported.add("notice")
                    found = m.group(0) if m.group(0).startswith("《") else notice["name"]  # its title, or its number
                    yield Draft(
                        "edition",
                        report.location(para.index, text=m.group(0)),
                        {
                            "found": found,
                            "edition": notice["edition"],
                            "year": report.report_year,
                            "expected": right["name"] if right else wanted,
                        },
                        expected=right["name"] if right else str(wanted),
                        actual=found,
                    )
                    break
        if documents:
            defined.update(a for a in abbreviations if _defined(text, a))
            shorts.update(_DEFINITION.findall(text))
