"""A PDF decompression bomb is an input limit (RL-IO-005), found before PDFium inflates it: PDFium
would exhaust the checking process's memory and die (RL-INT-002, "report this file")."""

from __future__ import annotations

import zlib
from dataclasses import replace
from pathlib import Path

from linter.config.limits import DEFAULT_LIMITS
from linter.run.check import Options
from linter.run.pool import check_file_limited
from tests.hostile.craft import _FONT, _TEXT, _pdf_file

MB = 1024 * 1024


def _bomb(path: Path, inflated: int) -> Path:
    """One page whose second content stream is ``inflated`` bytes of zeros, Flate-compressed."""
    packer = zlib.compressobj(9)
    block = b"\0" * MB
    packed = b"".join(packer.compress(block) for _ in range(inflated // MB)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [5 0 R 6 0 R] "
        b"/Resources << /Font << /F1 4 0 R >> >> >>",
        _FONT,
        b"<< /Length %d >>\nstream\n" % len(_TEXT) + _TEXT + b"\nendstream",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    path.write_bytes(_pdf_file(objects))
    return path


def test_a_pdf_decompression_bomb_is_an_input_limit(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.pdf", 64 * MB)  # 64 KB on disk
    limits = replace(DEFAULT_LIMITS, max_member_bytes=16 * MB)
    result = check_file_limited(bomb, Options(limits=limits))
    assert result.error is not None and result.error.code == "RL-IO-005", result.error
    assert "max_member_bytes" in result.error.message and "PDF" in result.error.message
    limits = replace(DEFAULT_LIMITS, max_total_uncompressed=32 * MB)  # the streams together
    total = check_file_limited(bomb, Options(limits=limits)).error
    assert total is not None and total.code == "RL-IO-005" and "max_total_uncompressed" in total.message
    # an ordinary PDF is not touched by the check
    ok = check_file_limited(Path(__file__).resolve().parents[2] / "fixtures" / "pdf" / "fail_missing_section.pdf")
    assert ok.error is None and ok.findings
