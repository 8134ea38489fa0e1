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

glibc also gives memory back to the kernel when the free space at the top of its heap passes the
trim threshold, and serves blocks above the mmap threshold with fresh mappings; both thresholds
start low (128 KB) and rise only with what has been freed. A check's document.xml (300 KB for a
template), the cut copies of it and its tree are each freed before the next file, so the next
file faulted the same pages in again: 53 page faults a check one file after another, and 536
for each file's parse-and-check when the benchmark alternates the floor (a whole part's tree,
~2 MB) with the check (about 1 ms of kernel time per file). With the mmap threshold at 8 MB
and the trim threshold at 32 MB, freed memory up to that size stays in the heap for the next
file: 3 faults a check; peak memory unchanged (32 MB for 300 reports).

Only the process that reportlint owns calls this: the command line and its checking children,
never an import of the library.
"""

from __future__ import annotations

import os

# mallopt parameters: the largest request served from fast bins (0 disables them); free space at
# the top of the heap kept from the kernel; the smallest request served by its own mapping.
_M_MXFAST, _M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = 1, -1, -3
_TRIM_BYTES, _MMAP_BYTES = 32 << 20, 8 << 20
_tuned = False


def tune() -> bool:
    """Turn glibc's fast bins off for this process and keep freed memory for the next file;
    True if the settings took effect (or already had)."""
    global _tuned
    if _tuned:
        return True
    if not is_glibc():
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        _tuned = all([libc.mallopt(_M_MXFAST, 0), libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_BYTES),
                      libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)])
    except (OSError, AttributeError):
        return False
    return _tuned


def is_glibc() -> bool:
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (AttributeError, ValueError, OSError):  # not glibc (macOS, musl, Windows)
        return False
