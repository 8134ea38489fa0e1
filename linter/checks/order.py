"""Order helpers shared by the section and row checks."""

from __future__ import annotations

from typing import Sequence


def out_of_order(ranks: Sequence[int]) -> set[int]:
    """Indexes of ``ranks`` outside one longest increasing subsequence (what must move)."""
    n = len(ranks)
    if n == 0:
        return set()
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if ranks[j] < ranks[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    end = max(range(n), key=lambda i: (best[i], -i))
    keep: set[int] = set()
    while end != -1:
        keep.add(end)
        end = prev[end]
    return set(range(n)) - keep
