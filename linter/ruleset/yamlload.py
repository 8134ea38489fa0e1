"""Load YAML rule files safely and keep where every value came from (file and line).

``yaml.safe_load`` with three additions: mappings and sequences are ``LineDict``/``LineList``
(plain dict/list subclasses that remember the file and the line of each key or item), a key
repeated in one mapping is an error instead of silently winning, and alias bombs (a few
anchors expanding to millions of nodes, or an alias inside itself) are refused before
anything walks the data. ``locate`` turns a JSON path such as ``$.rules[2].checks[0].expr``
into the file and line it points at.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

MAX_RULE_FILE_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000  # the built-in rule files have a few thousand


class YamlProblem(ValueError):
    """A rule file that is not acceptable YAML; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class LineDict(dict[Any, Any]):
    """A mapping from a YAML file: ``file``, ``line`` (of the mapping) and ``lines[key]``."""

    file: str = ""
    line: Optional[int] = None
    lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence from a YAML file: ``file``, ``line`` and ``lines[index]``."""

    file: str = ""
    line: Optional[int] = None
    lines: list[int]


def load(text: str, file: str) -> Any:
    """Parse ``text`` (the content of ``file``); raise YamlProblem with a line on any problem."""
    import yaml

    if len(text.encode("utf-8", errors="replace")) > MAX_RULE_FILE_BYTES:
        raise YamlProblem(f"rule file larger than {MAX_RULE_FILE_BYTES // (1024 * 1024)} MB")

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml when the wheel has it
        pass

    def construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
        data = LineDict()
        data.file, data.line, data.lines = file, node.start_mark.line + 1, {}
        yield data
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:  # the node's own keys, before '<<' merges are flattened in
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.value in seen:
                    raise YamlProblem(
                        f"duplicate key '{key_node.value}', first at line {seen[key_node.value]}",
                        key_node.start_mark.line + 1,
                    )
                seen[key_node.value] = key_node.start_mark.line + 1
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=False)
            try:
                hash(key)
            except TypeError:
                raise YamlProblem("a mapping key must be a plain value", key_node.start_mark.line + 1) from None
            data[key] = loader.construct_object(value_node, deep=False)
            data.lines[key] = key_node.start_mark.line + 1

    def construct_seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> Any:
        data = LineList()
        data.file, data.line, data.lines = file, node.start_mark.line + 1, [n.start_mark.line + 1 for n in node.value]
        yield data
        data.extend(loader.construct_object(child, deep=False) for child in node.value)

    Loader.add_constructor("tag:yaml.org,2002:map", construct_map)
    Loader.add_constructor("tag:yaml.org,2002:seq", construct_seq)
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        if "nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own limit
            raise YamlProblem("YAML nested too deeply", mark.line + 1 if mark else None) from None
        raise YamlProblem(
            f"YAML syntax error: {where}{getattr(exc, 'problem', None) or exc}", mark.line + 1 if mark else None
        ) from None
    except RecursionError:
        raise YamlProblem("YAML nested too deeply") from None
    _check_expansion(data)
    return data


def _check_expansion(data: Any) -> None:
    """Refuse alias bombs: count nodes as a reader of the expanded data would see them."""
    memo: dict[int, int] = {}
    active: set[int] = set()

    def size(obj: Any) -> int:
        if not isinstance(obj, (dict, list)):
            return 1
        key = id(obj)
        if key in memo:
            return memo[key]
        if key in active:
            raise YamlProblem(
                "an alias refers to a value that contains it (recursive YAML)", getattr(obj, "line", None)
            )
        active.add(key)
        children = obj.values() if isinstance(obj, dict) else obj
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_EXPANDED_NODES:
                raise YamlProblem(
                    f"the rule file expands to more than {MAX_EXPANDED_NODES} values "
                    "(anchors and aliases used as a bomb?)",
                    getattr(obj, "line", None),
                )
        active.discard(key)
        memo[key] = total
        return total

    try:
        size(data)
    except RecursionError:
        raise YamlProblem("YAML nested too deeply") from None


_STEP = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]")


def locate(
    data: Any, path: str, select: Optional[Callable[[list[Any]], list[Any]]] = None, default_file: str = ""
) -> tuple[str, Optional[int]]:
    """The file and line a JSON path points at in loaded (possibly merged) data.

    ``select`` maps a list to the list its indices count in (e.g. entries of one edition).
    The deepest step that has a recorded position wins; unknown steps stop the walk.
    """
    node = data
    file = getattr(data, "file", "") or default_file
    line: Optional[int] = getattr(data, "line", None)
    for name, index in _STEP.findall(path):
        if index:
            if not isinstance(node, list):
                break
            items = select(node) if select is not None else node
            i = int(index)
            if i >= len(items):
                break
            item = items[i]
            pos = next((k for k, x in enumerate(node) if x is item), None)
            if isinstance(node, LineList) and pos is not None:
                file, line = node.file, node.lines[pos]
            elif getattr(item, "line", None) is not None:
                file, line = item.file, item.line
            node = item
        else:
            if not isinstance(node, dict):
                break
            if name == "checks" and name not in node and "check" in node:
                single = LineList([node["check"]])  # `check:` is read as `checks: [..]`
                single.file = getattr(node, "file", file)
                single.lines = [getattr(node, "lines", {}).get("check", line or 0)]
                single.line = single.lines[0]
                file, line, node = single.file, single.line, single
                continue
            if name not in node:
                break
            if isinstance(node, LineDict):
                file, line = node.file, node.lines.get(name, line)
            elif getattr(node[name], "line", None) is not None:
                file, line = node[name].file, node[name].line
            node = node[name]
    return file or default_file, line


def described(message: str, catalogue: str = "ruleset") -> object:
    """A YAML reading problem of a rule file (``catalogue`` ``config``: of a configuration file):
    the parser's own words in English, what kind of problem it is in the other languages."""
    from linter.i18n import English, Msg

    m = re.match(r"duplicate key '(.*)', first at line (\d+)", message)
    if m:
        return English(message, Msg.of(f"{catalogue}.yaml.duplicate", key=m.group(1), line=m.group(2)))
    m = re.match(r"rule file larger than (\d+) MB", message)
    if m:
        return Msg.of("ruleset.too_large", mb=m.group(1))
    if message.startswith("YAML syntax error"):
        kind = "syntax"
    elif "nested too deeply" in message:
        kind = "nested"
    elif "alias" in message or "expands to more than" in message:
        kind = "alias"
    elif "mapping key" in message:
        kind = "key"
    else:
        kind = "other"
    return English(message, Msg.of(f"{catalogue}.yaml.{kind}"))
