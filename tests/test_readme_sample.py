"""The README's sample output is what `reportlint check examples/` prints today: regenerated from
the bundled examples, compared with the committed README (as docs/rules.md is with the rules)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT

MARK = "<!-- sample: generated from examples/ by tests/test_readme_sample.py -->"


def sample() -> str:
    """The finding lines of `reportlint check examples/*.docx` run from the checkout's root."""
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "linter",
            "check",
            "--jobs",
            "1",
            *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.docx")),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert out.returncode == 1, out.stderr
    return "".join(line + "\n" for line in out.stdout.splitlines() if line.startswith("examples/"))


def test_the_readme_sample_is_the_output_of_the_examples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(re.escape(MARK) + r"\n```\n(.*?)```\n", readme, re.S)
    assert m is not None, "README.md lost its generated sample block"
    assert m.group(1) == sample(), (
        "README.md's sample is out of date: paste `reportlint check examples/*.docx`'s finding lines"
    )
    assert "块" not in m.group(1) and "（应为" not in m.group(1)
