"""RL-TPL-001's search: each pattern searched alone gives what one alternation would give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

import linter.simd as simd_module
from linter.checks.content import _compiled, _leftmost
from linter.regexfacts import required_texts
from linter.ruleset import builtin_ruleset

_PATTERNS = next(c for r in builtin_ruleset(2021).rules if r.id == "RL-TPL-001" for c in r.checks).params["patterns"]
_REGEXES = tuple(p["regex"] for p in _PATTERNS)
_ALTERNATION = re.compile("|".join(f"(?P<p{i}>{r})" for i, r in enumerate(_REGEXES)))
# The placeholder pattern as first written, before it was reordered for speed.
_PLACEHOLDER_AS_WRITTEN = re.compile(r"(?<![A-Za-z])(?:[XＸ×╳]{2,}|YYYY)(?![A-Za-z])")
_ALPHABET = "XＸ×╳YyaZ 此处填写在报告（）()文字描述单位名称某〇○\n"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_leftmost_equals_one_alternation(text: str) -> None:
    m = _ALTERNATION.search(text)
    found = _compiled(_REGEXES).leftmost(text)
    if m is None:
        assert found is None
    else:
        assert found is not None
        assert (found[0].span(), found[1]) == (m.span(), int((m.lastgroup or "p0")[1:]))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="XＸ×╳YyaZ1 中", max_size=16))
def test_reordered_placeholder_pattern_matches_as_written(text: str) -> None:
    fast = next(re.compile(r) for r in _REGEXES if r.startswith("[XＸ×╳Y]"))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in _PLACEHOLDER_AS_WRITTEN.finditer(text)]


def test_placeholder_examples() -> None:
    found = _compiled(_REGEXES).leftmost("XX区2021年度报告，负责人YYYY，型号XXL不算")
    assert found is not None and found[0].group(0) == "XX" and _PATTERNS[found[1]]["what"] == "占位符"
    assert _compiled(_REGEXES).leftmost("型号XXL，ABCXX") is None


def test_remembered_answers_are_the_searches_and_stay_bounded() -> None:
    patterns = _compiled(_REGEXES)
    patterns.found.clear()
    short, long_ = "负责人YYYY", "本机关" + "依法公开" * 20 + "XX"
    for text in (short, short, long_, long_, "0", "0"):
        found, fresh = patterns.leftmost(text), _leftmost(patterns.patterns, text)
        assert (found is None) == (fresh is None)
        if found is not None and fresh is not None:
            assert (found[0].span(), found[0].group(0), found[1]) == (fresh[0].span(), fresh[0].group(0), fresh[1])
    assert set(patterns.found) == {short, "0"}  # a narrative paragraph is not kept
    for i in range(patterns.KEPT + 5):
        patterns.leftmost(str(i))
    assert len(patterns.found) <= patterns.KEPT


def test_required_texts_of_the_built_in_patterns() -> None:
    assert [required_texts(r) for r in _REGEXES] == [
        ("文字描述",), ("单位名称", "机关名称", "部门名称", "填写"), ("此处填写", "在此处报告", "此处报告"),
        ("这一项报告本机关",), ("X", "Ｘ", "×", "╳", "Y"), ("某某", "〇〇", "○○")]


@pytest.mark.parametrize("regex, required", [
    ("(?i)abc", None),  # case-insensitive: "ABC" matches without "abc"
    ("a(?i:b)c", ("a",)),  # only the case-sensitive parts count
    ("(ab)?c", ("c",)),  # an optional group requires nothing
    ("x*|y", None), ("(?:ab|c*)d", ("d",)), ("[^ab]c", ("c",)), ("[a-c]", None), (r"\d+件", ("件",)),
    ("(?:甲乙|丙)(丁戊|己)", ("甲乙", "丙")), ("(", None),
])
def test_required_texts_is_none_or_really_required(regex: str, required: object) -> None:
    assert required_texts(regex) == required


_REGEX_PIECES = ("a", "b", "ab", "[ab]", "[^a]", "a?", "(?:a|b)", "(?:ab|c)", "(a)", "b*", "(?i:a)", "c", "(?=b)", "(?<!a)")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_REGEX_PIECES), min_size=1, max_size=5), st.text(alphabet="abcAB", max_size=12))
def test_a_match_holds_one_of_the_required_texts(pieces: list[str], text: str) -> None:
    regex = "".join(pieces)
    required = required_texts(regex)
    if required is not None and re.search(regex, text):
        assert any(r in text for r in required), (regex, text, required)


@pytest.mark.parametrize("simd", [True, False])
def test_long_paragraphs_are_searched_for_what_they_can_hold(simd: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not simd:
        monkeypatch.setattr(simd_module, "Str", None)
    patterns = _compiled(_REGEXES)
    clean = ["本机关" + "依法公开政府信息" * 10, "全年共收到申请" * 12]
    assert patterns.possible_in(clean) == ()
    residue = clean + ["负责同志（单位名称）" + "依法公开" * 20]
    narrowed = patterns.possible_in(residue)
    assert [i for i, _, _ in narrowed] == [1]  # only the pattern needing 单位名称 (or 机关名称...) stays
    found = patterns.leftmost(residue[2], narrowed)
    assert found is not None and found[0].group(0) == "（单位名称）" and found[1] == 1
    assert patterns.possible_in(["XX" + "区" * 70]) and patterns.possible_in([]) == ()
