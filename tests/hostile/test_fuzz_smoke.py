"""The fuzz script itself works (CI runs it with --count 2000): a short run, every input reproducible."""

from __future__ import annotations

from pathlib import Path

from tests import fuzz


def test_short_fuzz_run_is_clean() -> None:
    stats = fuzz.run(count=40, seed=7, jobs=2, save=None, quiet=True)
    assert stats["inputs"] == 40
    assert not any(stats.get(k) for k in ("crash", "hang", "unknown-rule", "undocumented-code", "render")), stats


def test_inputs_are_reproducible(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = fuzz.make_input(12, 3, tmp_path / "a")
    two = fuzz.make_input(12, 3, tmp_path / "b")
    assert one.name == two.name and one.read_bytes() == two.read_bytes()
