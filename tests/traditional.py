"""The traditional forms recognition must fold: every traditional single-character form (OpenCC's
t2s, character by character) of each simplified character that the rule files' labels, keywords and
the format's facts use, and the words of the language the code reads by (「以下简称」, 「编制」:
its string constants outside the message catalogue). ``python tests/traditional.py`` prints the entries rules/format.yaml's
``traditional:`` lacks, to paste into it; tests/test_format_facts.py fails while any is missing.

A form that is itself a character of simplified writing (in GB 2312, 乾 for 干) is never folded: it
would make two different words read alike. 於 (于) and 後 (后) are the two such forms folded:
simplified writing keeps them only in names, and the format's 「属于」「关于」「复议后起诉」 are
written 「屬於」「關於」「復議後起訴」 in traditional characters.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

# Parts of a rule file that are not read from a report: what the user reads, and the cases.
_NOT_READ = {"messages", "summary", "basis", "examples", "about"}
# Forms that are GB 2312 characters but are folded all the same (see the module's docstring).
FOLDED_ANYWAY = {"於", "後"}


def _strings(node: Any, skip: bool = False) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, skip or key in _NOT_READ)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, skip)
    elif isinstance(node, str) and not skip:
        yield node


def used_characters() -> set[str]:
    """The CJK characters of the rule files' labels and keywords and of the format's facts (not of
    their messages or cases), the traditional forms' table itself left out, and of the code's words."""
    chars: set[str] = set()
    for path in sorted(RULES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "format.yaml":
            data = {k: v for k, v in data.items() if k != "traditional"}
        else:
            data = {k: v for k, v in data.items() if k in ("sections", "tables", "rules")}
        for text in _strings(data):
            chars.update(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    for text in _code_strings():
        chars.update(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return chars


def module_strings(path: Path) -> list[str]:
    """The string constants of a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def _code_strings() -> Iterator[str]:
    """The string constants of the code (not docstrings, not the message catalogue)."""
    for path in sorted((ROOT / "linter").rglob("*.py")):
        if "i18n" not in path.parts:
            yield from module_strings(path)


def also_simplified(ch: str) -> bool:
    """Whether ``ch`` is a character of simplified writing too (GB 2312), other than ``FOLDED_ANYWAY``."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return ch not in FOLDED_ANYWAY


def traditional_forms(chars: set[str]) -> dict[str, str]:
    """Traditional form -> simplified character, for every character of ``chars`` (OpenCC's t2s of
    each CJK character, one at a time), forms that are simplified characters too left out."""
    import opencc  # a test dependency only: the runtime reads rules/format.yaml

    t2s = opencc.OpenCC("t2s")
    forms: dict[str, str] = {}
    for code in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)):
        ch = chr(code)
        simple = t2s.convert(ch)
        if simple != ch and simple in chars and not also_simplified(ch):
            forms[ch] = simple
    return forms


def missing(table: dict[str, str]) -> dict[str, str]:
    """The forms ``table`` (rules/format.yaml's ``traditional``) lacks or maps otherwise."""
    return {t: s for t, s in traditional_forms(used_characters()).items() if table.get(t) != s}


def main() -> int:
    data = yaml.safe_load((RULES / "format.yaml").read_text(encoding="utf-8"))
    lacking = missing(data.get("traditional", {}))
    for t, s in sorted(lacking.items(), key=lambda item: (item[1], item[0])):
        print(f"  {t}: {s},")
    return 1 if lacking else 0


if __name__ == "__main__":
    sys.exit(main())
