"""The benchmark's in-process figures: a file the check could not read is counted, never timed."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from tests.docxbuild import MAIN_DOCM, p, write_docx

from tests.conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_script", ROOT / "bench" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unreadable_files_are_counted_and_left_out_of_the_timings(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    shutil.copyfile(ROOT / "fixtures" / "docx" / "filled_2021.docx", good)
    # Its document.xml parses (the floor), but the package is a macro-enabled .docm: RL-IO-009.
    docm = write_docx(tmp_path / "macro.docx", p("一、总体情况"), main_type=MAIN_DOCM)
    cut = tmp_path / "cut.docx"  # a zip whose end is cut off: not even the floor reads it
    cut.write_bytes(good.read_bytes()[:4000])
    figures = _bench().in_process([good, docm, cut])["docx"]
    assert figures["files"] == 1 and figures["unread"] == 2
    assert figures["unread_examples"] == ["macro.docx: RL-IO-009", "cut.docx: floor BadZipFile"]
    assert figures["check_median_ms"] > 0 and figures["floor_median_ms"] > 0
