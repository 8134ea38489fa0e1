"""Configuration: discovered from a checked file's directory upwards (reportlint.yaml,
.reportlint.yaml, or a [reportlint] section in setup.cfg), or given with --config; validated
against schemas/config.schema.json. Command-line options override it."""

from __future__ import annotations

import configparser
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

from linter.errors import ToldError
from linter.i18n import English, Listing, Msg, rendered
from linter.config.limits import Limits
from linter.ruleset.resources import load_schema

FILENAMES = ("reportlint.yaml", ".reportlint.yaml", "setup.cfg")
_LIST_KEYS = ("select", "ignore", "extra_rules")


@dataclass(frozen=True)
class Problem:
    """One mistake in a configuration file: what is wrong (a Msg) where."""

    path: str  # JSON path: $.limits.max_file_bytes
    message: object
    line: Optional[int] = None


class ConfigError(ToldError):
    """``file: json-path: what is wrong (line N)``, one line per mistake (exit 2 before any report
    is read)."""

    def __init__(
        self, file: str, path: str = "$", message: object = "", problems: Optional[list[Problem]] = None
    ) -> None:
        self.file = file
        self.problems = problems if problems is not None else [Problem(path, message)]
        self.path = self.problems[0].path
        lines = [
            Msg.of(
                "config.problem",
                file=file,
                path=p.path,
                text=p.message,
                line=Msg.of("config.line", line=p.line) if p.line else "",
            )
            for p in self.problems
        ]
        super().__init__(Listing(tuple(lines), sep="list.lines"))

    def render(self, lang: str) -> str:
        return str(rendered(self.message, lang))


@dataclass(frozen=True)
class Config:
    source: Optional[str] = None  # the file it came from; None: defaults only
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    edition: Optional[int] = None
    lang: str = "zh"
    jobs: Optional[int] = None
    pair_years: bool = True
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extra_rules: tuple[str, ...] = ()
    roster: Optional[str] = None  # the roster file (absolute), for the coverage table
    limits: Limits = field(default_factory=Limits)
    base: Optional[str] = None  # the configuration file's folder: per_file_ignores globs are relative to it

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "severity": dict(self.severity),
            "fail_on": self.fail_on,
            "edition": self.edition,
            "lang": self.lang,
            "jobs": self.jobs,
            "pair_years": self.pair_years,
            "per_file_ignores": {g: list(p) for g, p in self.per_file_ignores},
            "extra_rules": list(self.extra_rules),
            "roster": self.roster,
            "limits": {name: getattr(self.limits, name) for name in Limits.names()},
        }


def schema_problems(data: dict[str, Any], path: Path) -> list[Problem]:
    """Every schema mistake of a configuration, in both languages, with the line where known and a
    「是否想写 …」 suggestion for a misspelt key."""
    import jsonschema

    schema = load_schema("config.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(x) for x in e.absolute_path]):
        where = _json_path(error.absolute_path)
        line = None
        if path.name != "setup.cfg":
            from linter.ruleset.yamlload import locate

            line = locate(data, where)[1]
        for message, at in _describe(error, schema):
            problems.append(Problem(at or where, message, line))
    return sorted(problems, key=lambda p: (p.line or 0, p.path))  # in the order of the file


def _describe(error: Any, schema: dict[str, Any]) -> list[tuple[object, str]]:
    """(message, path if other than the error's) for one jsonschema error."""
    from difflib import get_close_matches

    v, value = error.validator, error.instance
    where = _json_path(error.absolute_path)
    if v == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        out: list[tuple[object, str]] = []
        for key in sorted(set(value) - set(known)):
            close = get_close_matches(str(key), known, n=1)
            hint = Msg.of("did_you_mean", name=close[0]) if close else ""
            at = f"{where}.{key}" if where != "$" else f"$.{key}"
            out.append((Msg.of("config.unknown_setting", key=key, hint=hint), at))
        return out
    if v == "enum":
        options = error.validator_value
        close = get_close_matches(str(value), [str(o) for o in options], n=1)
        hint = Msg.of("did_you_mean", name=close[0]) if close else ""
        allowed = Listing(tuple(str(o) for o in options))
        return [(Msg.of("config.not_one_of", value=value, allowed=allowed, hint=hint), "")]
    if v == "type":
        name = str(error.validator_value)
        kind = Msg.of("config.type." + name) if name in _TYPES else name
        return [(Msg.of("config.wrong_type", kind=kind, value=value), "")]
    if v in ("minimum", "exclusiveMinimum", "maximum"):
        return [(Msg.of("config." + v, value=value, limit=error.validator_value), "")]
    if v == "pattern":
        return [(Msg.of("config.not_rule_pattern", value=value), "")]
    if v == "propertyNames":
        return [(Msg.of("config.not_rule_id", value=value), "")]
    if v in ("minItems", "minLength"):
        return [(Msg.of("config.empty"), "")]
    return [(Msg.of("config.other", message=error.message), "")]


_TYPES = ("array", "object", "string", "integer", "number", "boolean")  # the catalogue's config.type.NAME


def _json_path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _from_setup_cfg(path: Path) -> Optional[dict[str, Any]]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(
            str(path), "$", Msg.of("config.cannot_parse", detail=English(str(exc), Msg.of("config.ini")))
        ) from None
    if not parser.has_section("reportlint"):
        return None
    data: dict[str, Any] = {}
    for key, raw in parser.items("reportlint"):
        items = [x.strip() for x in raw.replace(",", "\n").splitlines() if x.strip()]
        if key in _LIST_KEYS:
            data[key] = items
        elif key == "severity":
            data[key] = dict(x.split("=", 1) for x in items if "=" in x)
            data[key] = {k.strip(): v.strip() for k, v in data[key].items()}
        elif key == "per_file_ignores":
            data[key] = {
                g.strip(): [p.strip() for p in ps.split()]
                for g, ps in (line.split(":", 1) for line in raw.splitlines() if ":" in line)
            }
        elif key in ("edition", "jobs"):
            data[key] = int(raw) if raw.strip().isdigit() else raw.strip()
        elif key == "pair_years":
            data[key] = raw.strip().lower() in ("1", "true", "yes", "on")
        else:
            data[key] = raw.strip()
    return data


def read_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    if path.name == "setup.cfg":
        data = _from_setup_cfg(path) or {}
    else:
        from linter.ruleset import yamlload  # positions, duplicate keys and alias bombs, as for rule files

        try:
            data = yamlload.load(path.read_text(encoding="utf-8"), str(path)) or {}
        except OSError as exc:
            from linter.errors import os_detail

            raise ConfigError(str(path), "$", Msg.of("config.cannot_read", detail=os_detail(exc))) from None
        except UnicodeDecodeError:
            raise ConfigError(str(path), "$", Msg.of("config.not_utf8")) from None
        except yamlload.YamlProblem as exc:
            raise ConfigError(
                str(path), problems=[Problem("$", yamlload.described(exc.message, "config"), exc.line)]
            ) from None
    if not isinstance(data, dict):
        raise ConfigError(str(path), "$", Msg.of("config.not_mapping"))
    problems = schema_problems(data, path)
    if problems:
        raise ConfigError(str(path), problems=problems)
    if "edition" in data:
        from linter.ruleset.loader import builtin_editions

        if data["edition"] not in builtin_editions():
            known = ", ".join(map(str, builtin_editions()))
            raise ConfigError(
                str(path),
                "$.edition",
                Msg.of("config.edition", edition=data["edition"], known=known),
            )
    base = path.parent
    return Config(
        source=str(path),
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity=dict(data.get("severity", {})),
        fail_on=data.get("fail_on", "error"),
        edition=data.get("edition"),
        lang=data.get("lang", "zh"),
        jobs=data.get("jobs"),
        pair_years=data.get("pair_years", True),
        per_file_ignores=tuple((glob, tuple(p)) for glob, p in data.get("per_file_ignores", {}).items()),
        base=str(base.resolve()),
        extra_rules=tuple(str((base / f).resolve()) for f in data.get("extra_rules", ())),
        roster=str((base / data["roster"]).resolve()) if data.get("roster") else None,
        limits=replace(Limits(), **data.get("limits", {})),
    )


@lru_cache(maxsize=256)
def discover(directory: Path) -> Optional[Path]:
    """The nearest configuration file at or above ``directory``."""
    for folder in (directory, *directory.parents):
        for name in FILENAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "setup.cfg" and _from_setup_cfg(candidate) is None:
                    continue
                return candidate
    return None


def config_for(path: Path, explicit: Optional[Path] = None) -> Config:
    """The configuration that applies to ``path``: --config, else the discovered one, else defaults."""
    if explicit is not None:
        return _read_cached(explicit.resolve())
    found = discover(path.resolve().parent if path.suffix or path.is_file() else path.resolve())
    return _read_cached(found) if found is not None else Config()


@lru_cache(maxsize=64)
def _read_cached(path: Path) -> Config:
    return read_config(path)
