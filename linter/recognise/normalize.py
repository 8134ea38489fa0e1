"""Text normalisation shared by recognition and value parsing."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Mapping

from linter.ruleset.facts import format_facts

# Brackets, quotes, colons and other punctuation folded to one form before label matching.
_FOLD = str.maketrans(
    {
        "(": "（",
        ")": "）",
        "[": "【",
        "]": "】",
        "“": '"',
        "”": '"',
        "„": '"',
        "＂": '"',
        "「": '"',
        "」": '"',
        "‘": "'",
        "’": "'",
        "＇": "'",
        ":": "：",
        ",": "，",
        ";": "；",
        "．": ".",
        "、": "、",
        "〔": "〔",
        "﹝": "〔",
        "〕": "〕",
        "﹞": "〕",
        "／": "/",
    }
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Whitespace of every kind (what str.isspace() calls whitespace: U+3000, NBSP...) and the
# zero-width characters. Written out as ranges, not as \s: re tests \s and each listed character
# one by one for every character of the text, a range set in one lookup (0.6 -> 0.4 ms over
# 120 narrative paragraphs). tests/test_values.py checks it against str.isspace().
_SPACE_CHARS = "\t-\r\x1c- \x85\xa0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
_SPACE_RE = re.compile(f"[{_SPACE_CHARS}]+")


def strip_spaces(text: str) -> str:
    """Remove every kind of whitespace (labels are split by spaces and line breaks)."""
    return _SPACE_RE.sub("", text)


# Full-width Latin letters (e.g. ＸＸ) to ASCII.
_FULLWIDTH_LATIN = {c: c - 0xFEE0 for c in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


def _composed(*tables: Mapping[int, str | int | None]) -> dict[int, str]:
    """One translation table doing what ``tables`` do one after the other."""
    out: dict[int, str] = {}
    for key in {k for t in tables for k in t}:
        text = chr(key)
        for table in tables:
            text = text.translate(table)
        out[key] = text
    return out


@lru_cache(maxsize=1)
def _label_fold() -> dict[int, str]:
    """Digits and letters to half width, the traditional forms of the template's characters
    (rules/format.yaml ``traditional``) to simplified, punctuation folded: one native pass (a
    per-character Python loop cost ~0.1 µs a character, and narrative paragraphs are hundreds of
    characters long)."""
    traditional = str.maketrans(dict(format_facts().traditional))
    return _composed(_FULLWIDTH_DIGITS, traditional, _FOLD, _FULLWIDTH_LATIN)


@lru_cache(maxsize=1)
def _traditional() -> tuple[re.Pattern[str], dict[int, str]]:
    """A pattern finding any traditional form of rules/format.yaml's ``traditional``, and the table
    folding each to its simplified character."""
    table = format_facts().traditional
    return re.compile("[" + "".join(map(re.escape, table)) + "]"), {ord(t): s for t, s in table.items()}


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds one of the format's traditional forms."""
    return _traditional()[0].search(text) is not None


def fold_traditional(text: str) -> str:
    """``text`` with the format's traditional forms as simplified characters, one for one, so that
    an offset in the result is the same in ``text`` (what a check quotes it takes from ``text``)."""
    found, table = _traditional()
    return text.translate(table) if found.search(text) else text


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """Canonical matching key of a label: no whitespace, folded brackets/quotes/width."""
    return strip_spaces(text).translate(_label_fold())


_NOTE = re.compile(r"（[^（）]+）$")


def without_note(key: str) -> str:
    """A header's label key without the note in brackets that ends it (「采购总金额（万元）」 is
    「采购总金额」); the key unchanged when it has none."""
    return _NOTE.sub("", key)


def collapse_spaces(text: str) -> str:
    """Display form: runs of whitespace collapsed to a single space, trimmed."""
    return _SPACE_RE.sub(" ", text).strip()


# A number token (digits with separators) holding at least one full-width character: the only
# tokens NFKC changes. ASCII-only tokens are skipped by the regex itself, so most text costs one
# native scan and no callback.
# One branch starting with the digit class, so the engine scans for a digit (two top-level
# branches made it try both at every character: twice as slow on long paragraphs).
_WIDE_NUMBER_TOKEN = re.compile(r"[0-9０-９](?:(?<=[０-９])[0-9０-９,，．.]*|[0-9,.]*[０-９，．][0-9０-９,，．.]*)")
# What NFKC does to the characters a number token can hold.
_NUMBER_NFKC = str.maketrans({ch: unicodedata.normalize("NFKC", ch) for ch in "０１２３４５６７８９，．"})


def nfkc_numbers(text: str) -> str:
    """Apply NFKC only inside number tokens (never to labels: ① would become 1)."""
    return _WIDE_NUMBER_TOKEN.sub(lambda m: m.group(0).translate(_NUMBER_NFKC), text)


def fold_minus(text: str) -> str:
    return text.replace("−", "-").replace("－", "-").replace("﹣", "-")


# The words that join two items of a title: 「行政复议、行政诉讼」, 「行政复议与行政诉讼」 and
# 「行政复议和行政诉讼」 are one title; so are 「问题及改进」 and 「问题和改进」.
_JOINERS = re.compile(r"以及|[、与和及]")


def joined_key(key: str) -> str:
    """A label key without the words that join its items (see ``_JOINERS``)."""
    return _JOINERS.sub("", key)
