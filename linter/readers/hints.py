"""What a reader may be told about the text it reads: the section titles that can start a heading.

Plain-text dumps of web pages sometimes run a whole report into one line; the text reader splits
such a line where a section title starts. The titles come from the rule sets (data), so the
reader itself knows no regulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Hints:
    headings: tuple[str, ...] = ()  # section titles and their variants, without the number (「总体情况」)


@lru_cache(maxsize=1)
def default_hints() -> Hints:
    """The section titles and aliases of the built-in rule sets."""
    from linter.ruleset.loader import builtin_editions, builtin_ruleset

    titles: list[str] = []
    for edition in builtin_editions():
        for section in builtin_ruleset(edition).sections:
            for title in (section.title, *section.aliases):
                if title not in titles:
                    titles.append(title)
    return Hints(tuple(titles))
