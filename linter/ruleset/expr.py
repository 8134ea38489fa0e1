"""A tiny, safe expression language over named table cells (parsed with ``ast``; never ``eval``).

Grammar: numbers, names (``total``, dotted ``review.total``), ``+ - *``, unary minus,
``sum(group)``, ``prev(name)`` (the same cell in the previous year's report) and one
comparison (``== <= >= < >``) at the top. Names are row keys, column
keys or group names of one table; the rule's ``each`` decides which (see checks/equation.py).
"""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Mapping, Sequence, Union

Node = Union["Num", "Ref", "Sum", "BinOp", "Neg"]
PREV = "prev:"


class ExprError(ValueError):
    """A syntax or name error in an expression (reported with the rule file's JSON path)."""


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Sum:
    group: str


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Relation:
    """``left op right``; the source text is kept for messages."""

    left: Node
    op: str
    right: Node
    source: str


_CMP = {ast.Eq: "==", ast.LtE: "<=", ast.GtE: ">=", ast.Lt: "<", ast.Gt: ">"}
_BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _dotted(node.value) + "." + node.attr
    raise ExprError(f"unsupported name syntax: {ast.dump(node)}")


def _convert(node: ast.expr) -> Node:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        value = Decimal(str(node.value))
        if not value.is_finite() or abs(value) >= MAX_NUMBER:
            raise ExprError(f"number out of range: {node.value}")
        return Num(value)
    if isinstance(node, (ast.Name, ast.Attribute)):
        return Ref(_dotted(node))
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        return BinOp(_BIN[type(node.op)], _convert(node.left), _convert(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return Neg(_convert(node.operand))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("sum", "prev"):
        if len(node.args) != 1 or node.keywords:
            raise ExprError(f"{node.func.id}() takes exactly one name")
        name = _dotted(node.args[0])
        return Sum(name) if node.func.id == "sum" else Ref(PREV + name)
    raise ExprError(f"not allowed in an expression: {type(node).__name__}")


MAX_SOURCE = 2000  # characters; the longest built-in relation is a few hundred
MAX_DEPTH = 100  # nesting of the parsed tree, so evaluation never recurses deeply
MAX_NUMBER = Decimal(10) ** 15


def parse_relation(source: str) -> Relation:
    """Parse ``a + b == c``; raise ExprError on anything outside the grammar."""
    if len(source) > MAX_SOURCE:
        raise ExprError(f"expression longer than {MAX_SOURCE} characters")
    if "\x00" in source:  # some CPython releases raise ValueError for it (3.11.2), others SyntaxError
        raise ExprError("expression contains a NUL character")
    try:
        tree = ast.parse(source.strip(), mode="eval")
        body = tree.body
        if not isinstance(body, ast.Compare) or len(body.ops) != 1 or type(body.ops[0]) not in _CMP:
            raise ExprError("an expression must be one comparison, e.g. 'a + b == c'")
        rel = Relation(_convert(body.left), _CMP[type(body.ops[0])], _convert(body.comparators[0]), source.strip())
    except SyntaxError as exc:
        raise ExprError(f"syntax error at column {exc.offset}: {exc.msg}") from None
    except (RecursionError, MemoryError):  # CPython's parser and ast on very long chains
        raise ExprError("expression nested too deeply") from None
    except ExprError:
        raise
    except ValueError as exc:  # anything else ast.parse refuses to read as source
        raise ExprError(f"not readable as an expression: {exc}") from None
    if max(_depth(rel.left), _depth(rel.right)) > MAX_DEPTH:
        raise ExprError(f"expression nested more than {MAX_DEPTH} levels deep")
    return rel


def _depth(node: Node) -> int:
    # Iterative: the tree may be deep, which is exactly what this measures.
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(current, BinOp):
            stack += [(current.left, level + 1), (current.right, level + 1)]
        elif isinstance(current, Neg):
            stack.append((current.operand, level + 1))
    return deepest


def names(node: Node) -> list[str]:
    """Every cell name referenced, in order (groups as ``sum:<group>``)."""
    if isinstance(node, Ref):
        return [node.name]
    if isinstance(node, Sum):
        return ["sum:" + node.group]
    if isinstance(node, BinOp):
        return names(node.left) + names(node.right)
    if isinstance(node, Neg):
        return names(node.operand)
    return []


def check_names(rel: Relation, known: set[str], groups: Mapping[str, Sequence[str]]) -> None:
    for name in names(rel.left) + names(rel.right):
        if name.startswith("sum:"):
            if name[4:] not in groups:
                raise ExprError(f"unknown group '{name[4:]}' in sum()")
        elif name.removeprefix(PREV) not in known:
            raise ExprError(f"unknown name '{name.removeprefix(PREV)}'")


Evaluator = Callable[[Mapping[str, Decimal]], Decimal]
_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def evaluate(node: Node, values: Mapping[str, Decimal], groups: Mapping[str, Sequence[str]]) -> Decimal:
    """The value of ``node`` for name -> value ``values`` (a group sums its names)."""
    return compile_node(node, groups)(values)


def compile_node(node: Node, groups: Mapping[str, Sequence[str]]) -> Evaluator:
    """``node`` turned into closures once, for a relation applied to many rows or columns:
    evaluation left to right, taking the name -> value mapping itself."""
    if isinstance(node, Num):
        value = node.value
        return lambda values: value
    if isinstance(node, Ref):
        return operator.itemgetter(node.name)
    if isinstance(node, Sum):
        names = tuple(groups[node.group])
        zero = Decimal(0)
        return lambda values: sum(map(values.__getitem__, names), zero)
    if isinstance(node, Neg):
        inner = compile_node(node.operand, groups)
        return lambda values: -inner(values)
    left, right, op = compile_node(node.left, groups), compile_node(node.right, groups), _ARITH[node.op]
    return lambda values: op(left(values), right(values))


_HOLDS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "==": operator.eq,
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}


def comparison(op: str) -> Callable[[Decimal, Decimal], bool]:
    """The test of ``left op right``, looked up once for many applications."""
    return _HOLDS[op]


def holds(op: str, left: Decimal, right: Decimal) -> bool:
    return comparison(op)(left, right)


def terms(rel: Relation, groups: Mapping[str, Sequence[str]]) -> list[str]:
    """Every cell name of the relation with groups expanded, without duplicates, in order."""
    out: list[str] = []
    for name in names(rel.left) + names(rel.right):
        expanded = list(groups[name[4:]]) if name.startswith("sum:") else [name]
        for n in expanded:
            if n not in out:
                out.append(n)
    return out
