"""The model's fast constructors build the very objects the dataclass constructors build."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from linter.model import Cell, Paragraph


@pytest.mark.parametrize(("fast", "slow"), [
    (Cell.fast("12", 3, 1, 2, 1, 4, 2, "/w:document/w:body/w:tbl/w:tr[4]/w:tc[2]"),
     Cell(text="12", grid_row=3, grid_col=1, rowspan=2, colspan=1, phys_row=4, phys_col=2,
          xpath="/w:document/w:body/w:tbl/w:tr[4]/w:tc[2]")),
    (Paragraph.fast(7, "总体情况", "一、", "Heading1", 0, "/w:document/w:body/w:p[8]"),
     Paragraph(index=7, text="总体情况", label="一、", style="Heading1", outline_level=0,
               xpath="/w:document/w:body/w:p[8]")),
])
def test_fast_constructor_equals_dataclass_constructor(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)  # type: ignore[call-overload]
    assert pickle.loads(pickle.dumps(fast)) == slow
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "changed"  # type: ignore[attr-defined]
    assert dataclasses.replace(fast, text="x") == dataclasses.replace(slow, text="x")  # type: ignore[type-var]


def test_fast_constructors_cover_every_field_without_a_default() -> None:
    # _frozen skips __init__: a required field it did not set, or a __post_init__, would be lost.
    for cls in (Cell, Paragraph):
        assert not hasattr(cls, "__post_init__")
        required = {f.name for f in dataclasses.fields(cls)
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
        assert required <= set(cls.fast.__code__.co_varnames[1:cls.fast.__code__.co_argcount])
