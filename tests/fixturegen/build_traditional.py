"""Make fixtures/text/traditional_fail_t4_sum.txt: fixtures/text/fail_t4_sum.txt written wholly in
traditional characters (OpenCC's s2t, character by character, as a portal serving a traditional
page would), positions unchanged. It gives the findings of its source (tests/test_traditional.py).
Run once by hand; the output is committed.

    python tests/fixturegen/build_traditional.py
"""

from __future__ import annotations

from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "fixtures" / "text" / "fail_t4_sum.txt"
TARGET = ROOT / "fixtures" / "text" / "traditional_fail_t4_sum.txt"


def main() -> None:
    s2t = opencc.OpenCC("s2t")
    text = SOURCE.read_text(encoding="utf-8")
    # one character at a time: a phrase table could change a word's length, and locations are offsets
    TARGET.write_text("".join(s2t.convert(ch) for ch in text), encoding="utf-8")


if __name__ == "__main__":
    main()
