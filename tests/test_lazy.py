"""linter.lazy: ``cached`` computes once per instance; ``by_identity`` once per set of sources;
``remembered`` once per key, within a bound."""

from __future__ import annotations

from dataclasses import dataclass

from linter.lazy import by_identity, cached, remembered


@dataclass(frozen=True)
class _Box:
    value: int

    @cached
    def doubled(self) -> list[int]:
        return [self.value * 2]


def test_cached_computes_once_per_instance_even_when_frozen() -> None:
    box = _Box(3)
    assert box.doubled == [6] and box.doubled is box.doubled
    assert _Box(3).doubled is not box.doubled


def test_by_identity_builds_once_per_sources_and_stays_bounded() -> None:
    cache: dict[tuple[int, ...], tuple[tuple[object, ...], list[int]]] = {}
    calls: list[str] = []

    def build(tag: str) -> list[int]:
        calls.append(tag)
        return [len(calls)]

    a, b = ["rule"], ["rule"]  # equal, not identical: each has its own entry
    first = by_identity(cache, (a,), lambda: build("a"))
    assert by_identity(cache, (a,), lambda: build("a again")) is first
    assert by_identity(cache, (b,), lambda: build("b")) is not first
    assert by_identity(cache, (a, b), lambda: build("a, b")) == [3]
    assert calls == ["a", "b", "a, b"]
    assert all(entry[0] in ((a,), (b,), (a, b)) for entry in cache.values())  # the sources are kept alive
    for i in range(10):
        by_identity(cache, (object(),), lambda: build("other"), bound=4)
    assert len(cache) <= 4


def test_remembered_computes_once_per_key_and_stays_bounded() -> None:
    memo: dict[str, int] = {}
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return len(key)

    assert remembered(memo, "abc", lambda: compute("abc")) == 3
    assert remembered(memo, "abc", lambda: compute("abc")) == 3
    assert calls == ["abc"]
    for i in range(10):
        remembered(memo, str(i), lambda: compute("n"), bound=4)
    assert len(memo) <= 4 and memo["9"] == 1
