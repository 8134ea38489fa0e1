"""Documents the report cites (RL-CITE-001/002): known titles written exactly, abbreviations used
only once defined, and the format notice of the report year's edition."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from linter.checks.draft import Draft
from linter.checks.kind import Kind, regex
from linter.recognise.report import Report
from linter.ruleset.specs import RuleSet

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
    """Whether ``text`` defines the abbreviation (「以下简称《条例》」, 「下称《条例》」, 「简称“条例”」):
    简称 or 下称 (以下称 ends with it), an opening mark or none, then the abbreviation."""
    return any(f"{word}{mark}{abbreviation}" in text for word in _DEFINING for mark in _OPENING)


_DEFINING = ("简称", "下称")
_OPENING = ("", "《", "“", '"', "「")


@dataclass(frozen=True)
class Document:
    title: str  # the exact title, without 《》
    abbreviations: tuple[str, ...] = ()  # short titles accepted once the text defines them
    resembles: tuple[str, ...] = ()  # a cited title ending with one of these means this document


@dataclass(frozen=True)
class Notice:
    name: str
    pattern: str
    edition: int
    titles: tuple[str, ...] = ()  # patterns of the titles the notice is cited by


@dataclass(frozen=True)
class CitationParams:
    documents: tuple[Document, ...] = ()
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True)
class CompiledCitations:
    documents: tuple[Document, ...]
    known: frozenset[str]
    abbreviations: dict[str, Document]
    # A notice is cited by its number or by its document's title (「…年度报告格式（试行）」 is 2019's).
    notices: tuple[tuple[re.Pattern[str], Notice], ...]


class Citation(Kind[CitationParams, CompiledCitations]):
    """Documents the report cites: titles exact, abbreviations defined, the right format notice."""

    Params = CitationParams

    def compile(self, params: CitationParams, ruleset: RuleSet) -> CompiledCitations:
        notices = tuple(
            (regex(p, f"notices[{i}]." + ("pattern" if j == 0 else f"titles[{j - 1}]")), n)
            for i, n in enumerate(params.notices)
            for j, p in enumerate((n.pattern, *n.titles))
        )
        return CompiledCitations(
            params.documents,
            frozenset(d.title for d in params.documents),
            {a: d for d in params.documents for a in d.abbreviations},
            notices,
        )

    def run(self, report: Report, compiled: CompiledCitations) -> Iterator[Draft]:
        return _citations(report, compiled)


def _meant(title: str, documents: tuple[Document, ...]) -> Optional[Document]:
    """The known document a title that is not one of the known titles is an attempt at, if any."""
    return next((d for d in documents if any(title.endswith(w) for w in d.resembles)), None)


def _citations(report: Report, compiled: CompiledCitations) -> Iterator[Draft]:
    documents, known, abbreviations, notices = (
        compiled.documents,
        compiled.known,
        compiled.abbreviations,
        compiled.notices,
    )
    wanted = report.evidence.expected(report.report_year)
    defined: set[str] = set()  # abbreviations defined in the paragraphs read so far
    shorts: set[str] = set()  # every short name the text has defined so far
    reported: set[str] = set()
    meant: dict[str, Optional[Document]] = {}  # title -> the known document it is an attempt at
    for para in report.document.paragraphs():
        raw = report.fold(para.full_text)
        if not (("《" in raw and (documents or notices)) or (notices and "号" in raw)):
            continue  # no title and no document number
        text, printed = report.folded_text(para), report.compact_text(para)  # searched, quoted
        titles = _titles(text) if documents else iter(())
        # each title as printed too: the same one, unless traditional forms were folded
        shown_titles = _titles(printed) if text is not printed else None
        for at, title in titles:
            shown = next(shown_titles)[1] if shown_titles is not None else title
            if title in known or title in reported:
                continue
            doc = abbreviations.get(title)
            if doc is not None:
                # the definition itself (「以下简称《条例》」) or a use after it
                if title not in defined and not _defined(text[: at + len(title) + 2], title):
                    reported.add(title)
                    yield Draft(
                        "undefined",
                        report.location(para.index, text=f"《{shown}》"),
                        {"found": shown, "title": doc.title},
                        expected=doc.title,
                        actual=shown,
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
                    report.location(para.index, text=f"《{shown}》"),
                    {"found": shown, "title": doc.title},
                    expected=doc.title,
                    actual=shown,
                )
        if wanted is not None and "notice" not in reported:
            for pattern, notice in notices:
                m = pattern.search(text)
                if m and notice.edition != wanted:
                    right = next((n for _p, n in notices if n.edition == wanted), None)
                    reported.add("notice")
                    quoted = printed[m.start() : m.end()]
                    found = quoted if quoted.startswith("《") else notice.name  # its title, or its number
                    yield Draft(
                        "edition",
                        report.location(para.index, text=quoted),
                        {
                            "found": found,
                            "edition": notice.edition,
                            "year": report.report_year,
                            "expected": right.name if right else wanted,
                        },
                        expected=right.name if right else str(wanted),
                        actual=found,
                    )
                    break
        if documents:
            defined.update(a for a in abbreviations if _defined(text, a))
            shorts.update(_DEFINITION.findall(text))
