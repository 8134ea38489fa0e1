"""Element lookups for the readers' inner loops.

lxml's ``find``/``findall`` run its Python-level ElementPath for every call (about 3 µs here);
``iterchildren(tag)`` matches in C (about 1 µs). A report has hundreds of rows, cells and
paragraphs, each looked into several times, so the readers use these instead.
"""

from __future__ import annotations

from typing import Optional

from lxml import etree


def child(el: Optional[etree._Element], *path: str) -> Optional[etree._Element]:
    """``el.find("a/b/...")`` for a path of child tags: the first match in document order."""
    if el is None or not path:
        return el
    if len(path) == 1:
        return next(el.iterchildren(path[0]), None)
    for step in el.iterchildren(path[0]):
        found = child(step, *path[1:])
        if found is not None:
            return found
    return None


def children(el: etree._Element, tag: str) -> list[etree._Element]:
    """``el.findall(tag)`` for one child tag."""
    return list(el.iterchildren(tag))


def has_child(el: etree._Element, *tags: str) -> bool:
    """Whether ``el`` has a child with any of ``tags``."""
    return next(el.iterchildren(*tags), None) is not None
