"""``reportlint serve``: the checks in a browser, for people who do not use a terminal.

A page and a JSON API on a local web server (Starlette on uvicorn), installed with the
``serve`` extra. Only this module may be imported without the extra: it says what is missing.
"""

from __future__ import annotations

import importlib
from typing import Optional

INSTALL = "pip install 'reportlint[serve]'"
_NEEDED = ("starlette", "uvicorn", "python_multipart")


def missing_extra() -> Optional[str]:
    """The message naming the install command when the web stack is not installed, else None."""
    absent = []
    for name in _NEEDED:
        try:
            importlib.import_module(name)
        except ImportError:
            absent.append(name)
    if not absent:
        return None
    return (
        f"reportlint serve 需要额外安装网页服务组件：{INSTALL}\n"
        f"reportlint serve needs the web server extra: {INSTALL} (missing: {', '.join(absent)})"
    )
