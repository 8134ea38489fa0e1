"""Cell value conventions of real reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from linter.recognise.values import parse_value


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit", "sign", "count"),
    [
        ("", "blank", None, "", "", False),
        ("\u3000\u3000", "blank", None, "", "", False),
        ("0", "number", "0", "", "", True),
        (" ６４ ", "number", "64", "", "", True),
        ("3,050", "number", "3050", "", "", True),
        ("减3", "number", "-3", "", "减", False),
        ("增151", "number", "151", "", "增", False),
        ("609725.09元", "number", "609725.09", "元", "", False),
        ("24252.31", "number", "24252.31", "", "", False),
        ("1.5", "number", "1.5", "", "", False),
        ("－2", "number", "-2", "", "", False),
        ("无", "text", None, "", "", False),
        ("—", "text", None, "", "", False),
        ("/", "text", None, "", "", False),
        ("12件", "number", "12", "件", "", False),
    ],
)
def test_parse(text: str, kind: str, number: str | None, unit: str, sign: str, count: bool) -> None:
    v = parse_value(text)
    assert v.kind == kind
    assert v.number == (Decimal(number) if number is not None else None)
    assert (v.unit, v.sign_word, v.is_count) == (unit, sign, count)


# ---- nfkc_numbers: the fast form equals NFKC applied to every number token ----------------------

from hypothesis import given, settings, strategies as st  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

from linter.recognise.normalize import nfkc_numbers  # noqa: E402

_ALL_NUMBER_TOKENS = re.compile(r"[0-9０-９][0-9０-９,，．.]*")


def _nfkc_every_token(text: str) -> str:
    return _ALL_NUMBER_TOKENS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0１2３9９,，.．a中 ①２", max_size=16))
def test_nfkc_numbers_equals_nfkc_of_every_token(text: str) -> None:
    assert nfkc_numbers(text) == _nfkc_every_token(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共１２，３４５件", "共12,345件"),
        ("12，其中", "12,其中"),
        ("①项", "①项"),
        ("3.5．", "3.5."),
        ("第２０２１年", "第2021年"),
        ("，１", "，1"),
        ("plain 12,3", "plain 12,3"),
    ],
)
def test_nfkc_numbers_examples(text: str, expected: str) -> None:
    assert nfkc_numbers(text) == expected


def _label_key_reference(text: str) -> str:
    """label_key as first written: the tables one after the other, letters folded char by char."""
    from linter.recognise.normalize import _FOLD, _FULLWIDTH_DIGITS, strip_spaces
    from linter.ruleset.facts import format_facts

    traditional = str.maketrans(dict(format_facts().traditional))
    text = strip_spaces(text).translate(_FULLWIDTH_DIGITS).translate(traditional).translate(_FOLD)
    return "".join(
        chr(ord(ch) - 0xFEE0) if "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a" else ch for ch in text
    )


@given(
    st.text(
        alphabet="（(）)「」“”:：,，．.０９ＡＺａｚＸ資訊總計處复 \u3000\t数a中①\uff20\uff3b\uff40\uff5b", max_size=24
    )
)
def test_label_key_equals_the_step_by_step_folding(text: str) -> None:
    from linter.recognise.normalize import label_key

    assert label_key(text) == _label_key_reference(text)


def test_label_key_examples() -> None:
    from linter.recognise.normalize import label_key

    assert label_key("（一）予以 公开 ＸＸ資訊") == "（一）予以公开XX资讯"
    assert label_key("第二十条(1)：１２") == "第二十条（1）：12"


def test_spaces_stripped_are_every_unicode_whitespace_and_the_zero_width_characters() -> None:
    from linter.recognise.normalize import strip_spaces

    zero_width = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
    expected = {chr(c) for c in range(0x110000) if chr(c).isspace()} | zero_width
    stripped = {chr(c) for c in range(0x110000) if strip_spaces("a" + chr(c) + "b") == "ab"}
    assert stripped == expected and len(expected) == 34
