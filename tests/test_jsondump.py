"""The JSON comparison tool: a dump of one folder is the linter's JSON; diff names the entry that changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import jsondump
from tests.conftest import DOCX


def test_dump_one_folder_and_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, rc = jsondump._check(DOCX, "en", DOCX.parents[1])
    doc = json.loads(data)
    checked = [f["path"] for f in doc["files"] if f["verdict"] != "skipped"]
    assert rc == 1 and len(checked) == len(list(DOCX.glob("*.docx")))
    assert {Path(f["path"]).suffix for f in doc["files"] if f["verdict"] == "skipped"} == {
        ".md",
        ".yaml",
    }  # MANIFEST, sidecars
    old, new = tmp_path / "old", tmp_path / "new"
    for d in (old, new):
        d.mkdir()
        (d / "docx.en.json").write_bytes(data)
    assert jsondump.diff(old, new) == 0
    entry = next(f for f in doc["files"] if f["findings"])
    entry["findings"][0]["severity"] = "info"
    (new / "docx.en.json").write_text(json.dumps(doc), encoding="utf-8")
    (new / "docx.en.rc").write_text("0\n")
    capsys.readouterr()
    assert jsondump.diff(old, new) == 1
    out = capsys.readouterr().out
    assert f"+++ new {entry['path']}" in out
    assert ["".join(line.split()) for line in out.splitlines() if "severity" in line] == [
        '-"severity":"warning",',
        '+"severity":"info",',
    ]
    assert "docx.en.rc: only in" in out and "2 differ" in out
