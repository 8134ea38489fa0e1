"""Crafted hostile files: the exact error code, bounded time and memory, nothing leaked, nothing fetched.

Every file is built at test time (tests/hostile/craft.py) and checked in its own forked child of a
warm process (tests/hostile/measure.py), which reports the wall time of check_file and the peak
RSS it added. A local HTTP server is the canary for network access: no parser may contact it.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar, Iterator

import jsonschema
import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.ruleset.resources import load_schema
from tests.hostile.craft import CASES, FIXTURES, PASSWD_MARK, ROOT, Case

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="measure.py forks (POSIX)")
CANARY_BODY = "canary-fetched root:x:0:0"


def available(case: Case) -> bool:
    return not case.needs or importlib.util.find_spec(case.needs) is not None


class _Canary(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Canary.hits.append(self.path)
        body = CANARY_BODY.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def canary() -> Iterator[tuple[str, list[str]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Canary.hits
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, canary: tuple[str, list[str]]) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("hostile")
    return {case.name: case.build(directory, canary[0]) for case in CASES if available(case)}


@pytest.fixture(scope="session")
def measured(built: dict[str, Path]) -> dict[str, dict]:
    """Run measure.py over all built files in two processes (this machine has two cores)."""
    names = list(built)
    halves = [names[0::2], names[1::2]]
    script = str(ROOT / "tests" / "hostile" / "measure.py")
    procs = [
        subprocess.Popen(
            [sys.executable, script, "--timeout", "60", *[str(built[n]) for n in half]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        for half in halves
        if half
    ]
    by_path: dict[str, dict] = {}
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err.decode(errors="replace")
        for line in out.decode("utf-8").splitlines():
            record = json.loads(line)
            by_path[record["path"]] = record
    return {name: by_path[str(built[name])] for name in names}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file(case: Case, measured: dict[str, dict], canary: tuple[str, list[str]]) -> None:
    if not available(case):
        pytest.skip(f"{case.needs} does not exist yet")
    r = measured[case.name]
    assert not r.get("hang"), f"{case.name}: no result within 60 s"
    assert "crash" not in r, r.get("crash")
    expected = case.expect if isinstance(case.expect, tuple) else (case.expect,)
    assert r["code"] in expected, f"{case.name}: {r['code']} {r['message']}"
    assert not (r["code"] or "").startswith("RL-INT")
    if case.limit:
        assert case.limit in r["message"], r["message"]
    assert r["seconds"] < case.seconds, f"{case.name} took {r['seconds']} s"
    assert r["rss_added_mb"] < case.megabytes, f"{case.name} added {r['rss_added_mb']} MB"
    assert PASSWD_MARK not in r["output"] and "canary-fetched" not in r["output"]


def test_no_parser_contacted_the_network(measured: dict[str, dict], canary: tuple[str, list[str]]) -> None:
    assert measured  # every file has been checked by now
    assert canary[1] == [], f"fetched: {canary[1]}"


# The batch: hostile files between good ones change nothing for the good ones.
GOOD = [
    FIXTURES / "filled_2021.docx",
    FIXTURES / "fail_t3_identity.docx",
    FIXTURES / "fail_missing_section.docx",
    ROOT / "examples" / "sample_2021_broken_table3.docx",
]
CHEAP_HOSTILE = [
    "empty",
    "truncated-zip",
    "zip-bomb-ratio",
    "billion-laughs",
    "xxe-file",
    "deep-xml",
    "gridspan-bomb",
    "nested-zip",
    "encrypted-member",
    "control-symbols",
    "huge-numbers-in-cells",
    "numbering-bomb",
    "document-not-xml",
    "gbk-declared-utf8",
]


def _findings(doc: dict) -> dict[str, list]:
    return {f["path"]: [(x["rule"], x["message"], x["location"]) for x in f["findings"]] for f in doc["files"]}


def test_batch_of_good_and_hostile_files(built: dict[str, Path]) -> None:
    hostile = [built[name] for name in CHEAP_HOSTILE]
    batch: list[Path] = []
    for i, path in enumerate(hostile):
        batch.append(path)
        if i % 4 == 0:
            batch.append(GOOD[i // 4])
    result = CliRunner().invoke(main, ["check", "--format", "json", *map(str, batch)])
    assert result.exit_code == 2
    doc = json.loads(result.output)
    jsonschema.validate(doc, load_schema("findings.schema.json"))
    in_batch = _findings(doc)
    for good in GOOD:
        alone = CliRunner().invoke(main, ["check", "--format", "json", str(good)])
        assert alone.exit_code in (0, 1)
        assert in_batch[str(good)] == _findings(json.loads(alone.output))[str(good)], good.name
    errors = {Path(f["path"]).name: f["error"] for f in doc["files"]}
    assert all(errors[p.name] is None for p in GOOD)
    unreadable = [f for f in doc["files"] if f["error"] is not None]
    assert all(f["error"]["code"].startswith("RL-IO-") for f in unreadable)
    assert doc["summary"]["unreadable"] == len(unreadable)
    assert doc["summary"]["files"] == len(batch)


def test_text_output_names_every_unreadable_file_with_its_code(built: dict[str, Path]) -> None:
    files = [built["empty"], built["zip-bomb-member"], built["xxe-http"], GOOD[0]]
    for lang, word in (("zh", "超过限制"), ("en", "over the limit")):
        result = CliRunner().invoke(main, ["check", "--lang", lang, *map(str, files)])
        assert result.exit_code == 2
        lines = result.output.splitlines()
        assert any(str(files[0]) in line and "RL-IO-008" in line for line in lines)
        assert any(
            str(files[1]) in line and "RL-IO-005" in line and "max_member_bytes" in line and word in line
            for line in lines
        )
        assert any(str(files[2]) in line and "RL-IO-006" in line and "DOCTYPE" in line for line in lines)
        assert "Traceback" not in result.output


def test_every_output_format_names_each_unreadable_file_and_code(built: dict[str, Path]) -> None:
    from linter.run.check import FileError, FileResult, Options, check_file
    from linter.reporters import REPORTERS, get_reporter

    files = [built[name] for name in ("empty", "zip-bomb-ratio", "xxe-file", "truncated-zip", "deep-xml")]
    results = [check_file(p, Options(lang="en")) for p in files] + [check_file(GOOD[0], Options(lang="en"))]
    # An internal error (a bug) carries its traceback for --debug only, never in a report.
    results.append(
        FileResult(
            "bug.docx",
            error=FileError(
                "RL-INT-001",
                "internal reportlint error: KeyError",
                "Traceback (most recent call last):\n  secret frame",
            ),
        )
    )
    for name in REPORTERS:
        out = get_reporter(name)(lang="en").render(results)
        if isinstance(out, bytes):  # xlsx: the text of every cell
            import io

            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(out))
            out = "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
        for result in results:
            if result.error is not None:
                assert result.error.code in out, f"{name}: {result.error.code} missing"
        assert "Traceback" not in out and "secret frame" not in out, name
        assert PASSWD_MARK not in out, name
