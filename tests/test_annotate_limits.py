"""``reportlint annotate`` makes each copy in a child process with the memory cap and the time
limit of the checks: a copy over a cap is one error for its file, the batch goes on, and the
parent's memory does not grow with the document it copies."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT

SMALL = ROOT / "examples/pingtan_2021_correct.docx"
BROKEN = ROOT / "examples/sample_2021_broken_table3.docx"
# Formatting the check cuts out before parsing and the splice must keep, element by element (more
# than Word writes, for a large ratio of the splice's work to the check's).
_RPR = (
    "<w:rPr>"
    + "".join(f'<w:rFonts w:ascii="A{i}" w:hAnsi="A"/><w:b/><w:i/><w:color w:val="FF0000"/>' for i in range(10))
    + "</w:rPr>"
)


def large_docx(path: Path, paragraphs: int = 4000) -> Path:
    """The broken sample with ``paragraphs`` formatted notes appended (6.6 MB of document.xml,
    340,000 elements): its check takes ~0.5 s, its splice ~5 s and far more memory."""
    rnd = random.Random(1)
    with zipfile.ZipFile(BROKEN) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    notes = "".join(
        f"<w:p><w:r>{_RPR}<w:t>附注{rnd.getrandbits(64):x}。</w:t></w:r>"
        f"<w:r>{_RPR}<w:t>{rnd.getrandbits(64):x}</w:t></w:r></w:p>"
        for _ in range(paragraphs)
    )
    at = xml.rindex("<w:sectPr")
    parts["word/document.xml"] = (xml[:at] + notes + xml[at:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def reportlint(cwd: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """``reportlint ARGS`` in a process of its own, with that process's peak resident memory
    (its own, not its children's) in bytes."""
    code = (
        "import atexit, resource, sys\n"
        "atexit.register(lambda: sys.stderr.write("
        "f'PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
        "from linter.cli import main\nmain()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    peak = re.search(r"^PEAK (\d+)$", done.stderr, re.M)
    assert peak is not None, done.stderr
    return done, int(peak.group(1)) * 1024


def test_a_copy_over_the_memory_cap_is_one_error_and_the_parent_stays_flat(tmp_path: Path) -> None:
    large_docx(tmp_path / "big.docx")
    (tmp_path / "small.docx").write_bytes(SMALL.read_bytes())
    (tmp_path / "other.docx").write_bytes(SMALL.read_bytes())
    # Room for the check of the large file (its 6.6 MB part parsed whole), not for its splice.
    (tmp_path / "reportlint.yaml").write_text("limits:\n  max_memory_bytes: 200000000\n", encoding="utf-8")
    baseline, flat = reportlint(tmp_path, "annotate", "small.docx", "other.docx", "-o", "base/")
    assert baseline.returncode == 0, baseline.stderr
    done, peak = reportlint(tmp_path, "annotate", "big.docx", "small.docx", "-o", "out/", "--lang", "en")
    assert done.returncode == 2, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("big.docx")] == [
        "big.docx: RL-IO-005 the file exceeds a safety limit (possibly a zip bomb or a crafted file): out of memory "
        "while writing the annotated copy, over the limit max_memory_bytes = 200000000 (190.735 MB)"
    ]
    assert [line for line in done.stdout.splitlines() if line.startswith("wrote ")] == [
        "wrote out/small.reviewed.docx: 0 comment(s)"
    ]
    # The finding of the large file is still reported; its copy is not written, nor any part of it.
    assert "big.docx: " in done.stdout and "RL-T3-008" in done.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["small.reviewed.docx"]
    # The parent copies nothing itself: a batch holding the large file takes no more of its
    # memory than a batch of two small ones (the splice there took ~240 MB).
    assert peak < flat + 20 * 2**20, (peak / 2**20, flat / 2**20)


def test_a_copy_over_the_time_limit_is_one_error(tmp_path: Path) -> None:
    large_docx(tmp_path / "big.docx", paragraphs=16000)
    (tmp_path / "small.docx").write_bytes(SMALL.read_bytes())
    # Time for the check of the large file (~0.9 s on an idle 2-core machine), not for its splice
    # (~9 s there): the limit sits a factor of three from each, so a machine three times faster
    # still runs out of time in the splice. On a machine loaded several times over the check runs
    # out of time too: the same error, the file then unreadable (it gets a review sheet, never a copy).
    (tmp_path / "reportlint.yaml").write_text("limits:\n  max_seconds_per_file: 3\n", encoding="utf-8")
    # What a child stopped in the middle of writing the copy leaves beside it (it is removed).
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".big.reviewed.docx.k2j4x9qa.tmp").write_bytes(b"PK half a copy")
    done, _ = reportlint(tmp_path, "annotate", "big.docx", "small.docx", "-o", "out/", "--lang", "en")
    assert done.returncode == 2, done.stderr
    stopped = "RL-IO-012 time limit exceeded; checking this file was stopped: max_seconds_per_file = 3"
    unreadable = f"big.docx: unreadable {stopped}" in done.stdout
    assert unreadable or f"big.docx: {stopped}" in done.stderr, (done.stdout, done.stderr)
    assert "wrote out/small.reviewed.docx: 0 comment(s)" in done.stdout
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    # A check stopped before the copy was begun leaves the folder as it found it.
    left = [".big.reviewed.docx.k2j4x9qa.tmp", "big.审核意见.docx"] if unreadable else []
    assert written == left + ["small.reviewed.docx"]


def test_a_check_over_the_memory_cap_is_one_limit_error_naming_the_part(tmp_path: Path) -> None:
    # libxml2 out of memory under the child's cap says "unknown error" at line 0: still RL-IO-005
    # (a limit), never RL-IO-006 (a damaged part).
    large_docx(tmp_path / "big.docx", paragraphs=16000)
    (tmp_path / "small.docx").write_bytes(SMALL.read_bytes())
    (tmp_path / "reportlint.yaml").write_text("limits:\n  max_memory_bytes: 120000000\n", encoding="utf-8")
    for lang, line in (
        (
            "en",
            "big.docx: unreadable RL-IO-005 the file exceeds a safety limit (possibly a zip bomb or a crafted file): "
            "word/document.xml: out of memory while reading, over the limit max_memory_bytes = 120000000 (114.441 MB)",
        ),
        (
            "zh",
            "big.docx：无法读取 RL-IO-005 文件超出安全限制（疑似压缩炸弹或恶意构造的文件）：word/document.xml：读取时内存不足，"
            "超过限制 max_memory_bytes = 120000000 (114.441 MB)",
        ),
    ):
        done, _ = reportlint(tmp_path, "check", "big.docx", "small.docx", "--lang", lang)
        assert done.returncode == 2, done.stderr
        assert [x for x in done.stderr.splitlines() + done.stdout.splitlines() if x.startswith("big.docx")] == [line]
