"""One verdict per file: 通过 / 不通过 / 读取存疑 / 无法读取, or 已跳过 for a file found in a folder
that is not checked (``FileResult.skipped``: its reason is its ``error``).

``unreadable``: the file could not be read at all (RL-IO-xxx, RL-INT-xxx).
``doubtful``: it was read, but part of it not reliably (an RL-PARSE finding); the other findings
there were dropped, so the verdict needs a person's look before the file is sent back.
``failed``: a finding at or above the fail level. ``passed``: none.
"""

from __future__ import annotations

from linter.findings import SEVERITY_RANK, FileResult

VERDICTS = ("passed", "failed", "doubtful", "unreadable", "skipped")
PARSE_PREFIX = "RL-PARSE-"


def verdict(result: FileResult, fail_on: str = "error") -> str:
    if result.skipped:
        return "skipped"
    if result.error is not None:
        return "unreadable"
    if any(f.rule.startswith(PARSE_PREFIX) for f in result.findings):
        return "doubtful"
    return "failed" if fails(result, fail_on) else "passed"


def fails(result: FileResult, fail_on: str = "error") -> bool:
    """A finding at or above the fail level (whatever the verdict: a doubtful file can fail too)."""
    level = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= level for f in result.findings)
