"""Indented JSON written piece by piece, byte for byte what ``json.dumps(value, ensure_ascii=False,
indent=2)`` returns for the whole document, so that a batch's report is never held in memory whole.

A value may contain ``Items`` (an array rendered item by item from an iterable, read once) and
``Later`` (a value computed only when the writer reaches it, e.g. from what the items collected).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Iterator

_INDENT = "  "


class Items:
    """A JSON array whose items (plain JSON values) come from an iterable, rendered one at a time."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


class Later:
    """A value computed when the writer gets to it."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self.compute = compute


def _lazy(value: Any) -> bool:
    if isinstance(value, (Items, Later)):
        return True
    if isinstance(value, dict):
        return any(_lazy(v) for v in value.values())
    if isinstance(value, list):
        return any(_lazy(v) for v in value)
    return False


def _dumps(value: Any, level: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=len(_INDENT))
    return text.replace("\n", "\n" + _INDENT * level) if level else text  # strings never hold a raw newline


def _sequence(pairs: Iterable[tuple[str, Any]], level: int, brackets: str, plain: bool = False) -> Iterator[str]:
    inner = "\n" + _INDENT * (level + 1)
    first = True
    for prefix, value in pairs:
        if plain:
            yield (brackets[0] if first else ",") + inner + prefix + _dumps(value, level + 1)
        else:
            yield (brackets[0] if first else ",") + inner + prefix
            yield from chunks(value, level + 1)
        first = False
    yield brackets if first else "\n" + _INDENT * level + brackets[1]


def chunks(value: Any, level: int = 0) -> Iterator[str]:
    """``value`` as indented JSON, ``level`` deep in the document, in pieces."""
    if isinstance(value, Later):
        value = value.compute()
    if isinstance(value, Items):
        yield from _sequence((("", item) for item in value.items), level, "[]", plain=True)
    elif isinstance(value, dict) and _lazy(value):
        yield from _sequence(((_dumps(k, 0) + ": ", v) for k, v in value.items()), level, "{}")
    elif isinstance(value, list) and _lazy(value):
        yield from _sequence((("", v) for v in value), level, "[]")
    else:
        yield _dumps(value, level)
