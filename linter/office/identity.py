"""One body across its names: the key two reports of the same body share, whatever their titles
call it (the superior's prefix 淮安市 in 淮安市洪泽区人民政府, spacing and width, 本级, the
roster's other names)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Mapping, Optional

from linter.recognise.normalize import strip_spaces
from linter.ruleset.facts import format_facts

# 本级 and the like: words that say "this body itself" and change nothing about which body it is.
_SELF_WORDS = re.compile(r"[（(]?(?:本级|本部|机关本级|本机关)[）)]?$")
# A superior's name before the body's own place: a province or region, then a city or prefecture.
_SUPERIOR = re.compile(r"^(?:.{2,7}?(?:省|自治区))?(?:.{2,7}?(?:市|自治州|州|盟|地区))")
# The body's own place: a district, county, county-level city, banner, town, township or subdistrict.
_OWN_PLACE = re.compile(r"^.{2,8}?(?:区|县|市|旗|镇|乡|街道)")


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """What is left when the place is all that is stripped: a name of no body (「人民政府」): how a
    government's name ends (rules/format.yaml ``body_kinds``), or 「政府」 alone."""
    return frozenset((*format_facts().government_suffixes, "政府"))


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """Width, spacing, brackets and 本级 folded: 「淮安市 洪泽区人民政府（本级）」 -> 「淮安市洪泽区人民政府」."""
    text = strip_spaces(unicodedata.normalize("NFKC", name)).strip("《》\"'“”「」")
    text = text.replace("(", "（").replace(")", "）")
    return _SELF_WORDS.sub("", text)


@lru_cache(maxsize=4096)
def without_superior(name: str) -> str:
    """The name with its superior's prefix removed when what follows is a place of its own
    (淮安市洪泽区人民政府 -> 洪泽区人民政府); 淮安市人民政府 and 淮安市交通运输局 stay whole."""
    m = _SUPERIOR.match(name)
    if m is None:
        return name
    rest = name[m.end() :]
    own = _OWN_PLACE.match(rest)
    if own is None or rest in _generic() or len(rest) <= own.end():
        return name
    return rest


def body_key(name: Optional[str], aliases: Mapping[str, str] = {}) -> Optional[str]:
    """The key one body's reports share (None: no body named). ``aliases`` maps the key of each
    of a roster's names (other names included) to its entry's key."""
    if not name:
        return None
    key = without_superior(normalise(name))
    if not key:
        return None
    return aliases.get(key, key)
