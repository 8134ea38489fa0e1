"""A check kind's parameters, read from its mapping in a rule file into the kind's typed ``Params``
dataclass (the JSON Schema has checked their shape first; this is what the code relies on)."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, Literal, TypeVar, Union

from linter.i18n import Listing, Msg

T = TypeVar("T")

# Keys of a check that are the rule file's, not the kind's.
COMMON = ("kind", "editions")


class ParamError(Exception):
    """A parameter the kind cannot take: ``key`` is its JSON path below the check (``quotes[2].table``),
    ``message`` what is wrong (a ``Msg`` of the catalogue's ``param.*``)."""

    def __init__(self, key: str, message: object) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def read_params(cls: type[T], raw: Mapping[str, Any], ignore: tuple[str, ...] = COMMON) -> T:
    """``raw`` as an instance of the dataclass ``cls``: every key known, every required one there,
    every value of its field's type (str, int, bool, Literal, Optional, tuple[X, ...],
    Mapping[str, X] and nested dataclasses)."""
    return _dataclass(cls, raw, "", ignore)


def _dataclass(cls: type[T], raw: Any, at: str, ignore: tuple[str, ...] = ()) -> T:
    if not isinstance(raw, Mapping):
        raise ParamError(at or "$", Msg.of("param.mapping"))
    hints = _hints(cls)
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    for key in raw:
        if key not in names and key not in ignore:
            known = Listing(tuple(names)) if names else Msg.of("param.none")
            raise ParamError(_join(at, key), Msg.of("param.unknown", key=key, known=known))
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name in raw:
            values[f.name] = _value(hints[f.name], raw[f.name], _join(at, f.name))
        elif f.default is MISSING and f.default_factory is MISSING:
            raise ParamError(_join(at, f.name), Msg.of("param.required", key=f.name))
    return cls(**values)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The field types of a Params class, resolved once per class (a rule set reads dozens of
    checks of the same few kinds, and resolving the annotations is most of reading them)."""
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _join(at: str, key: str) -> str:
    return f"{at}.{key}" if at else key


def _value(tp: Any, value: Any, at: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Any:
        return value
    if origin is Union or origin is types.UnionType:
        if value is None and type(None) in args:
            return None
        (tp,) = [a for a in args if a is not type(None)]
        return _value(tp, value, at)
    if origin is Literal:
        if value not in args:
            raise ParamError(at, Msg.of("param.not_one_of", value=value, allowed=Listing(tuple(map(str, args)))))
        return value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ParamError(at, Msg.of("param.list"))
        return tuple(_value(args[0], v, f"{at}[{i}]") for i, v in enumerate(value))
    if origin is Mapping or origin is dict:
        if not isinstance(value, Mapping):
            raise ParamError(at, Msg.of("param.mapping"))
        return {k: _value(args[1], v, f"{at}.{k}") for k, v in value.items()}
    if is_dataclass(tp) and isinstance(tp, type):
        return _dataclass(tp, value, at)
    if tp is bool and isinstance(value, bool):
        return value
    if tp is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tp is str and isinstance(value, str):
        return value
    raise ParamError(at, Msg.of("param.wrong_type", kind=getattr(tp, "__name__", tp), found=type(value).__name__))
