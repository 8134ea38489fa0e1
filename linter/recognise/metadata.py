"""Facts about a report outside its tables: title, issuing body, report year, statistics period,
publication date (《中华人民共和国政府信息公开条例》第四十九条; RL-META-001/002)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterator, Optional

from linter.model import Document, Paragraph
from linter.recognise.edition import EditionEvidence
from linter.recognise.normalize import collapse_spaces, fold_traditional, nfkc_numbers, strip_spaces
from linter.ruleset.facts import format_facts

_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class Title:
    text: str
    block: int
    body: str
    year: int


def _text(p: Paragraph) -> str:
    return collapse_spaces(nfkc_numbers(p.full_text))


def _non_empty(doc: Document) -> Iterator[Paragraph]:
    return (p for p in doc.paragraphs() if p.full_text.strip())


def _last_non_empty(doc: Document, count: int) -> list[Paragraph]:
    """The last ``count`` non-empty paragraphs, in body order, without scanning the whole body."""
    out: list[Paragraph] = []
    for block in reversed(doc.blocks):
        if isinstance(block, Paragraph) and block.full_text.strip():
            out.append(block)
            if len(out) == count:
                break
    return out[::-1]


def find_title(doc: Document, limit: int = 8) -> Optional[Title]:
    """The title paragraph (``<body>YYYY年度政府信息公开工作年度报告``) among the first paragraphs."""
    paras = list(islice(_non_empty(doc), limit + 1))
    for i, p in enumerate(paras[:limit]):
        text = _text(p)
        if len(text) > 80:
            continue
        m = _title().search(fold_traditional(text.replace(" ", "")))
        if not m and i + 1 < len(paras) and len(_text(paras[i + 1])) <= 12:
            # a title wrapped over two lines (「…工作年度报」 / 「告」): read as one
            text = text + _text(paras[i + 1])
            m = _title().search(fold_traditional(text.replace(" ", "")))
        if not m:
            continue
        body = _named_body(m, text.replace(" ", ""))
        if any(word in fold_traditional(body) for word in _CHROME):
            # A portal's breadcrumb before the title (「当前位置： 首页…年报 平潭综合实验区2021年度…」):
            # the body is what follows its last break.
            before = text[: text.find(m.group("year"))] if m.group("year") in text else text
            body = re.split(r"[\s>›»]+", before.strip())[-1].strip("《》 ")
        if not body and i > 0 and len(_text(paras[i - 1])) <= 40:
            body = strip_spaces(_text(paras[i - 1]))  # title split over two lines: body first
        return Title(text, p.index, body, int(m.group("year")))
    return None


def _named_body(m: re.Match[str], compact: str) -> str:
    """The body a title names, as printed in ``compact`` (the title without spaces, which ``m``
    searched folded): what stands before its year, or, when the year comes first (「2019年上海市人民
    政府办公厅政府信息公开工作年度报告」), what follows the year if it ends as a body's or a place's name."""
    body = compact[m.start("body") : m.end("body")].strip("《》 ")
    if body:
        return body
    government, department = _suffixes()
    if m.group("after").endswith((*government, *department, *format_facts().place_suffixes)):
        return compact[m.start("after") : m.end("after")]
    return ""


# 「本报告由淮安市人民政府办公室编制」, 「区管委会办公室编制完成了本报告」: who prepared the report.
_PREPARED = (
    re.compile(r"由(?P<body>[\u4e00-\u9fff（）]{2,30}?)(?:负责)?(?:编制|编写|起草)"),
    re.compile(
        r"(?:^|[，。；])(?P<body>[\u4e00-\u9fff（）]{2,30}?)(?:负责)?(?:编制|编写|起草)(?:完成)?(?:了)?"
        r"(?:本|此)(?:年度)?报告"
    ),
)
_PRONOUNS = ("我", "本", "该", "由")


def preamble_body(doc: Document, limit: int = 8) -> Optional[str]:
    """The issuing body a preamble names as the one that prepared the report (for a title that
    names none): a government's office stands for its government (「淮安市人民政府」)."""
    government, department = _suffixes()
    for p in islice(_non_empty(doc), limit):
        printed = strip_spaces(_text(p))
        text = fold_traditional(printed)
        for pattern in _PREPARED:
            m = pattern.search(text)
            if m is None:
                continue
            body, shown = m.group("body"), printed[m.start("body") : m.end("body")]  # searched, as printed
            if body.startswith(_PRONOUNS) or not body.endswith(department + government):
                continue
            for office in format_facts().government_offices:
                if body.endswith(office) and body[: -len(office)].endswith(government):
                    return shown[: -len(office)]
            return shown
    return None


@lru_cache(maxsize=1)
def _title() -> re.Pattern[str]:
    """A report's title: its body, its year and one of the words it names its subject by
    (rules/format.yaml ``title_words``), then 「年度报告」."""
    words = "|".join(map(re.escape, format_facts().title_words))
    return re.compile(
        rf"^(?P<body>.*?)(?P<year>(?:19|20)\d{{2}})\s*年\s*度?\s*(?:的)?(?P<after>.{{0,12}}?)(?:{words}).{{0,10}}?年度?报告"
    )


@lru_cache(maxsize=1)
def _period() -> re.Pattern[str]:
    """A whole-year statistics period after one of the format's cue words (rules/format.yaml)."""
    cues = "|".join(map(re.escape, format_facts().period_cues))
    return re.compile(
        rf"(?:{cues})[^。；]{{0,12}}?((?:19|20)\d{{2}})年\s*1月\s*1日?\s*(?:起)?\s*(?:至|到|—|－|-)\s*"
        r"(?:((?:19|20)\d{2})年)?\s*12月\s*31日"
    )


def _suffixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """How a government's and a department's names end (rules/format.yaml ``body_kinds``)."""
    facts = format_facts()
    return facts.government_suffixes, facts.department_suffixes


def find_period_year(doc: Document, limit: int = 40) -> Optional[tuple[int, int]]:
    """(year, block) of the statistics-period sentence (「统计期限为YYYY年1月1日至12月31日」)."""
    period = _period()
    for p in islice(_non_empty(doc), limit):
        m = period.search(fold_traditional(strip_spaces(nfkc_numbers(p.full_text))))
        if m:
            return int(m.group(1)), p.index
    return None


@dataclass(frozen=True)
class Identity:
    """The title (if found) and the report year: the title's, else the statistics period's; the
    year the other places agree on when they outvote the title's (``title_outvoted``)."""

    title: Optional[Title]
    year: Optional[int]


_TITLE_KEYS = ("title", "标题")
_CHROME = (
    "当前位置",
    "您的位置",
    "您现在的位置",
    "首页",
)  # a portal page's breadcrumb  # a web page's <title>, a crawler dump's 「标题:」 line


def page_title(doc: Document) -> Optional[Title]:
    """The title a web page keeps in its chrome (<title>, a portal dump's 「标题:」) when its body
    has none: the report's body and year, found as in the body (its block: the first paragraph)."""
    first = next(_non_empty(doc), None)
    for key, value in doc.metadata:
        if fold_traditional(key) not in _TITLE_KEYS:
            continue
        text = collapse_spaces(nfkc_numbers(value))
        compact = text.replace(" ", "")
        m = _title().search(fold_traditional(compact))
        if m and len(text) <= 80:
            body = _named_body(m, compact)
            return Title(text, first.index if first is not None else 0, body, int(m.group("year")))
    return None


def title_outvoted(
    doc: Document, title: Title, evidence: Optional[EditionEvidence]
) -> Optional[tuple[int, tuple[str, ...]]]:
    """The report year and the places that state it when they outvote the year of the body's title
    line, none of them stating the title's: two of the statistics period, the page's own title
    (<title>, 「标题:」) and the file name agree on another year, or one does and the tables are in
    the format edition of that year, not of the title's. A file named a year after the title's is
    named so after its publication as often as not: it counts only when the tables rule the title's
    year out."""
    edition = evidence.by_tables if evidence is not None else None

    def fits(year: int) -> bool:  # the tables are in the edition of ``year``
        return edition is not None and evidence is not None and evidence.expected(year) == edition

    ruled_out = edition is not None and not fits(title.year)
    stated: list[tuple[str, int]] = []
    period = find_period_year(doc)
    if period is not None:
        stated.append(("period", period[0]))
    page = page_title(doc) if doc.format != "pdf" else None  # a PDF's Title: often last year's file's
    if page is not None and page.text != title.text:
        stated.append(("page", page.year))
    named = filename_year(doc.path)
    if named is not None and (named != title.year + 1 or (ruled_out and fits(named))):
        stated.append(("file", named))
    years = [year for _, year in stated]
    if title.year in years:
        return None
    agreed = next((y for y in years if years.count(y) >= 2 or (ruled_out and fits(y))), None)
    if agreed is None:
        return None
    return agreed, tuple(source for source, year in stated if year == agreed)


def identify(doc: Document, evidence: Optional[EditionEvidence] = None) -> Identity:
    title = find_title(doc)
    if title is not None:
        outvoted = title_outvoted(doc, title, evidence)
        return Identity(title, outvoted[0] if outvoted else title.year)
    title = page_title(doc)
    if title is not None:
        return Identity(title, title.year)
    period = find_period_year(doc)
    return Identity(None, period[0] if period else None)


def filename_year(path: str) -> Optional[int]:
    years = {int(y) for y in _YEAR_IN_NAME.findall(Path(path).stem)}
    return years.pop() if len(years) == 1 else None


def body_kind(body: str) -> Optional[str]:
    """``government`` (本级政府: deadline 3月31日), ``department`` (部门: 1月31日) or None (unknown).
    A name that is a place alone (「平潭综合实验区」, 「青山区」) is its government's: the title of
    the place's own report."""
    if not body:
        return None
    body = fold_traditional(body)
    government, department = _suffixes()
    if body.endswith(government):
        return "government"
    if body.endswith(department):
        return "department"
    if body.endswith(format_facts().place_suffixes):
        return "government"
    return None


def find_publication_date(doc: Document) -> Optional[tuple[date, Optional[int]]]:
    """The publication date: reader metadata (``published``), else a date line closing the report."""
    for key, value in doc.metadata:
        if key == "published":
            m = _DATE.search(nfkc_numbers(value))
            if m:
                return _date(m), None
    for p in reversed(_last_non_empty(doc, 4)):
        text = strip_spaces(nfkc_numbers(p.full_text))
        m = _DATE.fullmatch(text)
        if m:
            return _date(m), p.index
    return None


def _date(m: re.Match[str]) -> date:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return date(int(m.group(1)), 12, 31)
