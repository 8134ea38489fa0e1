"""Configuration: discovered from a checked file's directory upwards (reportlint.yaml,
.reportlint.yaml, or a [reportlint] section in setup.cfg), or given with --config; validated
against schemas/config.schema.json. Command-line options override it."""

from __future__ import annotations

import configparser
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

from linter.errors import ReportlintError
from linter.limits import Limits
from linter.resources import load_schema

FILENAMES = ("reportlint.yaml", ".reportlint.yaml", "setup.cfg")
_LIST_KEYS = ("select", "ignore", "extra_rules")


class ConfigError(ReportlintError):
    """``file: json-path: what is wrong`` (exit 2 before any report is read)."""

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file, self.path, self.message = file, path, message
        super().__init__(f"{file}: {path}: {message}")


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
    limits: Limits = field(default_factory=Limits)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "select": list(self.select), "ignore": list(self.ignore),
            "severity": dict(self.severity), "fail_on": self.fail_on, "edition": self.edition, "lang": self.lang,
            "jobs": self.jobs, "pair_years": self.pair_years,
            "per_file_ignores": {g: list(p) for g, p in self.per_file_ignores},
            "extra_rules": list(self.extra_rules),
            "limits": {name: getattr(self.limits, name) for name in Limits.names()},
        }


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
        raise ConfigError(str(path), "$", f"cannot parse: {exc}") from None
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
            data[key] = {g.strip(): [p.strip() for p in ps.split()] for g, ps in
                         (line.split(":", 1) for line in raw.splitlines() if ":" in line)}
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
        from linter import yamlload  # positions, duplicate keys and alias bombs, as for rule files

        try:
            data = yamlload.load(path.read_text(encoding="utf-8"), str(path)) or {}
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), "$", f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
        except yamlload.YamlProblem as exc:
            where = f" (line {exc.line})" if exc.line else ""
            raise ConfigError(str(path), "$", f"{exc.message}{where}") from None
    if not isinstance(data, dict):
        raise ConfigError(str(path), "$", "a configuration must be a mapping")
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema("config.schema.json"))
    errors = list(validator.iter_errors(data))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        where = _json_path(best.absolute_path)
        line = None
        if path.name != "setup.cfg":
            from linter.yamlload import locate

            line = locate(data, where)[1]
        raise ConfigError(str(path), where, best.message + (f" (line {line})" if line else ""))
    if "edition" in data:
        from linter.ruleset import builtin_editions

        if data["edition"] not in builtin_editions():
            known = ", ".join(map(str, builtin_editions()))
            raise ConfigError(str(path), "$.edition", f"{data['edition']} is not a bundled edition ({known})")
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
        per_file_ignores=tuple((str(base / glob) if not glob.startswith("*") else glob, tuple(p))
                               for glob, p in data.get("per_file_ignores", {}).items()),
        extra_rules=tuple(str((base / f).resolve()) for f in data.get("extra_rules", ())),
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
