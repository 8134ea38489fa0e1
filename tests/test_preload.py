"""The fork server's preload: importing it compiles every built-in rule set, so the checking
children forked from the server start with them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from linter.ruleset.loader import builtin_editions

ROOT = Path(__file__).resolve().parents[1]


def test_preload_compiles_every_builtin_ruleset() -> None:
    code = (
        "import json\n"
        "from linter.ruleset import loader\n"
        "before = sorted(loader._CACHE)\n"
        "import linter.run.preload\n"
        "print(json.dumps([before, sorted(k[0] for k in loader._CACHE if k[1] == ())]))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    before, after = json.loads(out.stdout)
    assert before == []
    assert after == sorted(builtin_editions())
