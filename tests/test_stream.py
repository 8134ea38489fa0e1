"""Batch memory: results spooled to disk, reports written one file at a time."""

from __future__ import annotations

import gc
import json
from dataclasses import replace
from typing import Iterator

import pytest

from linter.run.batch import run
from linter.run.check import FileError, FileResult, Options, check_file
from linter.reporters import REPORTERS, get_reporter
from linter.reporters.jsonstream import Items, Later, chunks
from linter.run.spool import ResultSpool, in_order

from tests.conftest import ROOT

DOCX = ROOT / "fixtures" / "docx"


@pytest.fixture(scope="module")
def failing() -> FileResult:
    result = check_file(DOCX / "fail_t4_sum.docx")
    assert result.findings and result.error is None
    return result


def test_spool_keeps_results_on_disk_and_gives_them_back(failing: FileResult) -> None:
    spool = ResultSpool([failing, FileResult("b.docx", error=FileError("RL-IO-008", "empty"))])
    spool.append(replace(failing, path="c.docx"))
    assert len(spool) == 3 and [r.path for r in spool] == [failing.path, "b.docx", "c.docx"]
    assert spool[0] == failing and spool[-1].path == "c.docx" and [r.path for r in spool[1:]] == ["b.docx", "c.docx"]
    spool[1] = replace(failing, path="b2.docx")  # a re-check against last year's report replaces a result
    assert [r.path for r in spool] == [failing.path, "b2.docx", "c.docx"]
    assert spool[1].findings == failing.findings


def test_spool_holds_no_result_in_memory(failing: FileResult) -> None:
    def live() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, FileResult))

    before = live()
    spool = ResultSpool(replace(failing, path=f"{i}.docx") for i in range(300))
    assert len(spool) == 300 and live() == before
    assert sum(len(r.findings) for r in spool) == 300 * len(failing.findings) and live() == before


def test_groups_come_back_in_input_order(failing: FileResult) -> None:
    a = ResultSpool(replace(failing, path=p) for p in ("0", "2"))
    b = [replace(failing, path=p) for p in ("1", "3")]
    assert [r.path for r in in_order([([0, 2], a), ([1, 3], b)], 4)] == ["0", "1", "2", "3"]
    assert in_order([([0, 1], a)], 2) is a


def test_a_batch_is_spooled() -> None:
    paths = [DOCX / "fail_t4_sum.docx", DOCX / "filled_2021.docx"]
    results = run(paths, Options(), jobs=1, isolate=True)
    assert isinstance(results, ResultSpool) and [r.path for r in results] == [str(p) for p in paths]


@pytest.mark.parametrize(
    "value",
    [
        [],
        {},
        {"files": [], "summary": {"rules": {}}},
        [1, [2, []], {"x": "换行\n", "y": None}],
        {"$schema": "s", "runs": [{"tool": {"rules": [{"id": "RL-1"}]}, "results": [{"a": [1, 2]}, {}], "n": [{}]}]},
    ],
)
def test_json_in_pieces_is_json_dumps(value: object) -> None:
    def lazy(v: object, depth: int = 0) -> object:
        if isinstance(v, list) and depth:
            return Items(iter(v))  # items are plain values
        if isinstance(v, list):
            return [lazy(x, depth + 1) for x in v]
        if isinstance(v, dict):
            return {
                k: Later(lambda x=x: lazy(x, depth + 1)) if i % 2 else lazy(x, depth + 1)
                for i, (k, x) in enumerate(v.items())
            }
        return v

    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert "".join(chunks(value)) == expected
    assert "".join(chunks(lazy(value))) == expected


class _Watched(list):  # type: ignore[type-arg]
    """Results that note, whenever a reporter takes the next one, how much it has written so far."""

    def __init__(self, results: list[FileResult], written: list[str]) -> None:
        super().__init__(results)
        self.written = written
        self.passes: list[list[str]] = []  # per pass over the results: the output written by each step

    def __iter__(self) -> Iterator[FileResult]:
        self.passes.append([])
        for r in list.__iter__(self):
            self.passes[-1].append("".join(self.written))
            yield r


@pytest.mark.parametrize("fmt", sorted(f for f in REPORTERS if not get_reporter(f).binary))
def test_reports_are_written_one_file_at_a_time(fmt: str, failing: FileResult) -> None:
    written: list[str] = []
    results = _Watched([replace(failing, path=f"file{i}.docx") for i in range(4)], written)
    for chunk in get_reporter(fmt)(lang="en").chunks(results):
        written.append(chunk)
    assert "".join(written) == get_reporter(fmt)(lang="en").render(results[:])  # a plain list, not watched

    def marker(i: int) -> str:  # HTML lists every path first, in its index
        return f'id="file-{i + 1}"' if fmt == "html" else f"file{i}.docx"

    # One pass writes the files: when it takes file i, file i - 1 is out and file i is not yet.
    writing = [p for p in results.passes if all(marker(i - 1) in p[i] and marker(i) not in p[i] for i in range(1, 4))]
    assert len(writing) == 1
