"""Load YAML rule sets: validate against the JSON Schema, resolve ``extends``, filter by edition,
have each check's kind read and compile its parameters (once per rule set), and cache."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from linter.errors import RuleSetError, os_detail
from linter.i18n import English, Listing, Msg
from linter.ruleset.examples import compile_examples
from linter.ruleset.facts import format_file
from linter.ruleset.params import ParamError, read_params
from linter.ruleset.resources import data_dir, load_schema
from linter.ruleset.specs import (
    Applies,
    CheckSpec,
    ColumnSpec,
    RowSpec,
    RuleSet,
    RuleSpec,
    SectionSpec,
    TableSpec,
)

__all__ = [
    "Applies",
    "CheckSpec",
    "ColumnSpec",
    "RowSpec",
    "RuleSet",
    "RuleSpec",
    "SectionSpec",
    "TableSpec",
    "builtin_editions",
    "builtin_ruleset",
    "load_ruleset",
]

# A bundled edition is a rule file named gov-<edition>.yaml; its ``edition:`` must say the same.
_EDITION_FILE = re.compile(r"^gov-(\d{4})\.yaml$")


@lru_cache(maxsize=1)
def builtin_editions() -> tuple[int, ...]:
    """The bundled format editions, newest first, as the rule files found say."""
    found = (_EDITION_FILE.match(p.name) for p in data_dir("rules").iterdir())
    return tuple(sorted((int(m.group(1)) for m in found if m), reverse=True))


# ---- loading -----------------------------------------------------------------------------------


def _json_path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _read_yaml(path: Path, schema: str = "ruleset.schema.json") -> dict[str, Any]:
    from linter.ruleset import yamlload  # only when a rule file is really read

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        detail = Msg.of("ruleset.not_utf8") if isinstance(exc, UnicodeDecodeError) else os_detail(exc)
        raise RuleSetError(str(path), "$", Msg.of("ruleset.cannot_read", detail=detail)) from None
    try:
        data = yamlload.load(text, str(path))
    except yamlload.YamlProblem as exc:
        raise RuleSetError(str(path), "$", yamlload.described(exc.message), exc.line) from None
    if not isinstance(data, dict):
        raise RuleSetError(str(path), "$", Msg.of("ruleset.not_mapping"), getattr(data, "line", None))
    _validate(path, data, schema)
    if schema == "ruleset.schema.json":
        _check_duplicates(path, data)
    return data


def _validate(path: Path, data: dict[str, Any], schema: str = "ruleset.schema.json") -> None:
    import jsonschema  # imported here: only needed when a rule file is actually loaded

    from linter.ruleset.yamlload import locate

    validator = jsonschema.Draft202012Validator(load_schema(schema))
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        where = _json_path(best.absolute_path)
        line = locate(data, where, default_file=str(path))[1]
        if best.validator == "additionalProperties" and isinstance(best.instance, dict):
            extra = [k for k in best.instance if k not in best.schema.get("properties", {})]
            line = _line(best.instance, extra[0]) if extra else line  # the unexpected key itself
        raise RuleSetError(str(path), where, _schema_problem(best, schema), line)


def _schema_problem(error: Any, schema: str) -> object:
    """What a schema error says, in the catalogue's words (jsonschema's own English otherwise)."""
    from difflib import get_close_matches

    v, value = error.validator, error.instance
    if v == "additionalProperties" and isinstance(value, dict):
        known = list(error.schema.get("properties", {}))
        key = next((k for k in value if k not in known), "")
        close = get_close_matches(str(key), known, n=1)
        hint = Msg.of("did_you_mean", name=close[0]) if close else ""
        return Msg.of("ruleset.schema.unknown_key", key=key, hint=hint)
    if v == "required":
        key = next((k for k in error.validator_value if isinstance(value, dict) and k not in value), "")
        return Msg.of("ruleset.schema.required", key=key)
    if v == "enum" or v == "const":
        options = error.validator_value if v == "enum" else [error.validator_value]
        close = get_close_matches(str(value), [str(o) for o in options], n=1)
        hint = Msg.of("did_you_mean", name=close[0]) if close else ""
        allowed = Listing(tuple(str(o) for o in options))
        return Msg.of("ruleset.schema.not_one_of", value=value, allowed=allowed, hint=hint)
    if v == "type" and isinstance(error.validator_value, str) and error.validator_value in _TYPES:
        return Msg.of("ruleset.schema.wrong_type", kind=Msg.of("config.type." + error.validator_value), value=value)
    if v in ("minItems", "minLength", "minProperties"):
        return Msg.of("ruleset.schema.empty")
    if v == "pattern":
        return Msg.of("ruleset.schema.pattern", value=value, pattern=error.validator_value)
    if v in ("minimum", "maximum"):
        return Msg.of("ruleset.schema." + v, value=value, limit=error.validator_value)
    if v == "uniqueItems":
        return Msg.of("ruleset.schema.duplicates")
    return English(error.message, Msg.of("ruleset.schema.other", schema=f"schemas/{schema}"))


_TYPES = ("array", "object", "string", "integer", "number", "boolean")  # the catalogue's config.type.NAME


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
                    first = Msg.of("ruleset.first_at", line=lines[j]) if lines else ""
                    what = "ruleset.duplicate_rule" if list_key == "rules" else "ruleset.duplicate_section"
                    raise RuleSetError(
                        str(path),
                        f"$.{list_key}[{i}].{id_key}",
                        Msg.of(what, id=item[id_key], first=first),
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
        raise RuleSetError(str(seen[-1]), "$.extends", Msg.of("ruleset.extends.circular", name=path.name))
    data = _read_yaml(path)
    if files is not None:
        files.append(path)
    merged: dict[str, Any] = {"sections": [], "tables": {}, "rules": []}
    sources: dict[str, str] = {}
    for i, parent in enumerate(data.get("extends", [])):
        ppath = path.parent / parent
        if not ppath.is_file():
            missing = Msg.of("ruleset.extends.missing", name=parent)
            raise RuleSetError(str(path), f"$.extends[{i}]", missing, _line(data["extends"], i))
        if ppath in seen + (path,):
            circular = Msg.of("ruleset.extends.circular", name=parent)
            raise RuleSetError(str(path), f"$.extends[{i}]", circular, _line(data["extends"], i))
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
            raise RuleSetError(origin, where + ".section", Msg.of("ruleset.unknown_section", key=t["section"]))
        columns = tuple(
            ColumnSpec(
                c["key"],
                c["label"],
                tuple(c.get("path", [c["label"]])),
                tuple(c.get("aliases", [])),
                c.get("value", "count"),
                c.get("unit", ""),
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
                    raise RuleSetError(origin, f"{where}.groups.{gname}", Msg.of("ruleset.unknown_member", key=n))
            groups[gname] = names
        if len(set(keys)) != len(keys) - len(row_keys & col_keys):
            raise RuleSetError(origin, where, Msg.of("ruleset.duplicate_member"))
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
    known_keys = {
        tkey: (frozenset(r["key"] for r in t["rows"]), frozenset(c["key"] for c in t["columns"]))
        for tkey, t in data["tables"].items()
    }
    applies = None
    if edition is not None:
        raw = data.get("applies", {})
        years = raw.get("report_year", {})
        applies = Applies(edition, years.get("min"), years.get("max"), tuple(raw.get("signatures", ())))
    specs = RuleSet(
        data["id"], data["title"], edition, sections, tables, (), data.get("basis", ""), applies, known_keys
    )
    rules: list[RuleSpec] = []
    seen_ids: set[str] = set()
    for i, r in enumerate(_for_edition(data["rules"], edition)):
        where = f"$.rules[{i}]"
        if r["id"] in seen_ids:
            duplicate = Msg.of("ruleset.duplicate_rule", id=r["id"], first="")
            raise RuleSetError(sources.get(r["id"], origin), where + ".id", duplicate)
        seen_ids.add(r["id"])
        raw_checks = r.get("checks") or [r["check"]]
        source = sources.get(r["id"], origin)
        checks = tuple(
            _compile_check(c, specs, source, f"{where}.checks[{j}]", r["id"])
            for j, c in enumerate(_for_edition(raw_checks, edition))
        )
        examples, cases = compile_examples(r["examples"])
        rules.append(
            RuleSpec(
                id=r["id"],
                name=r["name"],
                severity=r["severity"],
                summary=r["summary"],
                basis=r["basis"],
                messages=r["messages"],
                checks=checks,
                examples=examples,
                severities=r.get("severities", {}),
                unverified=bool(r.get("unverified", False)),
                enabled=bool(r.get("enabled", True)),
                source=source,
                note=r.get("note", ""),
                cases=cases,
            )
        )
    return replace(specs, rules=tuple(rules))


def _compile_check(c: dict[str, Any], specs: RuleSet, origin: str, where: str, rule_id: str) -> CheckSpec:
    """The check's kind reads its parameters into its ``Params`` and compiles them (regular
    expressions, relations, quotes) against the rule set's sections and tables."""
    from linter.checks import KINDS  # the kinds are needed only when a rule set is compiled

    name = c["kind"]
    kind_class = KINDS.get(name)
    if kind_class is None:
        known = Listing(tuple(sorted(KINDS)))
        raise RuleSetError(
            origin, where + ".kind", Msg.of("ruleset.unknown_kind", kind=name, rule=rule_id, known=known)
        )
    kind = kind_class()
    try:
        params = read_params(kind.Params, c)
        compiled = kind.compile(params, specs)
    except ParamError as exc:
        told = Msg.of("ruleset.in_check", text=exc.message, rule=rule_id, kind=name)
        raise RuleSetError(origin, f"{where}.{exc.key}", told) from None
    return CheckSpec(name, kind, params, compiled)


def load_ruleset(path: Path, extra: tuple[str, ...] = ()) -> RuleSet:
    """Load a rule file; ``extra`` files add sections, tables and rules on top (ids must be new)."""
    return _load(path, extra)[0]


def _load(path: Path, extra: tuple[str, ...]) -> tuple[RuleSet, dict[str, Any], dict[str, str], list[Path]]:
    """The rule set, the merged data and rule sources it was compiled from, and every file read."""
    # The format's facts (rules/format.yaml) are read by recognition on their own: checked here,
    # where every rule set is compiled, and part of each rule set's cache entry.
    _read_yaml(format_file(), "format.schema.json")
    files: list[Path] = [format_file()]
    data, sources = _merged(path, files=files)
    for file in extra:
        more, more_sources = _merged(Path(file), files=files)
        for i, rule in enumerate(more["rules"]):
            if rule["id"] in sources:
                raise RuleSetError(
                    getattr(rule, "file", file),
                    f"$.rules[{i}].id",
                    Msg.of("ruleset.duplicate_builtin", id=rule["id"]),
                    _line(rule, "id"),
                )
        data["sections"] = _override(data["sections"], more["sections"], "key")
        data["tables"].update(more["tables"])
        data["rules"] = data["rules"] + more["rules"]
        sources.update(more_sources)
    for key in ("id", "title"):
        if key not in data:
            raise RuleSetError(str(path), "$", Msg.of("ruleset.schema.required", key=key))
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
                str(path), "$.edition", Msg.of("ruleset.wrong_edition", named=edition, edition=ruleset.edition)
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
    """(path, SHA-256 of its content) of each file a rule set was read from, the schemas and
    reportlint's version included; the version with the digest of this module, which merges the
    rule data the cache keeps (a checkout's edit to it makes a new entry)."""
    import hashlib

    from linter import __version__

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    out = [["version", f"{__version__}+{code}"]]
    for f in (*files, data_dir("schemas") / "format.schema.json", data_dir("schemas") / "ruleset.schema.json"):
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
            if _fingerprint([Path(f) for f, _ in entry["files"][1:-2]]) == entry["files"]:
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
