"""Load YAML rule sets: validate against the JSON Schema, resolve ``extends``, filter by edition, compile."""

from __future__ import annotations

import os
import re
from datetime import date
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

from linter.errors import RuleSetError
from linter.ruleset.expr import ExprError, Relation, check_names, parse_relation
from linter.ruleset.resources import data_dir, load_schema

# A bundled edition is a rule file named gov-<edition>.yaml; its ``edition:`` must say the same.
_EDITION_FILE = re.compile(r"^gov-(\d{4})\.yaml$")


@lru_cache(maxsize=1)
def builtin_editions() -> tuple[int, ...]:
    """The bundled format editions, newest first, as the rule files found say."""
    found = (_EDITION_FILE.match(p.name) for p in data_dir("rules").iterdir())
    return tuple(sorted((int(m.group(1)) for m in found if m), reverse=True))


@dataclass(frozen=True)
class Applies:
    """Which reports an edition's rule set is for (YAML ``applies:``)."""

    edition: int
    first_year: Optional[int] = None
    last_year: Optional[int] = None
    signatures: tuple[str, ...] = ()  # labels only this edition's tables have

    def covers(self, report_year: int) -> bool:
        return (self.first_year is None or report_year >= self.first_year) and (
            self.last_year is None or report_year <= self.last_year
        )


@dataclass(frozen=True)
class SectionSpec:
    key: str
    number: str
    title: str
    aliases: tuple[str, ...] = ()
    # Words a reviewer knows the part by (「问题」「改进」 for 五): a numbered heading in the part's
    # place, or the first subheading of a part whose heading line is missing, is found by them.
    keywords: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    path: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    value: str = "count"


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    group: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: int
    section: str
    title: str
    signature: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    groups: Mapping[str, tuple[str, ...]]
    tolerated_rows: tuple[str, ...] = ()

    def column(self, key: str) -> ColumnSpec:
        return self._columns_by_key[key]

    def row(self, key: str) -> RowSpec:
        return self._rows_by_key[key]

    @cached_property
    def _columns_by_key(self) -> dict[str, ColumnSpec]:
        out: dict[str, ColumnSpec] = {}
        for c in self.columns:
            out.setdefault(c.key, c)  # the first of a key, as a search would find
        return out

    @cached_property
    def _rows_by_key(self) -> dict[str, RowSpec]:
        out: dict[str, RowSpec] = {}
        for r in self.rows:
            out.setdefault(r.key, r)
        return out


@dataclass(frozen=True)
class Quote:
    """A narrative quote of a figure (``narrative`` checks), compiled with its rule set."""

    what: str
    what_en: str
    regex: "re.Pattern[str]"  # the pattern, units filled in, and the check's tail
    table: str
    columns: tuple[str, ...]
    readings: tuple[tuple[str, ...], ...]  # row-key sets the quote may mean; () is a table's only row
    of: tuple[tuple[str, ...], ...]  # shares: the row sets a percentage may be taken of
    units: tuple[str, ...]
    context: tuple[str, ...]
    unless: tuple[str, ...]


@dataclass(frozen=True)
class CheckSpec:
    kind: str
    params: Mapping[str, Any]
    relation: Optional[Relation] = None
    quotes: tuple[Quote, ...] = ()  # ``narrative`` checks: the quotes of this edition


@dataclass(frozen=True)
class RuleSpec:
    id: str
    name: str
    severity: str
    summary: Mapping[str, str]
    basis: str
    messages: Mapping[str, Mapping[str, str]]
    checks: tuple[CheckSpec, ...]
    examples: Mapping[str, str]
    severities: Mapping[str, str] = field(default_factory=dict)
    unverified: bool = False
    enabled: bool = True  # False: runs only when selected explicitly
    source: str = ""


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    edition: Optional[int]
    sections: tuple[SectionSpec, ...]
    tables: Mapping[str, TableSpec]
    rules: tuple[RuleSpec, ...]
    basis: str = ""
    applies: Optional[Applies] = None

    def rule(self, rule_id: str) -> RuleSpec:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no such rule: {rule_id}")

    def exact_relations(self, table_key: str) -> list[tuple[RuleSpec, CheckSpec]]:
        """The relations error localization uses for a table: ``==`` equations of error rules on
        this year's cells only."""
        return self._exact_relations.get(table_key, [])

    @cached_property
    def _exact_relations(self) -> dict[str, list[tuple[RuleSpec, CheckSpec]]]:
        from linter.ruleset import expr

        out: dict[str, list[tuple[RuleSpec, CheckSpec]]] = {}
        for rule in self.rules:
            if rule.severity != "error":
                continue
            for check in rule.checks:
                rel, table = check.relation, check.params.get("table")
                if check.kind != "equation" or rel is None or rel.op != "==" or table is None:
                    continue
                names = [*expr.names(rel.left), *expr.names(rel.right), check.params.get("anchor") or ""]
                if any(n.startswith(expr.PREV) for n in names):
                    continue  # a year-to-year relation: last year's cells are not this table's
                out.setdefault(table, []).append((rule, check))
        return out


# ---- loading -----------------------------------------------------------------------------------


def _json_path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _read_yaml(path: Path) -> dict[str, Any]:
    from linter.ruleset import yamlload  # only when a rule file is really read

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleSetError(str(path), "$", f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = yamlload.load(text, str(path))
    except yamlload.YamlProblem as exc:
        raise RuleSetError(str(path), "$", exc.message, exc.line) from None
    if not isinstance(data, dict):
        raise RuleSetError(str(path), "$", "a rule file must be a mapping", getattr(data, "line", None))
    _validate(path, data)
    _check_duplicates(path, data)
    return data


def _validate(path: Path, data: dict[str, Any]) -> None:
    import jsonschema  # imported here: only needed when a rule file is actually loaded

    from linter.ruleset.yamlload import locate

    validator = jsonschema.Draft202012Validator(load_schema("ruleset.schema.json"))
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        where = _json_path(best.absolute_path)
        line = locate(data, where, default_file=str(path))[1]
        if best.validator == "additionalProperties" and isinstance(best.instance, dict):
            extra = [k for k in best.instance if k not in best.schema.get("properties", {})]
            line = _line(best.instance, extra[0]) if extra else line  # the unexpected key itself
        raise RuleSetError(str(path), where, best.message, line)


def _check_duplicates(path: Path, data: dict[str, Any]) -> None:
    """Two rules (or sections) of one file with the same id for the same edition: the later would
    silently replace the earlier."""
    for list_key, id_key in (("rules", "id"), ("sections", "key")):
        items = data.get(list_key, [])
        earlier: dict[Any, list[int]] = {}
        for i, item in enumerate(items):
            same = earlier.setdefault(item[id_key], [])
            same.append(i)
            for j in same[:-1]:
                other = items[j]
                if _editions_overlap(other, item):
                    lines = getattr(items, "lines", None)
                    first = f", first at line {lines[j]}" if lines else ""
                    raise RuleSetError(
                        str(path),
                        f"$.{list_key}[{i}].{id_key}",
                        f"duplicate {'rule id' if list_key == 'rules' else 'section key'} {item[id_key]}{first}",
                        lines[i] if lines else None,
                    )


def _editions_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if "editions" not in a or "editions" not in b:
        return True
    return bool(set(a["editions"]) & set(b["editions"]))


def _line(data: Any, key: Any) -> Optional[int]:
    lines = getattr(data, "lines", None)
    if isinstance(lines, dict):
        return lines.get(key)
    if isinstance(lines, list) and isinstance(key, int) and key < len(lines):
        return lines[key]
    return None


def _merged(
    path: Path, seen: tuple[Path, ...] = (), files: Optional[list[Path]] = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The file's content with its ``extends`` chain merged in; plus rule id -> source file.
    Every file read is appended to ``files``."""
    if path in seen:
        raise RuleSetError(str(seen[-1]), "$.extends", f"circular extends: {path.name}")
    data = _read_yaml(path)
    if files is not None:
        files.append(path)
    merged: dict[str, Any] = {"sections": [], "tables": {}, "rules": []}
    sources: dict[str, str] = {}
    for i, parent in enumerate(data.get("extends", [])):
        ppath = path.parent / parent
        if not ppath.is_file():
            raise RuleSetError(str(path), f"$.extends[{i}]", f"no such file: {parent}", _line(data["extends"], i))
        if ppath in seen + (path,):
            raise RuleSetError(str(path), f"$.extends[{i}]", f"circular extends: {parent}", _line(data["extends"], i))
        pdata, psources = _merged(ppath, seen + (path,), files)
        merged["sections"] = _override(merged["sections"], pdata["sections"], "key")
        merged["tables"].update(pdata["tables"])
        merged["rules"] = _override(merged["rules"], pdata["rules"], "id")
        sources.update(psources)
    merged["sections"] = _override(merged["sections"], data.get("sections", []), "key")
    merged["tables"].update(data.get("tables", {}))
    merged["rules"] = _override(merged["rules"], data.get("rules", []), "id")
    for rule in data.get("rules", []):
        sources[rule["id"]] = str(path)
    for key in ("id", "title", "edition", "basis", "applies"):
        if key in data:
            merged[key] = data[key]
    return merged, sources


def _override(base: list[dict[str, Any]], new: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    out = list(base)
    for item in new:
        idx = next((i for i, b in enumerate(out) if b[key] == item[key]), None)
        if idx is None:
            out.append(item)
        else:
            out[idx] = item
    return out


def _for_edition(items: list[Any], edition: Optional[int]) -> list[Any]:
    return [
        it
        for it in items
        if not (isinstance(it, dict) and "editions" in it and edition is not None and edition not in it["editions"])
    ]


def _compile(data: dict[str, Any], sources: dict[str, str], origin: str) -> RuleSet:
    edition = data.get("edition")
    sections = tuple(
        SectionSpec(s["key"], s["number"], s["title"], tuple(s.get("aliases", [])), tuple(s.get("keywords", [])))
        for s in _for_edition(data["sections"], edition)
    )
    section_keys = {s.key for s in sections}
    tables: dict[str, TableSpec] = {}
    for tkey, t in data["tables"].items():
        where = f"$.tables.{tkey}"
        if t["section"] not in section_keys:
            raise RuleSetError(origin, where + ".section", f"unknown section '{t['section']}'")
        columns = tuple(
            ColumnSpec(
                c["key"],
                c["label"],
                tuple(c.get("path", [c["label"]])),
                tuple(c.get("aliases", [])),
                c.get("value", "count"),
            )
            for c in _for_edition(t["columns"], edition)
        )
        rows = tuple(
            RowSpec(r["key"], r["label"], r.get("group", ""), tuple(r.get("aliases", [])))
            for r in _for_edition(t["rows"], edition)
        )
        keys = [c.key for c in columns] + [r.key for r in rows]
        row_keys = {r.key for r in rows}
        col_keys = {c.key for c in columns}
        groups: dict[str, tuple[str, ...]] = {}
        for gname, members in t.get("groups", {}).items():
            names = tuple(m if isinstance(m, str) else m["key"] for m in _for_edition(members, edition))
            for n in names:
                if n not in row_keys and n not in col_keys:
                    raise RuleSetError(origin, f"{where}.groups.{gname}", f"unknown row or column '{n}'")
            groups[gname] = names
        if len(set(keys)) != len(keys) - len(row_keys & col_keys):
            raise RuleSetError(origin, where, "duplicate row or column key")
        tables[tkey] = TableSpec(
            tkey,
            t["number"],
            t["section"],
            t["title"],
            tuple(t["signature"]),
            columns,
            rows,
            groups,
            tuple(t.get("tolerated_rows", [])),
        )
    # Row and column keys of every edition: a quote may name rows of either edition (one reading
    # per edition) and columns of one edition (a quote for that edition only).
    all_keys = {
        tkey: ({r["key"] for r in t["rows"]}, {c["key"] for c in t["columns"]}) for tkey, t in data["tables"].items()
    }
    rules: list[RuleSpec] = []
    seen_ids: set[str] = set()
    for i, r in enumerate(_for_edition(data["rules"], edition)):
        where = f"$.rules[{i}]"
        if r["id"] in seen_ids:
            raise RuleSetError(sources.get(r["id"], origin), where + ".id", f"duplicate rule id {r['id']}")
        seen_ids.add(r["id"])
        raw_checks = r.get("checks") or [r["check"]]
        checks = []
        for j, c in enumerate(_for_edition(raw_checks, edition)):
            checks.append(
                _compile_check(c, tables, sources.get(r["id"], origin), f"{where}.checks[{j}]", all_keys, edition)
            )
        rules.append(
            RuleSpec(
                id=r["id"],
                name=r["name"],
                severity=r["severity"],
                summary=r["summary"],
                basis=r["basis"],
                messages=r["messages"],
                checks=tuple(checks),
                examples=r["examples"],
                severities=r.get("severities", {}),
                unverified=bool(r.get("unverified", False)),
                enabled=bool(r.get("enabled", True)),
                source=sources.get(r["id"], origin),
            )
        )
    applies = None
    if edition is not None:
        raw = data.get("applies", {})
        years = raw.get("report_year", {})
        applies = Applies(edition, years.get("min"), years.get("max"), tuple(raw.get("signatures", ())))
    return RuleSet(data["id"], data["title"], edition, sections, tables, tuple(rules), data.get("basis", ""), applies)


def _compile_check(
    c: dict[str, Any],
    tables: Mapping[str, TableSpec],
    origin: str,
    where: str,
    all_keys: Optional[Mapping[str, tuple[set[str], set[str]]]] = None,
    edition: Optional[int] = None,
) -> CheckSpec:
    params = {k: v for k, v in c.items() if k not in ("kind", "editions")}
    for tkey in [c["table"]] if "table" in c else c.get("tables", []):
        if tkey not in tables:
            raise RuleSetError(origin, where + ".table", f"unknown table '{tkey}'")
    relation = None
    for i, pattern in enumerate(c.get("patterns", [])):
        _regex(pattern["regex"], origin, f"{where}.patterns[{i}].regex")
    quotes = []
    for i, quote in enumerate(c.get("quotes", [])):
        if edition is not None and edition not in quote.get("editions", [edition]):
            continue  # a quote of the other edition
        quotes.append(_check_quote(c, quote, tables, origin, f"{where}.quotes[{i}]", all_keys or {}))
    for name, day in c.get("deadlines", {}).items():
        try:
            date(2000, day["month"], day["day"])  # a leap year: 2月29日 is a day
        except ValueError:
            raise RuleSetError(
                origin, f"{where}.deadlines.{name}", f"no such day: {day['month']}月{day['day']}日"
            ) from None
    if c["kind"] == "equation":
        table = tables[c["table"]]
        try:
            relation = parse_relation(c["expr"])
            if c["each"] == "column":
                known = {r.key for r in table.rows}
            elif c["each"] == "row":
                known = {col.key for col in table.columns}
            else:
                known = {col.key for col in table.columns} | {r.key for r in table.rows}
            check_names(relation, known, table.groups)
            if c["anchor"].removeprefix("prev:") not in known:
                raise ExprError(f"unknown anchor '{c['anchor']}'")
        except ExprError as exc:
            raise RuleSetError(origin, where + ".expr", str(exc)) from None
    return CheckSpec(c["kind"], params, relation, tuple(quotes))


UNIT = "{unit}"  # in a narrative quote's pattern: any of the quote's units


def quote_readings(quote: Mapping[str, Any]) -> list[list[str]]:
    """A narrative quote's accepted readings (row-key sets); ``row`` and ``or_rows`` are shorthands."""
    readings = [list(r) for r in quote.get("readings") or ()]
    if quote.get("row"):
        readings.insert(0, [quote["row"]])
    if quote.get("or_rows"):
        readings.append(list(quote["or_rows"]))
    return readings


def unit_pattern(pattern: str, units: tuple[str, ...]) -> str:
    """A narrative quote's pattern with ``{unit}`` standing for any of its units."""
    return pattern.replace(UNIT, "(?:" + "|".join(re.escape(u) for u in units) + ")")


def quote_units(quote: Mapping[str, Any], check: Mapping[str, Any]) -> tuple[str, ...]:
    """A narrative quote's units: its own, else its check's."""
    return tuple(quote.get("units") or check.get("units") or ())


def _check_quote(
    c: dict[str, Any],
    quote: dict[str, Any],
    tables: Mapping[str, TableSpec],
    origin: str,
    where: str,
    all_keys: Mapping[str, tuple[set[str], set[str]]],
) -> Quote:
    """A narrative quote, compiled: it names known rows and columns, and its pattern counts in its units."""
    units = quote_units(quote, c)
    if UNIT not in quote["pattern"] and not any(u in quote["pattern"] for u in units):
        raise RuleSetError(
            origin, where + ".pattern", f"the pattern names none of its units {list(units)} (write {UNIT})"
        )
    regex = _regex(unit_pattern(quote["pattern"], units) + c.get("tail", ""), origin, where + ".pattern")
    table = tables.get(quote["table"])
    if table is None:
        raise RuleSetError(origin, where + ".table", f"unknown table '{quote['table']}'")
    rows, columns = all_keys.get(table.key, (set(), set()))
    for col in quote["columns"]:
        if col not in columns:
            raise RuleSetError(origin, where + ".columns", f"unknown column '{col}' of table '{table.key}'")
    readings = quote_readings(quote)
    for field_, sets in (("readings", readings), ("of", quote.get("of", []))):
        for keys in sets:
            for key in keys:
                if key not in rows:
                    raise RuleSetError(origin, f"{where}.{field_}", f"unknown row '{key}' of table '{table.key}'")
    needed = {"share": ("pct",), "change": ("pct", "dir")}.get(c.get("measure", "count"), ())
    missing = [g for g in needed if g not in regex.groupindex]
    if missing:
        raise RuleSetError(
            origin, where + ".pattern", f"a {c['measure']} needs the named group(s) {missing} (in the tail)"
        )
    return Quote(
        quote["what"],
        quote.get("what_en", quote["what"]),
        regex,
        table.key,
        tuple(quote["columns"]),
        tuple(tuple(r) for r in readings),
        tuple(tuple(r) for r in quote.get("of", [])),
        units,
        tuple(quote.get("context", [])),
        tuple(quote.get("unless", [])),
    )


def _regex(pattern: str, origin: str, where: str) -> "re.Pattern[str]":
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleSetError(origin, where, f"invalid regular expression: {exc}") from None


def load_ruleset(path: Path, extra: tuple[str, ...] = ()) -> RuleSet:
    """Load a rule file; ``extra`` files add sections, tables and rules on top (ids must be new)."""
    return _load(path, extra)[0]


def _load(path: Path, extra: tuple[str, ...]) -> tuple[RuleSet, dict[str, Any], dict[str, str], list[Path]]:
    """The rule set, the merged data and rule sources it was compiled from, and every file read."""
    files: list[Path] = []
    data, sources = _merged(path, files=files)
    for file in extra:
        more, more_sources = _merged(Path(file), files=files)
        for i, rule in enumerate(more["rules"]):
            if rule["id"] in sources:
                raise RuleSetError(
                    getattr(rule, "file", file),
                    f"$.rules[{i}].id",
                    f"duplicate rule id {rule['id']} (a built-in rule)",
                    _line(rule, "id"),
                )
        data["sections"] = _override(data["sections"], more["sections"], "key")
        data["tables"].update(more["tables"])
        data["rules"] = data["rules"] + more["rules"]
        sources.update(more_sources)
    for key in ("id", "title"):
        if key not in data:
            raise RuleSetError(str(path), "$", f"'{key}' is a required property")
    try:
        return _compile(data, sources, str(path)), data, sources, files
    except RuleSetError as exc:
        if exc.line is not None:
            raise
        from linter.ruleset.yamlload import locate

        edition = data.get("edition")
        # _compile's list indices count the entries of this edition only.
        file, line = locate(data, exc.path, lambda items: _for_edition(items, edition), exc.file)
        raise RuleSetError(file if line is not None else exc.file, exc.path, exc.message, line) from None


_CACHE: dict[tuple[int, tuple[str, ...]], RuleSet] = {}


def builtin_ruleset(edition: int, extra: tuple[str, ...] = ()) -> RuleSet:
    """The bundled rule set of an edition, plus an organisation's extra rule files; compiled once
    per process, and across processes through a cache of the validated rule data."""
    key = (edition, tuple(extra))
    if key not in _CACHE:
        path = data_dir("rules") / f"gov-{edition}.yaml"
        ruleset = _disk_cached(path, extra)
        if ruleset.edition != edition:
            raise RuleSetError(
                str(path), "$.edition", f"the file is named for edition {edition}, but its edition is {ruleset.edition}"
            )
        _CACHE[key] = ruleset
    return _CACHE[key]


def _cache_file(path: Path, extra: tuple[str, ...]) -> Optional[Path]:
    import hashlib

    base = os.environ.get("REPORTLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "reportlint"
    )
    if base in ("", "0", "off"):
        return None
    names = "\0".join(str(p.resolve()) for p in (path, *map(Path, extra)))
    return Path(base) / f"ruleset-{path.stem}-{hashlib.sha256(names.encode()).hexdigest()[:32]}.json"


def _fingerprint(files: list[Path]) -> list[list[str]]:
    """(path, SHA-256 of its content) of each file a rule set was read from, the schema and
    reportlint's version included."""
    import hashlib

    from linter import __version__

    out = [["version", __version__]]
    for f in (*files, data_dir("schemas") / "ruleset.schema.json"):
        out.append([str(f.resolve()), hashlib.sha256(f.read_bytes()).hexdigest()])
    return out


def _disk_cached(path: Path, extra: tuple[str, ...]) -> RuleSet:
    """The rule set compiled from the validated data in the user's cache when every file it was
    read from (the ``extends`` chain too) is unchanged; else loaded, and the cache written (best
    effort). The cache is JSON data, so a tampered entry can change rules but never run code;
    errors in a rule file are never cached (they raise before anything is stored)."""
    import json

    target = _cache_file(path, extra)
    if target is not None:
        try:
            entry = json.loads(target.read_text(encoding="utf-8"))
            if _fingerprint([Path(f) for f, _ in entry["files"][1:-1]]) == entry["files"]:
                return _compile(entry["data"], entry["sources"], str(path))
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RuleSetError):
            pass  # no entry, a stale or damaged one: compile from the files
    ruleset, data, sources, files = _load(path, extra)
    if target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(
                json.dumps({"files": _fingerprint(files), "data": data, "sources": sources}, ensure_ascii=False),
                encoding="utf-8",
            )
            tmp.replace(target)
        except (OSError, TypeError, ValueError):
            pass
    return ruleset
