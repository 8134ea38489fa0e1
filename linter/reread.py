"""Re-read a checked file for presentation (annotated copy, HTML report): its document and the
recognised report, with the rule set the check used. Never raises: None if it cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from linter.check import FileResult
from linter.limits import DEFAULT_LIMITS, Limits
from linter.recognise import Report
from linter.ruleset import RuleSet, builtin_ruleset


def ruleset_of(result: FileResult, ruleset: Optional[RuleSet] = None) -> Optional[RuleSet]:
    """The rule set a result was checked with: the one given, else the edition's built-in one."""
    if ruleset is not None:
        return ruleset
    if result.edition is None:
        return None
    try:
        return builtin_ruleset(result.edition)
    except Exception:  # a broken installation is reported by ``check``, not here
        return None


def reread(result: FileResult, ruleset: Optional[RuleSet] = None, limits: Limits = DEFAULT_LIMITS,
           path: Optional[Path] = None) -> Optional[Report]:
    """The recognised report of ``result``'s file (read again), or None if it is unreadable now."""
    from linter.readers import read_document
    from linter.recognise import recognise

    if result.error is not None:
        return None
    rules = ruleset_of(result, ruleset)
    if rules is None:
        return None
    try:
        doc = read_document(path if path is not None else Path(result.path), limits)
        return recognise(doc, rules)
    except Exception:  # presentation must never crash a run; the check already reported the file
        return None
