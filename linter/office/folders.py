"""Which folder of the inbox a file came from: its folder relative to the folder given on the
command line (「部门」 for 收件箱/部门/x.docx checked as 收件箱/), else its folder as named."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence


def subfolder(path: str, inputs: Sequence[str]) -> Optional[str]:
    """The file's folder relative to the given folder it was found in ("" at its top); None for a
    file named directly."""
    p = Path(path)
    for raw in inputs:
        root = Path(raw)
        if not root.is_dir():
            continue
        try:
            rel = p.parent.relative_to(root)
        except ValueError:
            try:
                rel = Path(os.path.abspath(p.parent)).relative_to(os.path.abspath(root))
            except ValueError:
                continue
        return rel.as_posix() if rel.parts else ""
    return None


def folder_of(path: str, inputs: Sequence[str]) -> str:
    found = subfolder(path, inputs)
    if found is not None:
        return found
    parent = Path(path).parent
    return parent.as_posix() if parent.parts else ""
