"""How a finding reads to a reviewer, shared by every human-facing output: the 应为/实为 note only
for values the message does not already state, and a quote only when it is the offending text."""

from __future__ import annotations

import re
from typing import Optional

from linter.findings import Finding
from linter.i18n import t
from linter.model import Location

QUOTE_CHARS = 40

_COMPARATOR = re.compile(r"^\s*(?:<=|>=|<|>|≤|≥|!=|≠)")
_IGNORED = re.compile(r"[\s「」《》“”\"'（）()]")


def is_value(text: Optional[str]) -> bool:
    """A value a clerk could type in: a number, a date, a name; not a bound (「<= 21」) and not a
    list of things that are missing (「工作考核、社会评议」)."""
    if text is None or text == "":
        return False
    return not _COMPARATOR.match(text) and "、" not in text and len(text) <= 60


def stated(value: str, message: str) -> bool:
    """Whether the message already says ``value`` (a number only as a whole number: 30 is not in 3050)."""
    v = _IGNORED.sub("", value)
    if not v:
        return True
    m = _IGNORED.sub("", message)
    if (
        v.isdigit()
        and int(v) < 100
        and re.search(r"(?<![一二三四五六七八九十])" + _chinese_number(int(v)) + r"(?![一二三四五六七八九十])", m)
    ):
        return True
    head = r"(?<![\d.])" if v[0].isdigit() else ""
    tail = r"(?![\d.])" if v[-1].isdigit() or v[-1] == "%" else ""
    return re.search(head + re.escape(v) + tail, m) is not None


def _chinese_number(n: int) -> str:
    """12 -> 十二, 6 -> 六 (below 100): how a sentence may write a small count."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def value_parts(f: Finding, lang: str) -> list[str]:
    """「应为 3050」, 「实为 3051」 for each value the message does not already state."""
    parts: list[str] = []
    if is_value(f.expected) and not stated(f.expected or "", f.message):
        parts.append(t("note.expected", lang, value=f.expected))
    if is_value(f.expected) and is_value(f.actual) and not stated(f.actual or "", f.message):
        parts.append(t("note.actual", lang, value=f.actual))
    return parts


def value_note(f: Finding, lang: str) -> str:
    """「（应为 3050，实为 3051）」 with only the parts the message leaves out, or ""."""
    parts = value_parts(f, lang)
    return t("note.wrap", lang, text=t("note.sep", lang).join(parts)) if parts else ""


def correction(f: Finding, lang: str) -> str:
    """「应为 27，实为 28」 for a column of its own (a review sheet's 更正), whatever the message says."""
    if not is_value(f.expected):
        return ""
    parts = [t("note.expected", lang, value=f.expected)]
    if is_value(f.actual):
        parts.append(t("note.actual", lang, value=f.actual))
    return t("note.sep", lang).join(parts)


def with_note(f: Finding, lang: str) -> str:
    """The message and its value note, as one sentence."""
    note = value_note(f, lang)
    return t("note.after", lang, text=f.message, note=note) if note else f.message


def offending_text(loc: Location) -> Optional[str]:
    """The located text when it is what the finding is about; None when it only anchors the finding
    (a section's heading for a finding about the section's content)."""
    if not loc.text or (loc.section is not None and loc.text.strip() == loc.section.strip()):
        return None
    return loc.text


def shown_quote(f: Finding, lang: str) -> str:
    """原文「…」 for a paragraph's offending words the message does not already quote; else ""."""
    loc = f.location
    text = offending_text(loc)
    if text is None or loc.row is not None:  # a cell is found by its row and column
        return ""
    text = " ".join(text.split())
    if stated(text.rstrip("…"), f.message) or stated(text[:QUOTE_CHARS], f.message):
        return ""
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS] + "…"
    return t("quote", lang, text=text)
