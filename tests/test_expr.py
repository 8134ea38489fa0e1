"""The expression language: safe by construction, linear in the anchor, exact decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from linter.ruleset.expr import ExprError, check_names, evaluate, holds, parse_relation, terms

GROUPS = {"parts": ("a", "b", "c")}


def test_parse_and_evaluate() -> None:
    rel = parse_relation("new + carried == total + next_year")
    vals = {"new": Decimal(70), "carried": Decimal(0), "total": Decimal(69), "next_year": Decimal(1)}
    assert holds(rel.op, evaluate(rel.left, vals, {}), evaluate(rel.right, vals, {}))
    assert terms(rel, {}) == ["new", "carried", "total", "next_year"]


def test_sum_groups_and_dotted_names() -> None:
    rel = parse_relation("review.total == sum(parts) - 2 * x")
    assert terms(rel, GROUPS) == ["review.total", "a", "b", "c", "x"]
    vals = {"review.total": Decimal(4), "a": Decimal(1), "b": Decimal(2), "c": Decimal(3), "x": Decimal(1)}
    assert evaluate(rel.right, vals, GROUPS) == Decimal(4)


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('x') == 1",
        "a.__class__ == 1",
        "open('f') == 1",
        "a[0] == 1",
        "a == b == c",
        "lambda: 1",
        "a + b",
        "a ** 2 == 1",
        "a == ",
        "'text' == a",
    ],
)
def test_rejects_everything_outside_the_grammar(source: str) -> None:
    with pytest.raises(ExprError):
        rel = parse_relation(source)
        check_names(rel, {"a", "b", "c"}, {})


def test_unknown_names_and_groups() -> None:
    with pytest.raises(ExprError, match="unknown name 'z'"):
        check_names(parse_relation("a == z"), {"a"}, {})
    with pytest.raises(ExprError, match="unknown group 'g'"):
        check_names(parse_relation("a == sum(g)"), {"a"}, {})


@given(st.text(max_size=40))
def test_parser_never_raises_anything_but_expr_error(source: str) -> None:
    try:
        parse_relation(source)
    except ExprError:
        pass


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=3, max_size=3))
def test_sum_is_exact(values: list[int]) -> None:
    rel = parse_relation("t == sum(parts)")
    env = {"a": Decimal(values[0]), "b": Decimal(values[1]), "c": Decimal(values[2]), "t": Decimal(sum(values))}
    assert holds(rel.op, evaluate(rel.left, env, GROUPS), evaluate(rel.right, env, GROUPS))


# ---- robustness: any text is a relation or an ExprError, quickly ------------------

TOKENS = [
    "a",
    "b",
    "c",
    "x.y",
    "1",
    "0",
    "2.5",
    "9" * 30,
    "1e999",
    "+",
    "-",
    "*",
    "/",
    "**",
    "(",
    ")",
    "==",
    "<=",
    ">",
    "sum(",
    "sum(parts)",
    "prev(",
    ",",
    ".",
    "[",
    "]",
    "'s'",
    "lambda",
    "if",
    "\x00",
    " ",
    "\n",
    "__class__",
]


@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup_is_a_relation_or_an_expr_error(tokens: list[str]) -> None:
    try:
        rel = parse_relation(" ".join(tokens))
    except ExprError:
        return
    assert rel.op in ("==", "<=", ">=", "<", ">")


@pytest.mark.parametrize(
    "source",
    [
        "a == " + "-" * 100_000 + "1",  # CPython's parser runs out of stack: MemoryError
        "a == " + "+".join(["b"] * 100_000),  # RecursionError while building the ast
        "a == " + "+".join(["b"] * 900),  # within the length limit, too deep to evaluate safely
        "a == " + "(" * 300 + "1" + ")" * 300,
        "a == " + ".".join(["b"] * 10_000),
        "a == " + "9" * 5000,
        "a == 1e999",
        "a == b\x00",
    ],
)
def test_hostile_expressions_are_expr_errors(source: str) -> None:
    import time

    start = time.monotonic()
    with pytest.raises(ExprError):
        parse_relation(source)
    assert time.monotonic() - start < 2


_names = st.sampled_from(["a", "b", "c"])
_leaves = st.one_of(_names, st.integers(0, 1000).map(str))  # 8 leaves multiplied stay within Decimal's 28 digits


def _tree(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _leaves
    sub = _tree(depth - 1)
    return st.one_of(
        _leaves,
        st.builds(lambda a, op, b: f"({a} {op} {b})", sub, st.sampled_from(["+", "-", "*"]), sub),
        sub.map(lambda e: f"-({e})"),
    )


@given(_tree(3), _tree(3), st.integers(-1000, 1000), st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_evaluation_matches_integer_arithmetic(left: str, right: str, a: int, b: int, c: int) -> None:
    env = {"a": a, "b": b, "c": c}
    rel = parse_relation(f"{left} == {right}")
    lookup = {k: Decimal(v) for k, v in env.items()}
    # The reference: Python's own integer arithmetic on the same (trusted, generated) text.
    expected_left = eval(left, {"__builtins__": {}}, env)  # noqa: S307 - generated from a closed grammar
    expected_right = eval(right, {"__builtins__": {}}, env)  # noqa: S307
    assert evaluate(rel.left, lookup, {}) == expected_left
    assert evaluate(rel.right, lookup, {}) == expected_right
    assert holds(rel.op, evaluate(rel.left, lookup, {}), evaluate(rel.right, lookup, {})) == (
        expected_left == expected_right
    )


def test_a_nul_character_is_an_expr_error_on_every_python() -> None:
    # ast.parse raises ValueError for it on some CPython releases (Debian 12's 3.11.2), SyntaxError on others.
    with pytest.raises(ExprError, match="NUL character"):
        parse_relation("a == b\x00")


def test_a_lone_surrogate_is_an_expr_error() -> None:
    # ast.parse encodes the source as UTF-8 and raises UnicodeEncodeError (a ValueError) for it.
    with pytest.raises(ExprError, match="not readable as an expression"):
        parse_relation("a == b\ud800")
