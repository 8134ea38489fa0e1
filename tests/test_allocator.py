"""linter.allocator: glibc's fast bins are off, and freed memory is kept for the next file, in a
process that called tune(), and only there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import allocator

ROOT = Path(__file__).resolve().parent.parent

# Frees 2,000 small blocks, then prints the bytes glibc holds in fast bins (mallinfo2's fsmblks).
_PROBE = """
import ctypes, sys
from linter import allocator
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                               "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "tune":
    print(allocator.tune(), allocator.tune())
blocks = [libc.malloc(48) for _ in range(2000)]
for b in blocks:
    libc.free(b)
print(libc.mallinfo2().fsmblks)
"""

_GLIBC = allocator.is_glibc()


def _probe(mode: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    return out.stdout.split()


@pytest.mark.skipif(not _GLIBC, reason="glibc only (mallopt, mallinfo2)")
def test_tune_turns_fast_bins_off() -> None:
    assert int(_probe("default")[-1]) > 0  # glibc's default keeps freed small blocks in fast bins
    tuned = _probe("tune")
    assert tuned[:2] == ["True", "True"]  # idempotent
    assert int(tuned[-1]) == 0


@pytest.mark.skipif(_GLIBC, reason="what tune() does without glibc")
def test_tune_is_a_no_op_without_glibc() -> None:
    assert allocator.tune() is False


def test_importing_the_library_does_not_tune() -> None:
    # Only reportlint's own processes (the command line, its checking children) change the allocator.
    code = "import linter.check, linter.allocator as a; print(a._tuned)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_the_check_command_tunes_its_process(tmp_path: Path) -> None:
    code = ("import sys; from click.testing import CliRunner; from linter.cli import main; import linter.allocator as a;"
            "r = CliRunner().invoke(main, ['check', sys.argv[1]]); print(r.exit_code, a._tuned)")
    missing = tmp_path / "none.docx"
    out = subprocess.run([sys.executable, "-c", code, str(missing)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["2", str(_GLIBC)]


# Allocates, touches and frees 4 MB twice; prints the page faults of the second time.
_REUSE = """
import ctypes, resource, sys
from linter import allocator
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "tune":
    assert allocator.tune()
size = 4 << 20
def once():
    block = libc.malloc(size)
    ctypes.memset(block, 1, size)
    libc.free(block)
once()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
once()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not _GLIBC, reason="glibc only (mallopt)")
def test_tune_keeps_freed_memory_for_the_next_file() -> None:
    def faults(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", _REUSE, mode], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
        return int(out.stdout)

    assert faults("default") >= 512  # given back to the kernel, faulted in again (1,024 pages)
    assert faults("tune") < 64  # kept in the heap
