"""The roster an office keeps of the bodies it expects a report from: name, other names, parent
and kind, read from YAML, CSV or xlsx. It tells which body a report is and which are missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Iterable, Optional

from linter.i18n import Msg
from linter.errors import ToldError
from linter.office.identity import body_key

# Column or key -> field: the roster's headers in Chinese or English.
_FIELDS = {
    "name": "name",
    "名称": "name",
    "单位": "name",
    "单位名称": "name",
    "other_names": "other_names",
    "其他名称": "other_names",
    "别名": "other_names",
    "parent": "parent",
    "上级": "parent",
    "上级单位": "parent",
    "kind": "kind",
    "类型": "kind",
    "类别": "kind",
}
_SPLIT = re.compile(r"[、,，;；|]")


class RosterError(ToldError):
    """A roster file that cannot be used: ``path: what is wrong``."""

    def __init__(self, path: str, message: Msg) -> None:
        super().__init__(Msg.of("detail.member", member=path, detail=message))
        self.path = path


@dataclass(frozen=True)
class Body:
    name: str
    other_names: tuple[str, ...] = ()
    parent: Optional[str] = None
    kind: Optional[str] = None

    @property
    def key(self) -> str:
        return body_key(self.name) or self.name


@dataclass(frozen=True)
class Roster:
    path: str
    bodies: tuple[Body, ...]

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return dict(self.aliases())

    def aliases(self) -> tuple[tuple[str, str], ...]:
        """Each name's identity key -> its body's key (for pairing and lookup)."""
        out: dict[str, str] = {}
        for b in self.bodies:
            for name in (b.name, *b.other_names):
                k = body_key(name)
                if k is not None:
                    out.setdefault(k, b.key)
        return tuple(out.items())

    def find(self, name: Optional[str]) -> Optional[Body]:
        key = body_key(name, self._aliases)
        return next((b for b in self.bodies if b.key == key), None) if key else None

    def closest(self, name: str) -> Optional[str]:
        """The roster name most like ``name`` (a misspelt or shortened sender), if any is alike."""
        names = {body_key(n) or n: b.name for b in self.bodies for n in (b.name, *b.other_names)}
        hit = get_close_matches(body_key(name) or name, list(names), n=1, cutoff=0.5)
        return names[hit[0]] if hit else None

    def children(self, parent: Body) -> list[Body]:
        return [b for b in self.bodies if b.parent is not None and self.find(b.parent) == parent]


def load_roster(path: Path) -> Roster:
    """Read a roster; RosterError (exit 2) for a file that cannot be read or an entry without a name."""
    if not path.is_file():
        raise RosterError(str(path), Msg.of("error.roster.no_such_roster_file"))
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            rows = _yaml_rows(path)
        elif suffix == ".csv":
            rows = _csv_rows(path)
        elif suffix in (".xlsx", ".xlsm"):
            rows = _xlsx_rows(path)
        else:
            raise RosterError(str(path), Msg.of("error.roster.roster_yaml_csv_or"))
    except RosterError:
        raise
    except Exception as exc:  # a broken file of any of the three kinds
        raise RosterError(str(path), Msg.of("error.roster.roster_could_not_be", kind=type(exc).__name__)) from None
    bodies = []
    for n, row in enumerate(rows, 1):
        name = _text(row.get("name"))
        if not name:
            raise RosterError(str(path), Msg.of("error.roster.entry_has_no_name", n=n))
        others = row.get("other_names")
        names = [o for o in (_SPLIT.split(others) if isinstance(others, str) else others or []) if _text(o)]
        bodies.append(
            Body(name, tuple(_text(o) for o in names), _text(row.get("parent")) or None, _text(row.get("kind")) or None)
        )
    if not bodies:
        raise RosterError(str(path), Msg.of("error.roster.roster_lists_no_body"))
    return Roster(str(path), tuple(bodies))


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _fields(row: dict[Any, Any]) -> dict[str, Any]:
    return {_FIELDS[str(k).strip()]: v for k, v in row.items() if k is not None and str(k).strip() in _FIELDS}


def _yaml_rows(path: Path) -> list[dict[str, Any]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    items = data.get("bodies", data.get("单位")) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise RosterError(
            str(path),
            Msg.of("error.roster.roster_list_bodies_one"),
        )
    return [_fields(i) if isinstance(i, dict) else {"name": i} for i in items]


def _table(rows: Iterable[list[Any]], path: Path) -> list[dict[str, Any]]:
    it = iter(rows)
    header = next(it, None)
    if header is None or not any(str(h).strip() in _FIELDS and _FIELDS[str(h).strip()] == "name" for h in header if h):
        raise RosterError(
            str(path),
            Msg.of("error.roster.roster_s_first_row"),
        )
    return [_fields(dict(zip(header, r))) for r in it if any(_text(v) for v in r)]


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    import csv

    from linter.readers.text.decode import decode

    text = decode(path.read_bytes()).text  # Excel saves CSV in GB18030 on Chinese Windows
    return _table(csv.reader(text.splitlines()), path)


def _xlsx_rows(path: Path) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return _table((list(row) for row in book.worksheets[0].iter_rows(values_only=True)), path)
    finally:
        book.close()
