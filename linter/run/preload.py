"""What the fork server loads once for every checking child it forks: the checking code and the
compiled built-in rule sets. A child forked from it starts with both, instead of compiling each
rule set again (linter.run.pool)."""

from __future__ import annotations

import linter.run.pool  # noqa: F401 - the checking code


def _compile_builtin() -> None:
    try:
        from linter.ruleset.loader import builtin_editions, builtin_ruleset

        for edition in builtin_editions():
            builtin_ruleset(edition)
    except Exception:  # a broken built-in rule set shows up per file, in the child
        pass


_compile_builtin()
