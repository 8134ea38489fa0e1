"""The C allocator settings of a process that checks reports (glibc only; elsewhere nothing).

A .docx check builds and frees an lxml tree of tens of thousands of small nodes (libxml2 allocates
them with ``malloc``). glibc puts freed chunks of up to 128 bytes into "fast bins", unmerged, and
merges them all at the next allocation of a larger block (``malloc_consolidate``): for a 300 KB
document.xml that pass touches every freed node, about 1 ms of cache misses landing in whatever
code runs next (it showed up as the title search costing 1.2 ms the first time and 0.03 ms the
second). Without fast bins freed chunks merge as they are freed, next to each other in memory.
Measured on 300 generated .docx (bench/bench.py, the same process): the check 15.0 -> 13.1 ms,
the parse alone (the floor) 6.5-6.8 -> 6.1-6.4 ms. A larger thread cache
(``glibc.malloc.tcache_count``) made both slower (the floor 9.6-12.6 ms) and is not used.

Only the process that reportlint owns calls this: the command line and its checking children,
never an import of the library.
"""

from __future__ import annotations

import os

_M_MXFAST = 1  # mallopt parameter: the largest request served from fast bins; 0 disables them
_tuned = False


def tune() -> bool:
    """Turn glibc's fast bins off for this process; True if the setting took effect (or already had)."""
    global _tuned
    if _tuned:
        return True
    if not is_glibc():
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        _tuned = bool(libc.mallopt(_M_MXFAST, 0))
    except (OSError, AttributeError):
        return False
    return _tuned


def is_glibc() -> bool:
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (AttributeError, ValueError, OSError):  # not glibc (macOS, musl, Windows)
        return False
