"""RL-TPL-001's search: each pattern searched alone gives what one alternation would give."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from linter.checks.content import _leftmost
from linter.ruleset.loader import builtin_ruleset

_CHECK = next(c for r in builtin_ruleset(2021).rules if r.id == "RL-TPL-001" for c in r.checks)
_REGEXES = tuple(p.regex for p in _CHECK.params.patterns)
_ALTERNATION = re.compile("|".join(f"(?P<p{i}>{r})" for i, r in enumerate(_REGEXES)))
# The placeholder pattern as first written, before it was reordered for speed.
_PLACEHOLDER_AS_WRITTEN = re.compile(r"(?<![A-Za-z])(?:[XＸ×╳]{2,}|YYYY)(?![A-Za-z])")
_ALPHABET = "XＸ×╳YyaZ 此处填写在报告（）()文字描述单位名称某〇○\n"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_leftmost_equals_one_alternation(text: str) -> None:
    m = _ALTERNATION.search(text)
    found = _leftmost(_CHECK.compiled.patterns, text)
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
    found = _leftmost(_CHECK.compiled.patterns, "XX区2021年度报告，负责人YYYY，型号XXL不算")
    assert found is not None and found[0].group(0) == "XX" and _CHECK.params.patterns[found[1]].what == "占位符"
    assert _leftmost(_CHECK.compiled.patterns, "型号XXL，ABCXX") is None
