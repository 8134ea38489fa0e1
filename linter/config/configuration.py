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
from linter.config.limits import Limits
from linter.ruleset.resources import load_schema

FILENAMES = ("reportlint.yaml", ".reportlint.yaml", "setup.cfg")
_LIST_KEYS = ("select", "ignore", "extra_rules")


@dataclass(frozen=True)
class Problem:
    """One mistake in a configuration file, in both languages."""

    path: str  # JSON path: $.limits.max_file_bytes
    en: str
    zh: str
    line: Optional[int] = None


class ConfigError(ReportlintError):
    """``file: json-path: what is wrong (line N)``, one line per mistake (exit 2 before any report
    is read); in Chinese unless ``lang`` is set to "en"."""

    def __init__(
        self, file: str, path: str = "$", message: str = "", problems: Optional[list[Problem]] = None, zh: str = ""
    ) -> None:
        self.file = file
        self.problems = problems if problems is not None else [Problem(path, message, zh or message)]
        self.path, self.message = self.problems[0].path, self.problems[0].en
        self.lang = "zh"
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        lines = []
        for p in self.problems:
            text = p.zh if lang == "zh" else p.en
            line = (f"（第 {p.line} 行）" if lang == "zh" else f" (line {p.line})") if p.line else ""
            lines.append(
                f"{self.file}: {p.path}: {text}{line}" if lang != "zh" else f"{self.file}：{p.path}：{text}{line}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render(self.lang)


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


def _yaml_zh(message: str) -> str:
    """A YAML reading problem in Chinese (the parser's own detail is not translated)."""
    import re

    m = re.match(r"duplicate key '(.*)', first at line (\d+)", message)
    if m:
        return f"设置项「{m.group(1)}」重复（第 {m.group(2)} 行已有）"
    if message.startswith("YAML syntax error"):
        return "YAML 语法错误（括号、引号或缩进不完整）"
    if "nested too deeply" in message:
        return "YAML 嵌套层数过多"
    if "alias" in message or "expands to more than" in message:
        return "YAML 别名展开过多或互相引用"
    if "mapping key" in message:
        return "映射的键必须是简单的值"
    return "YAML 格式错误"


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
        for en, zh, at in _describe(error, schema):
            problems.append(Problem(at or where, en, zh, line))
    return sorted(problems, key=lambda p: (p.line or 0, p.path))  # in the order of the file


def _describe(error: Any, schema: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(English, Chinese, path if other than the error's) for one jsonschema error."""
    from difflib import get_close_matches

    v, value = error.validator, error.instance
    where = _json_path(error.absolute_path)
    if v == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(value) - set(known)):
            close = get_close_matches(str(key), known, n=1)
            hint_en = f" (did you mean {close[0]}?)" if close else ""
            hint_zh = f"（是否想写 {close[0]}？）" if close else ""
            out.append(
                (
                    f"unknown setting {key!r}{hint_en}",
                    f"没有「{key}」这一设置项{hint_zh}",
                    f"{where}.{key}" if where != "$" else f"$.{key}",
                )
            )
        return out
    if v == "enum":
        options = error.validator_value
        close = get_close_matches(str(value), [str(o) for o in options], n=1)
        hint_en = f" (did you mean {close[0]}?)" if close else ""
        hint_zh = f"（是否想写 {close[0]}？）" if close else ""
        allowed = ", ".join(str(o) for o in options)
        return [
            (
                f"{value!r} is not one of {allowed}{hint_en}",
                f"「{value}」不是可用的值（可用：{allowed.replace(', ', '、')}）{hint_zh}",
                "",
            )
        ]
    if v == "type":
        names = {
            "array": ("a list", "列表"),
            "object": ("a mapping", "映射"),
            "string": ("text", "文字"),
            "integer": ("a whole number", "整数"),
            "number": ("a number", "数字"),
            "boolean": ("true or false", "true 或 false"),
        }
        en, zh = names.get(str(error.validator_value), (str(error.validator_value), str(error.validator_value)))
        return [(f"must be {en}, not {value!r}", f"应为{zh}，实为「{value}」", "")]
    if v in ("minimum", "exclusiveMinimum", "maximum"):
        word = {
            "minimum": ("at least", "不能小于"),
            "exclusiveMinimum": ("more than", "必须大于"),
            "maximum": ("at most", "不能大于"),
        }[v]
        return [
            (f"{value} must be {word[0]} {error.validator_value}", f"{value} {word[1]} {error.validator_value}", "")
        ]
    if v == "pattern":
        return [
            (
                f"{value!r} is not a rule id (RL-T3-002), id prefix (RL-T3) or rule name (requests.balance)",
                f"「{value}」不是规则编号（如 RL-T3-002）、编号前缀（如 RL-T3）或规则名称（如 requests.balance）",
                "",
            )
        ]
    if v == "propertyNames":
        return [(f"{value!r} is not a rule id", f"「{value}」不是规则编号", "")]
    if v in ("minItems", "minLength"):
        return [("must not be empty", "不能为空", "")]
    return [(error.message, f"不符合配置格式：{error.message}", "")]


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

            detail = os_detail(exc)
            raise ConfigError(str(path), "$", f"cannot read: {detail}", zh=f"无法读取：{detail.zh}") from None
        except UnicodeDecodeError:
            raise ConfigError(
                str(path), "$", "cannot read: not UTF-8 text", zh="无法读取：不是 UTF-8 编码的文本"
            ) from None
        except yamlload.YamlProblem as exc:
            raise ConfigError(
                str(path), problems=[Problem("$", exc.message, _yaml_zh(exc.message), exc.line)]
            ) from None
    if not isinstance(data, dict):
        raise ConfigError(str(path), "$", "a configuration must be a mapping", zh="配置应为「键: 值」形式的映射")
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
                f"{data['edition']} is not a bundled edition ({known})",
                zh=f"{data['edition']} 不是内置的格式版本（{known}）",
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
