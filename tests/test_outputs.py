"""Files reportlint writes: never over an input (under any name), whole or not at all (a kill,
Ctrl-C or a full disk leaves the previous file), with the umask's permissions; exit 130 on Ctrl-C."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli

TEMPLATE = ROOT / "fixtures" / "template" / "2021_official_template.docx"
BROKEN = ROOT / "examples" / "sample_2021_broken_table3.docx"


def _reports(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "报告.docx"
    b = tmp_path / "另一份.docx"
    shutil.copyfile(BROKEN, a)
    shutil.copyfile(TEMPLATE, b)
    return a, b


def _no_temporary_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or "reportlint-" in p.name]


# ---- no output replaces an input ------------------------------------------------------------


def test_annotate_glob_on_the_second_run_refuses_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``annotate 报告*.docx`` after a first run: the glob gives 报告.docx and 报告.reviewed.docx, and
    the first copy would replace the second input. Nothing is read or written; exit 2."""
    _reports(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("annotate", "报告.docx").exit_code == 1  # the first run: a copy with comments
    copy = tmp_path / "报告.reviewed.docx"
    before = copy.read_bytes()
    from linter.run import gate

    monkeypatch.setattr(gate, "check_plan", _must_not_run)
    result = cli("annotate", *sorted(str(p.name) for p in tmp_path.glob("报告*.docx")))
    assert result.exit_code == 2, result.output
    assert "批注副本 报告.reviewed.docx 会覆盖本次检查的输入文件" in result.output
    assert "未读取、未写入任何文件" in result.output
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["另一份.docx", "报告.docx", "报告.reviewed.docx"]


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("a report was read before the refusal")


def test_annotate_later_input_named_like_an_earlier_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _reports(tmp_path)
    later = tmp_path / "sub" / "报告.reviewed.docx"
    later.parent.mkdir()
    shutil.copyfile(TEMPLATE, later)
    from linter.run import gate

    monkeypatch.setattr(gate, "check_plan", _must_not_run)
    # -o sub/: the copy of 报告.docx is sub/报告.reviewed.docx, the third input
    result = cli("annotate", "--lang", "en", str(a), str(b), str(later), "-o", str(later.parent))
    assert result.exit_code == 2, result.output
    assert f"the annotated copy {later} would replace an input of this run" in result.output
    assert later.read_bytes() == TEMPLATE.read_bytes()
    # one input and -o naming that input, through "..": refused as well
    result = cli("annotate", str(a), "-o", str(tmp_path / "sub" / ".." / a.name))
    assert result.exit_code == 2 and "会覆盖本次检查的输入文件" in result.output
    assert a.read_bytes() == BROKEN.read_bytes()


@pytest.mark.parametrize("how", ["same", "dotdot", "symlink", "hardlink"])
def test_check_output_onto_a_report_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    a, b = _reports(tmp_path)
    (tmp_path / "x").mkdir()
    # (a link named without an extension: a .json name would contradict --format xlsx, refused earlier)
    target = {
        "same": a,
        "dotdot": tmp_path / "x" / ".." / a.name,
        "symlink": tmp_path / "out",
        "hardlink": tmp_path / "out",
    }[how]
    if how == "symlink":
        target.symlink_to(a)
    elif how == "hardlink":
        os.link(a, target)
    from linter.run import gate

    monkeypatch.setattr(gate, "check_plan", _must_not_run)
    for fmt in ("json", "xlsx"):
        result = cli("check", "--format", fmt, str(b), str(a), "-o", str(target))
        assert result.exit_code == 2, result.output
        assert f"输出文件 {target} 会覆盖本次检查的输入文件" in result.output
        assert a.read_bytes() == BROKEN.read_bytes()
    _no_temporary_files(tmp_path)


def test_baseline_onto_a_report_or_the_output_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _reports(tmp_path)
    from linter.run import gate

    monkeypatch.setattr(gate, "check_plan", _must_not_run)
    result = cli("check", str(a), str(b), "--baseline", str(a), "--write-baseline", "--lang", "en")
    assert result.exit_code == 2 and f"the baseline file {a} would replace an input of this run" in result.output
    assert a.read_bytes() == BROKEN.read_bytes()
    config = tmp_path / "reportlint.yaml"
    config.write_text("lang: zh\n", encoding="utf-8")
    result = cli("check", str(a), "--config", str(config), "-o", str(config))
    assert result.exit_code == 2 and config.read_text(encoding="utf-8") == "lang: zh\n"


def test_missing_output_folder_is_told_before_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _reports(tmp_path)
    from linter.run import gate

    monkeypatch.setattr(gate, "check_plan", _must_not_run)
    result = cli("check", str(a), str(b), "-o", str(tmp_path / "nowhere" / "out.json"))
    assert result.exit_code == 2
    assert f"无法写入 {tmp_path / 'nowhere'}：文件或文件夹不存在" in result.output
    result = cli(
        "check", str(a), "--baseline", str(tmp_path / "nowhere" / "b.json"), "--write-baseline", "--lang", "en"
    )
    assert result.exit_code == 2 and "no such file or folder" in result.output


# ---- whole or not at all --------------------------------------------------------------------

_SLOW_WRITER = """
import signal, sys, time
import linter.run.outputs as o
# A shell without job control starts background commands with SIGINT ignored, and Python keeps that:
# the test stands for a foreground run, where Ctrl-C raises KeyboardInterrupt.
signal.signal(signal.SIGINT, signal.default_int_handler)
def slow(fh, chunks, encoding):
    for chunk in chunks:
        for i in range(0, len(chunk), 64):
            piece = chunk[i:i + 64]
            fh.write(piece.encode(encoding) if isinstance(piece, str) else piece)
            fh.flush()
            time.sleep(0.01)
o._write_chunks = slow
from linter.cli import main
sys.argv = ["reportlint", *sys.argv[1:]]
main()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "REPORTLINT_CACHE_DIR": "off"}


@pytest.mark.parametrize(("sig", "fmt"), [(signal.SIGINT, "json"), (signal.SIGKILL, "json"), (signal.SIGINT, "xlsx")])
def test_interrupted_write_leaves_the_previous_result(tmp_path: Path, sig: int, fmt: str) -> None:
    a, b = _reports(tmp_path)
    out = tmp_path / f"out.{fmt}"
    previous = b"the previous result\n"
    out.write_bytes(previous)
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, "check", "--format", fmt, str(a), str(b), "-o", str(out)],
        cwd=tmp_path,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p.stat().st_size > 0]:
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.02)
    child.send_signal(sig)
    _stdout, stderr = child.communicate(timeout=60)
    assert out.read_bytes() == previous
    if sig == signal.SIGINT:
        assert child.returncode == 130, stderr.decode()
        assert "已中断" in stderr.decode() and "Traceback" not in stderr.decode()
        _no_temporary_files(tmp_path)
    else:
        assert child.returncode == -signal.SIGKILL


def _limit_file_size(n: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))


def test_full_disk_keeps_the_previous_result_and_names_the_cause(tmp_path: Path) -> None:
    """A file-size limit (``ulimit -f``) stops the write as a full disk does: an RL error, no traceback."""
    a, _b = _reports(tmp_path)
    out = tmp_path / "out.json"
    out.write_text("{}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "json", str(a), "-o", str(out)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: _limit_file_size(2048),
    )
    assert done.returncode == 2, done.stderr
    assert f"无法写入 {out}：文件超过系统允许的大小" in done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_text(encoding="utf-8") == "{}\n"
    _no_temporary_files(tmp_path)


def test_full_disk_simulated_enospc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, _ = _reports(tmp_path)
    out = tmp_path / "out.json"
    out.write_text("previous\n", encoding="utf-8")
    import linter.run.outputs as outputs

    def full(fd: int) -> None:  # where a full disk shows at the latest (delayed allocation, NFS)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs.os, "fsync", full)
    result = cli("check", "--format", "json", str(a), "-o", str(out))
    assert result.exit_code == 2
    assert f"无法写入 {out}：磁盘空间不足" in result.output
    assert out.read_text(encoding="utf-8") == "previous\n"
    baseline = tmp_path / "baseline.json"
    baseline.write_text("previous\n", encoding="utf-8")
    result = cli("check", str(a), "--baseline", str(baseline), "--write-baseline", "--lang", "en")
    assert result.exit_code == 2 and f"cannot write {baseline}: no space left on the disk" in result.output
    assert baseline.read_text(encoding="utf-8") == "previous\n"
    # an annotated copy (made in a child process: here in this one, where fsync fails): its own
    # RL-ANN-004 with the cause, and no copy
    from linter.annotate.comments import Annotated
    from linter.annotate.run import AnnotateInChild
    from linter.run.check import Options, check_file

    copy = AnnotateInChild(fix=False)(a, Options(), dst=str(tmp_path / "报告.reviewed.docx"), result=check_file(a))
    assert isinstance(copy, Annotated) and copy.copy_error is not None and copy.copy_error.code == "RL-ANN-004"
    assert "磁盘空间不足" in copy.copy_error.message
    assert not (tmp_path / "报告.reviewed.docx").exists()
    _no_temporary_files(tmp_path)


def test_full_temporary_folder_is_an_rl_error(tmp_path: Path) -> None:
    """The batch's results spool to the temporary folder: a full one is told, never a traceback."""
    a, b = _reports(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "json", "--no-pairing", str(a), str(b)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: _limit_file_size(512),
    )
    assert done.returncode == 2, done.stderr
    assert "无法保存检查结果：文件超过系统允许的大小" in done.stderr and "TMPDIR" in done.stderr
    assert "Traceback" not in done.stderr


def test_permissions_follow_the_umask_and_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    a, _ = _reports(tmp_path)
    out = tmp_path / "new.json"
    kept = tmp_path / "kept.json"
    kept.write_text("{}", encoding="utf-8")
    kept.chmod(0o604)

    def umask() -> None:
        os.umask(0o027)

    for target in (out, kept):
        done = subprocess.run(
            [sys.executable, "-m", "linter", "check", "--format", "json", str(a), "-o", str(target)],
            cwd=tmp_path,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=umask,
        )
        assert done.returncode == 1, done.stderr
        assert json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    done = subprocess.run(
        [sys.executable, "-m", "linter", "annotate", str(a)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=umask,
    )
    assert stat.S_IMODE((tmp_path / "报告.reviewed.docx").stat().st_mode) == 0o640, done.stderr
    # an annotated copy made again (in its checking child) keeps the mode it was given
    (tmp_path / "报告.reviewed.docx").chmod(0o664)
    before = (tmp_path / "报告.reviewed.docx").stat().st_ino
    done = subprocess.run(
        [sys.executable, "-m", "linter", "annotate", str(a)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=umask,
    )
    assert "报告.reviewed.docx" in done.stdout, done.stderr
    assert (tmp_path / "报告.reviewed.docx").stat().st_ino != before  # replaced, not written in place
    assert stat.S_IMODE((tmp_path / "报告.reviewed.docx").stat().st_mode) == 0o664


def test_output_to_a_stream_is_written_as_a_stream(tmp_path: Path) -> None:
    """``-o /dev/stdout`` (or a FIFO) has nothing to replace: written straight, not via a temporary file."""
    a, _ = _reports(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "json", str(a), "-o", "/dev/stdout"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout[: done.stdout.rindex("}") + 1])["summary"]["files"] == 1
