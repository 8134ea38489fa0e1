"""linter.run.pool: a file over max_seconds_per_file is RL-IO-012, a dead child RL-INT-002, and the
batch goes on with a fresh child; results keep their input order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from linter.run.check import Options, check_file
from linter.config.limits import Limits
from linter.run.pool import Worker, check_file_limited, check_files_limited
from tests.hostile import slow
from tests.hostile.craft import FIXTURES, rows_10000

GOOD = FIXTURES / "fail_t3_identity.docx"


def test_result_is_the_same_as_in_process() -> None:
    alone = check_file(GOOD)
    limited = check_file_limited(GOOD)
    assert limited.error is None and limited.findings == alone.findings


def test_a_slow_file_is_stopped_at_the_limit(tmp_path: Path) -> None:
    big = rows_10000(tmp_path, "")
    start = time.monotonic()
    result = check_file_limited(big, Options(lang="en", limits=Limits(max_seconds_per_file=0.3)))
    assert time.monotonic() - start < 10
    assert result.error is not None and result.error.code == "RL-IO-012"
    assert "max_seconds_per_file = 0.3" in result.error.message and result.error.message.startswith("time limit")


def test_a_dead_child_is_reported_and_replaced(tmp_path: Path) -> None:
    die = tmp_path / "die.docx"
    die.write_bytes(b"")
    with Worker(Options(lang="en"), check=slow.by_name) as worker:
        result = worker.check(die)
        assert result.error is not None and result.error.code == "RL-INT-002" and "signal 9" in result.error.message
        again = worker.check(GOOD)  # a fresh child takes over
        assert again.error is None and again.findings == check_file(GOOD, Options(lang="en")).findings


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="RLIMIT_AS is POSIX")
def test_memory_is_capped_in_the_child(tmp_path: Path) -> None:
    hog = tmp_path / "hog.docx"
    hog.write_bytes(b"")
    with Worker(Options(), check=slow.by_name) as worker:
        result = worker.check(hog)
    assert result.error is not None and result.error.code == "RL-IO-005"


def test_batch_keeps_order_and_goes_on(tmp_path: Path) -> None:
    for name in ("sleep.docx", "die.docx"):
        (tmp_path / name).write_bytes(b"")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    paths = [GOOD, tmp_path / "sleep.docx", empty, tmp_path / "die.docx", GOOD]
    options = Options(limits=Limits(max_seconds_per_file=1.0))
    start = time.monotonic()
    results = list(check_files_limited(paths, options, jobs=2, check=slow.by_name))
    assert time.monotonic() - start < 30
    assert [r.path for r in results] == [str(p) for p in paths]
    codes = [r.error.code if r.error else None for r in results]
    assert codes == [None, "RL-IO-012", "RL-IO-008", "RL-INT-002", None]
    assert results[0].findings == results[4].findings == check_file(GOOD).findings


def test_files_queued_behind_a_stopped_file_go_to_a_fresh_child(tmp_path: Path) -> None:
    # One child, two files in its hands at a time: the files sent to it behind the one that
    # overran or killed it are checked by its replacement, in order, with their own clocks.
    for name in ("sleep.docx", "die.docx", "empty.docx"):
        (tmp_path / name).write_bytes(b"")
    paths = [GOOD, tmp_path / "sleep.docx", GOOD, tmp_path / "die.docx", tmp_path / "empty.docx", GOOD]
    options = Options(limits=Limits(max_seconds_per_file=1.0))
    results = list(check_files_limited(paths, options, jobs=1, check=slow.by_name, depth=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    assert [r.error.code if r.error else None for r in results] == [
        None,
        "RL-IO-012",
        None,
        "RL-INT-002",
        "RL-IO-008",
        None,
    ]
    expected = check_file(GOOD).findings
    assert results[0].findings == results[2].findings == results[5].findings == expected


def test_a_worker_holds_two_files_and_times_each(tmp_path: Path) -> None:
    sleep = tmp_path / "sleep.docx"
    sleep.write_bytes(b"")
    with Worker(Options(lang="en", limits=Limits(max_seconds_per_file=0.5)), check=slow.by_name) as worker:
        worker.submit(sleep)
        worker.submit(GOOD)
        assert worker.pending == 2
        first = worker.collect(block=True)
        assert first is not None and first.error is not None and first.error.code == "RL-IO-012"
        assert worker.pending == 1
        second = worker.collect(block=True)  # re-sent to a fresh child, under a clock of its own
        assert (
            second is not None
            and second.error is None
            and second.findings == check_file(GOOD, Options(lang="en")).findings
        )
        assert worker.pending == 0


def test_a_launched_child_starts_before_its_first_file_and_the_clock_waits_for_it(tmp_path: Path) -> None:
    # A batch starts all its children at once (launch), and a file's time limit runs from when
    # its child is ready: start-up (imports, rule sets) does not count against the first file.
    with Worker(Options(lang="en", limits=Limits(max_seconds_per_file=0.5)), check=slow.by_name) as worker:
        worker.launch()
        assert worker.connection is not None and worker.pending == 0
        pid = worker._proc.pid  # type: ignore[union-attr]
        worker.launch()  # a second launch keeps the child it has
        assert worker._proc.pid == pid  # type: ignore[union-attr]
        before = time.monotonic()
        worker.submit(GOOD)
        assert worker.deadline >= before + 0.5  # set once the child said it was ready
        result = worker.collect(block=True)
        assert result is not None and result.error is None
        assert result.findings == check_file(GOOD, Options(lang="en")).findings
        assert worker._proc.pid == pid  # type: ignore[union-attr]


def _local_check_cannot_be_sent_to_a_child() -> object:
    def check(path: Path, options: Options, **kwargs: object) -> object:
        return check_file(path, options)

    return check


def test_a_child_that_cannot_be_started_is_an_error_per_file() -> None:
    check = _local_check_cannot_be_sent_to_a_child()  # a local function does not pickle
    results = list(check_files_limited([GOOD, GOOD], Options(lang="en"), jobs=2, check=check))  # type: ignore[arg-type]
    assert [r.path for r in results] == [str(GOOD)] * 2
    assert [r.error.code if r.error else None for r in results] == ["RL-INT-002"] * 2
    assert all("pickle" in r.error.message for r in results if r.error)
