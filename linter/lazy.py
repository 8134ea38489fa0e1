"""``cached``: ``functools.cached_property`` without the lock; ``by_identity``: what is derived
from parts of a rule set, once per process; ``remembered``: a bounded memo of answers.

Up to Python 3.11, ``cached_property`` takes a lock on every first access (3.12 removed it as a
design error): about 2 µs each, and the model and the relation checks make hundreds of first
accesses per report. The linter runs one thread per process, so the lock buys nothing.
Same behaviour otherwise: computed once, stored in the instance ``__dict__`` (so it also works on
frozen dataclasses), and a non-data descriptor, so later reads are plain attribute reads.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, Hashable, Optional, TypeVar, overload

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class cached(Generic[T]):  # noqa: N801 - used like a decorator, as functools.cached_property
    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: Optional[type] = None) -> "cached[T]": ...

    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> T: ...

    def __get__(self, obj: Optional[object], owner: Optional[type] = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


def by_identity(cache: dict[tuple[int, ...], tuple[tuple[object, ...], T]], sources: tuple[object, ...],
                build: Callable[[], T], bound: int = 256) -> T:
    """What ``build`` derives from ``sources`` (parts of a rule set: built once, used for every
    report), computed once per process. Keyed by the sources' identities, which stay theirs
    because the entry keeps the sources alive; ``cache`` is cleared when it holds ``bound``
    entries, so a long-lived process loading many rule sets stays bounded."""
    key = tuple(map(id, sources))
    found = cache.get(key)
    if found is not None:
        return found[1]
    value = build()
    if len(cache) >= bound:
        cache.clear()
    cache[key] = (sources, value)
    return value


def remembered(memo: dict[K, T], key: K, compute: Callable[[], T], bound: int = 16384) -> T:
    """``memo[key]``, computed by ``compute`` the first time; ``memo`` is cleared when it holds
    ``bound`` answers (reports repeat their labels, but a long batch must not grow it)."""
    if key in memo:
        return memo[key]
    if len(memo) >= bound:
        memo.clear()
    value = memo[key] = compute()
    return value
