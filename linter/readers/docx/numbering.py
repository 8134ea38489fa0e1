"""Render Word automatic numbering (numbering.xml) into visible labels such as 「一、」 or 「（二）」."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from lxml import etree

from linter.readers.docx.elements import child

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: tuple[str, str, str] = ("十", "百", "千")) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 105 -> 一百零五 (chineseCountingThousand style)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    values = [(1000, units[2]), (100, units[1]), (10, units[0])]
    rest = n
    zero_pending = False
    for base, unit in values:
        q, rest = divmod(rest, base)
        if q:
            if zero_pending:
                parts.append("零" if digits is _CN_DIGITS else digits[0])
                zero_pending = False
            if not (base == 10 and q == 1 and not parts):
                parts.append(digits[q])
            parts.append(unit)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending:
            parts.append("零" if digits is _CN_DIGITS else digits[0])
        parts.append(digits[rest])
    return "".join(parts)


def safe_int(text: Optional[str], default: int = 0) -> int:
    """An OOXML integer attribute, or ``default`` when absent or malformed (files are untrusted)."""
    if text is None:
        return default
    text = text.strip()
    if not text or len(text) > 18:
        return default
    try:
        return int(text)
    except ValueError:
        return default


def format_number(n: int, fmt: str) -> tuple[str, bool]:
    """Render ``n`` in Word's numFmt ``fmt``; the flag is False when we fell back to decimal."""
    if fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman") and not 0 < n <= (
        780 if fmt.endswith("Letter") else 3999
    ):
        return str(n), True  # letters repeat and roman numerals grow with n: keep hostile counters cheap
    if fmt in ("decimal", "decimalZero") or fmt == "":
        return (f"{n:02d}" if fmt == "decimalZero" else str(n)), True
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n), True
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_counting(n, _CN_LEGAL, ("拾", "佰", "仟")), True
    if fmt == "ideographTraditional":
        return (_TIANGAN[(n - 1) % 10] if n > 0 else str(n)), True
    if fmt == "ideographZodiac":
        return (_DIZHI[(n - 1) % 12] if n > 0 else str(n)), True
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return (chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)), True
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n)), True
    if fmt == "decimalEnclosedParen":
        return f"({n})", True
    if fmt == "none":
        return "", True
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return (s.upper() if fmt == "upperLetter" else s), True
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return (s if fmt == "upperRoman" else s.lower()), True
    if fmt == "bullet":
        return "", True
    return str(n), False


def _roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: Optional[int] = None  # lvlRestart value; None = default behaviour
    is_lgl: bool = False


def _val(el: Optional[etree._Element], default: Optional[str] = None) -> Optional[str]:
    if el is None:
        return default
    return el.get(W + "val", default)


@dataclass
class Numbering:
    """Numbering definitions plus the running counters of one document pass."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    style_numpr: dict[str, tuple[Optional[str], int]] = field(default_factory=dict)
    style_based_on: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used_nums: set[str] = field(default_factory=set)
    unknown_formats: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, numbering: Optional[etree._Element], styles: Optional[etree._Element]) -> "Numbering":
        nb = cls()
        if styles is not None:
            for st in styles.iter(W + "style"):
                sid = st.get(W + "styleId")
                if not sid:
                    continue
                based = st.find(W + "basedOn")
                if based is not None and _val(based):
                    nb.style_based_on[sid] = _val(based) or ""
                numpr = st.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    ilvl = safe_int(_val(numpr.find(W + "ilvl")))
                    nb.style_numpr[sid] = (_val(numpr.find(W + "numId")), ilvl)
        if numbering is None:
            return nb
        style_links: dict[str, str] = {}
        num_style_links: dict[str, str] = {}
        for an in numbering.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId") or ""
            levels: dict[int, Level] = {}
            for lvl in an.findall(W + "lvl"):
                ilvl = safe_int(lvl.get(W + "ilvl"))
                restart = lvl.find(W + "lvlRestart")
                levels[ilvl] = Level(
                    start=safe_int(_val(lvl.find(W + "start")), 1),
                    fmt=_val(lvl.find(W + "numFmt"), "decimal") or "decimal",
                    text=_val(lvl.find(W + "lvlText"), "") or "",
                    restart=safe_int(_val(restart)) if restart is not None else None,
                    is_lgl=lvl.find(W + "isLgl") is not None,
                )
            nb.abstract[aid] = levels
            if _val(an.find(W + "styleLink")):
                style_links[_val(an.find(W + "styleLink")) or ""] = aid
            if _val(an.find(W + "numStyleLink")):
                num_style_links[aid] = _val(an.find(W + "numStyleLink")) or ""
        for num in numbering.iter(W + "num"):
            nid = num.get(W + "numId") or ""
            aid = _val(num.find(W + "abstractNumId"), "") or ""
            # numStyleLink: the real definition is the abstractNum whose styleLink matches.
            if aid in num_style_links and num_style_links[aid] in style_links:
                aid = style_links[num_style_links[aid]]
            nb.num_to_abstract[nid] = aid
            for ov in num.findall(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    nb.overrides.setdefault(nid, {})[safe_int(ov.get(W + "ilvl"))] = safe_int(_val(so), 1)
        return nb

    def _style_numpr(self, style: str) -> Optional[tuple[Optional[str], int]]:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numpr:
                return self.style_numpr[style]
            style = self.style_based_on.get(style, "")
        return None

    def label(self, numpr: Optional[etree._Element], style: str) -> str:
        """Advance the counters for a paragraph (its w:numPr and style) and return its rendered
        label ('' if none)."""
        if not self.num_to_abstract:
            return ""  # no numbering definitions (no numbering.xml): nothing can be numbered
        num_id: Optional[str] = None
        ilvl: Optional[int] = None
        if numpr is not None:
            num_id = _val(child(numpr, W + "numId"))
            lv = _val(child(numpr, W + "ilvl"))
            ilvl = safe_int(lv, -1) if lv is not None else None
            ilvl = ilvl if ilvl is None or ilvl >= 0 else None
        if num_id is None or ilvl is None:
            from_style = self._style_numpr(style)
            if from_style is not None:
                num_id = num_id if num_id is not None else from_style[0]
                ilvl = ilvl if ilvl is not None else from_style[1]
        if not num_id or num_id == "0":
            return ""
        return self.label_for(num_id, ilvl or 0)

    def label_for(self, num_id: str, ilvl: int) -> str:
        """Advance the counters for a paragraph of list ``num_id`` at level ``ilvl`` and return
        its rendered label ('' if the list is not defined)."""
        aid = self.num_to_abstract.get(num_id)
        if aid is None or aid not in self.abstract:
            return ""
        levels = self.abstract[aid]
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for lvl_index, start in self.overrides.get(num_id, {}).items():
                counters[lvl_index] = start - 1
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        # Reset deeper levels unless their lvlRestart says otherwise.
        for deeper, dlevel in levels.items():
            if deeper > ilvl:
                if dlevel.restart == 0:
                    continue
                if dlevel.restart is None or dlevel.restart - 1 >= ilvl:
                    counters.pop(deeper, None)
        return self._render(level, levels, counters)

    def _render(self, level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
        out = level.text
        for n in range(9, 0, -1):
            token = f"%{n}"
            if token in out:
                lvl = levels.get(n - 1, Level())
                value = counters.get(n - 1, lvl.start)
                fmt = "decimal" if level.is_lgl else lvl.fmt
                rendered, known = format_number(value, fmt)
                if not known:
                    self.unknown_formats.add(fmt)
                out = out.replace(token, rendered)
        return out
