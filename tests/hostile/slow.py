"""Check functions for the time-limit tests; module level so child processes can import them."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

from linter.run.check import FileError, FileResult, Options, check_file


def by_name(path: Path, options: Options, **kwargs: Any) -> FileResult:
    """Behave according to the file name: sleep, die, crash in native code, hog memory, or check normally."""
    if path.name.startswith("sleep"):
        time.sleep(600)
    if path.name.startswith("segv"):  # a crash inside native code, as a hostile PDF could cause in PDFium
        import ctypes

        ctypes.string_at(0)
    if path.name.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    if path.name.startswith("hog"):
        try:
            block = bytearray(8 * 1024**3)  # over the 2 GB address-space cap of the child
            return FileResult(str(path), error=FileError("TEST", f"allocated {len(block)} bytes"))
        except MemoryError:
            return FileResult(str(path), error=FileError("RL-IO-005", "out of memory"))
    return check_file(path, options, **kwargs)
