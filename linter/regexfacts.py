"""What a regular expression's matches must contain, read off its parsed form: lets a caller skip
the regex search of texts that hold none of it, found with a substring search that is much
cheaper (the regex engine tests a leading character class at every position)."""

from __future__ import annotations

import re
from typing import Any, Optional

try:  # the parser behind re.compile: re._parser on 3.11+, sre_parse before
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_C = _sre_parse  # opcode names (LITERAL, IN, BRANCH...) are exported by the parser module


def required_texts(regex: str) -> Optional[tuple[str, ...]]:
    """Texts of which every match of ``regex`` contains at least one, or None if that cannot be
    told (case-insensitive patterns, or no literal text that every match must hold)."""
    try:
        parsed = _sre_parse.parse(regex)
    except (re.error, RecursionError, ValueError, OverflowError):
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        return _sequence(list(parsed))
    except (AttributeError, TypeError, ValueError):  # an unfamiliar parse tree: no shortcut
        return None


def _sequence(items: list[tuple[Any, Any]]) -> Optional[tuple[str, ...]]:
    """The best choice among what a sequence of items requires: each run of literal characters,
    each character class of plain characters, each alternation whose every branch requires
    something. Best: the longest shortest text, then the fewest texts."""
    candidates: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, arg in items:
        if op is _C.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append(("".join(run),))
            run = []
        if op is _C.IN:
            if all(kind is _C.LITERAL for kind, _ in arg):
                candidates.append(tuple(chr(c) for _, c in arg))
        elif op is _C.BRANCH:
            branches = [_sequence(list(branch)) for branch in arg[1]]
            if all(b is not None for b in branches):
                candidates.append(tuple(t for b in branches for t in b))  # type: ignore[union-attr]
        elif op is _C.SUBPATTERN:
            _group, add_flags, _del_flags, inner = arg
            if not (add_flags & (re.IGNORECASE | re.LOCALE)):
                found = _sequence(list(inner))
                if found is not None:
                    candidates.append(found)
    if run:
        candidates.append(("".join(run),))
    if not candidates:
        return None
    return max(candidates, key=lambda texts: (min(map(len, texts)), -len(texts)))
