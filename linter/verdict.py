"""One verdict per checked file: 通过 / 不通过 / 读取存疑 / 无法读取.

``unreadable``: the file could not be read at all (RL-IO-xxx, RL-INT-xxx).
``doubtful``: it was read, but part of it not reliably (an RL-PARSE finding); the other findings
there were dropped, so the verdict needs a person's look before the file is sent back.
``failed``: a finding at or above the fail level. ``passed``: none.
"""

from __future__ import annotations

from linter.findings import SEVERITY_RANK, FileResult

VERDICTS = ("passed", "failed", "doubtful", "unreadable")
PARSE_PREFIX = "RL-PARSE-"


def verdict(result: FileResult, fail_on: str = "error") -> str:
    if result.error is not None:
        return "unreadable"
    if any(f.rule.startswith(PARSE_PREFIX) for f in result.findings):
        return "doubtful"
    return "failed" if fails(result, fail_on) else "passed"


def fails(result: FileResult, fail_on: str = "error") -> bool:
    """A finding at or above the fail level (whatever the verdict: a doubtful file can fail too)."""
    level = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= level for f in result.findings)
