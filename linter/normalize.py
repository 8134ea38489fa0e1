"""Text normalisation shared by recognition and value parsing (spec §7.2, §7.4)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
# Whitespace of every kind, including U+3000, NBSP and zero-width characters.
_SPACE_RE = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]+")

# A few traditional forms that occur in the template's labels.
_TRAD = str.maketrans(
    "資訊開請數總計結處議訟複復報務機構業應會與門關則強罰許費規範條項並況確認補維糾審經後訴",
    "资讯开请数总计结处议讼复复报务机构业应会与门关则强罚许费规范条项并况确认补维纠审经后诉",
)


def strip_spaces(text: str) -> str:
    """Remove every kind of whitespace (labels are split by spaces and line breaks)."""
    return _SPACE_RE.sub("", text)


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """Canonical matching key of a label: no whitespace, folded brackets/quotes/width."""
    text = strip_spaces(text).translate(_FULLWIDTH_DIGITS).translate(_TRAD)
    text = text.translate(_FOLD)
    # Full-width Latin letters (e.g. ＸＸ) to ASCII; digits done above.
    text = "".join(
        chr(ord(ch) - 0xFEE0) if "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a" else ch
        for ch in text
    )
    return text


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
