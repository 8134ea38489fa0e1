"""``reportlint serve`` with a real server process on 127.0.0.1 and a real HTTP client: the API
gives what ``check`` gives, the guards refuse what they must, the limits hold, nothing is left in
the temporary folder and nothing but counts is logged."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from linter.ruleset.loader import builtin_ruleset
from tests.serveproc import ROOT, ServerProcess

BATCH = [
    ROOT / "examples/pingtan_2021_correct.docx",
    ROOT / "examples/sample_2021_broken_table3.docx",
    ROOT / "fixtures/docx/fail_blank_cells.docx",
    ROOT / "fixtures/text/fail_t3_total_cell.txt",
    ROOT / "fixtures/html/fail_t4_sum.html",
    ROOT / "fixtures/pdf/fail_missing_section.pdf",
    # one body's consecutive years: checked again against each other, as ``check`` pairs them
    ROOT / "fixtures/corpus_docx/2021_pingtan_zhqsyq.docx",
    ROOT / "fixtures/corpus_docx/2022_pingtan_zhqsyq.docx",
]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def upload(paths: list[Path]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (p.name, p.read_bytes())) for p in paths]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    for p in BATCH:
        shutil.copy(p, folder / p.name)
    (folder / "empty.docx").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def server(work: Path):
    with ServerProcess(work / "srv", cwd=work) as srv:
        yield srv


def test_api_check_is_check_json(server: ServerProcess, work: Path) -> None:
    names = [p.name for p in BATCH] + ["empty.docx"]
    for lang in ("zh", "en"):
        expected = cli("check", "--format", "json", "--lang", lang, *names, cwd=work)
        assert expected.returncode == 2, expected.stderr  # (empty.docx is unreadable)
        with server.client() as client:
            r = client.post(f"/api/check?lang={lang}", files=upload([work / n for n in names]))
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/json"
        assert r.text == expected.stdout
        data = r.json()
        assert [f["path"] for f in data["files"]] == names
        assert data["files"][-1]["error"]["code"] == "RL-IO-008"
        broken = {f["path"]: f for f in data["files"]}["sample_2021_broken_table3.docx"]
        assert ("RL-T3-008", 27, 9) in {
            (f["rule"], f["location"]["row"], f["location"]["col"]) for f in broken["findings"]
        }
    assert server.leftovers() == []


def test_a_zip_of_a_folder_is_checked_as_the_folder(server: ServerProcess, work: Path) -> None:
    folder = work / "reports"
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    shutil.copy(BATCH[1], folder / "b.docx")
    shutil.copy(BATCH[3], folder / "sub" / "a.txt")
    (folder / "notes.md").write_text("not a report", encoding="utf-8")
    (folder / "~$b.docx").write_bytes(b"lock")
    expected = cli("check", "--format", "json", "reports", cwd=work)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.rglob("*")):
            z.write(p, p.relative_to(work).as_posix())
    with server.client() as client:
        r = client.post("/api/check", files=[("files", ("reports.zip", data.getvalue()))])
    assert r.status_code == 200
    assert r.text == expected.stdout
    assert [(f["path"], f["verdict"]) for f in r.json()["files"]] == [
        ("reports/b.docx", "failed"),
        ("reports/notes.md", "skipped"),
        ("reports/~$b.docx", "skipped"),
        ("reports/sub/a.txt", "failed"),
    ]


def test_other_formats_and_the_html_view(server: ServerProcess, work: Path) -> None:
    names = [BATCH[1].name, "empty.docx"]
    expected = cli("check", "--format", "sarif", *names, cwd=work)
    with server.client() as client:
        r = client.post("/api/check?format=sarif", files=upload([work / n for n in names]))
        assert r.status_code == 200 and r.text == expected.stdout
        assert r.headers["content-disposition"] == 'attachment; filename="reportlint.sarif"'
        view = client.post("/api/view", files=upload([work / n for n in names])).json()
        html = client.post("/api/check?format=html", files=upload([work / n for n in names]))
    assert view["files"] == [
        {"path": BATCH[1].name, "upload": 0, "format": "docx", "error": None},
        {"path": "empty.docx", "upload": 1, "format": None, "error": view["files"][1]["error"]},
    ]
    assert view["files"][1]["error"].startswith("RL-IO-")

    # The same page ``check --format html`` writes (the tables came back from the checking child),
    # but for the line about the run (the command line's also says how long it took).
    def run_line(page: str) -> str:
        return re.sub(r'<p class="meta" id="run">[^<]*</p>', "", page)

    assert run_line(html.text) == run_line(cli("check", "--format", "html", *names, cwd=work).stdout)
    assert '<p class="meta" id="run">' in html.text and "sample_2021_broken_table3.docx、empty.docx" in html.text
    assert view["main"] == html.text[html.text.index("<main>") + 6 : html.text.rindex("</main>")]
    assert 'id="c-1-28-27-9"' in view["main"] and "应为 3050" in view["main"]
    assert view["summary"]["files"] == 2 and view["summary"]["unreadable"] == 1
    with server.client() as client:
        r = client.post("/api/check?format=nope", files=upload([work / names[0]]))
    assert r.status_code == 400 and r.json()["error"]["key"] == "format"


def test_annotate_gives_the_annotated_docx(server: ServerProcess, work: Path, tmp_path: Path) -> None:
    src = BATCH[1]
    expected = tmp_path / "cli.docx"
    cli("annotate", str(src), "-o", str(expected), cwd=work)
    with server.client() as client:
        r = client.post("/api/annotate", files=upload([src]))
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "filename*=UTF-8''sample_2021_broken_table3.annotated.docx" in r.headers["content-disposition"]
    got = tmp_path / "api.docx"
    got.write_bytes(r.content)
    assert _comments(got) == _comments(expected) and len(_comments(got)) == 1
    assert len(docx.Document(str(got)).tables) == len(docx.Document(str(src)).tables)
    with server.client() as client:
        text = client.post("/api/annotate?lang=en", files=upload([BATCH[3]]))
        two = client.post("/api/annotate", files=upload(BATCH[:2]))
        chosen = client.post("/api/annotate", files=upload(BATCH[:2]), data={"path": BATCH[1].name})
        missing = client.post("/api/annotate", files=upload(BATCH[:2]), data={"path": "nope.docx"})
    assert text.status_code == 422 and text.json()["error"]["key"] == "RL-ANN-002"
    assert text.json()["error"]["message"].startswith("only Word documents (.docx) can be annotated")
    assert two.status_code == 400 and two.json()["error"]["key"] == "one_file"
    assert chosen.status_code == 200 and chosen.content[:2] == b"PK"
    assert missing.status_code == 404 and missing.json()["error"]["key"] == "no_such_file"
    assert server.leftovers() == []


def _comments(path: Path) -> list[str]:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return ["".join(c.itertext()) for c in root.iter(f"{w}comment") if c.get(f"{w}author") == "reportlint"]


def test_rules_and_health(server: ServerProcess) -> None:
    with server.client() as client:
        rules = client.get("/api/rules?lang=en").json()
        old = client.get("/api/rules?edition=2019").json()
        health = client.get("/healthz")
    assert [r["id"] for r in rules["rules"]] == [r.id for r in builtin_ruleset(2021).rules]
    first = builtin_ruleset(2021).rules[0]
    assert rules["rules"][0] == {
        "id": first.id,
        "name": first.name,
        "severity": first.severity,
        "summary": first.summary["en"],
    }
    assert old["edition"] == 2019 and [r["id"] for r in old["rules"]] == [r.id for r in builtin_ruleset(2019).rules]
    assert health.json() == {"status": "ok", "reportlint": "0.1.0"}
    with server.client() as client:
        missing = client.get("/nope?lang=en")
        wrong = client.get("/api/check")
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "no such address"
    assert wrong.status_code == 405 and wrong.json()["error"]["key"] == "method"


def test_page_is_self_contained_with_a_strict_policy(server: ServerProcess) -> None:
    with server.client() as client:
        zh = client.get("/")
        en = client.get("/?lang=en")
    csp = zh.headers["content-security-policy"]
    assert (zh.headers["x-content-type-options"], zh.headers["x-frame-options"], zh.headers["referrer-policy"]) == (
        "nosniff",
        "DENY",
        "no-referrer",
    )
    assert csp.startswith("default-src 'none'; style-src 'sha256-") and "unsafe" not in csp
    assert "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert '<html lang="zh-CN">' in zh.text and "把政府信息公开工作年度报告拖到这里" in zh.text
    assert '<html lang="en">' in en.text and "Drop government information-disclosure annual reports" in en.text
    for page in (zh.text, en.text):
        assert "http://" not in page and "https://" not in page and "src=" not in page


def test_host_header_not_served_is_refused(server: ServerProcess, work: Path) -> None:
    with server.client() as client:
        for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1:1"):
            r = client.get("/", headers={"Host": host})
            assert r.status_code == 403 and r.json()["error"]["key"] == "host", host
            assert r.headers["x-content-type-options"] == "nosniff"
            r = client.post("/api/check", headers={"Host": host}, files=upload([BATCH[1]]))
            assert r.status_code == 403, host
        assert client.get("/healthz", headers={"Host": f"localhost:{server.port}"}).status_code == 200


def test_cross_origin_post_is_refused(server: ServerProcess) -> None:
    with server.client() as client:
        for headers in (
            {"Origin": "http://evil.example"},
            {"Origin": "null"},
            {"Origin": f"http://127.0.0.1:{server.port + 1}"},
            {"Sec-Fetch-Site": "cross-site"},
        ):
            r = client.post("/api/check", headers=headers, files=upload([BATCH[1]]))
            assert r.status_code == 403 and r.json()["error"]["key"] == "origin", headers
        same = client.post(
            "/api/check", headers={"Origin": server.base, "Sec-Fetch-Site": "same-origin"}, files=upload([BATCH[1]])
        )
        assert same.status_code == 200 and same.json()["summary"]["files"] == 1


def test_token(work: Path) -> None:
    with ServerProcess(work / "token", "--token", "s3cret-token") as srv, srv.client() as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 200  # the page asks for the token itself
        for headers in ({}, {"X-Reportlint-Token": "wrong"}, {"Authorization": "Bearer wrong"}):
            r = client.post("/api/check", headers=headers, files=upload([BATCH[1]]))
            assert r.status_code == 401 and r.json()["error"]["key"] == "token", headers
            assert client.get("/api/rules", headers=headers).status_code == 401
        ok = client.post("/api/check", headers={"X-Reportlint-Token": "s3cret-token"}, files=upload([BATCH[1]]))
        bearer = client.get("/api/rules", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200 and ok.json()["summary"]["files"] == 1 and bearer.status_code == 200
    with ServerProcess(work / "token-env", env={"REPORTLINT_TOKEN": "from-env"}) as srv, srv.client() as client:
        assert client.get("/api/rules").status_code == 401
        assert client.get("/api/rules", headers={"X-Reportlint-Token": "from-env"}).status_code == 200


def test_every_interface_needs_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REPORTLINT_TOKEN"}
    env["PYTHONPATH"] = str(ROOT)
    r = subprocess.run(
        [sys.executable, "-m", "linter", "serve", "--host", "0.0.0.0", "--port", "1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "--token" in r.stderr and "REPORTLINT_TOKEN" in r.stderr and "Traceback" not in r.stderr


def test_a_port_in_use_is_a_clear_error(server: ServerProcess, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-m", "linter", "serve", "--port", str(server.port)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert f"cannot listen on 127.0.0.1:{server.port}" in r.stderr and "--port" in r.stderr
    assert "Traceback" not in r.stderr


def test_limits_of_an_upload(work: Path) -> None:
    config = work / "small.yaml"
    config.write_text("limits:\n  max_file_bytes: 10000\n", encoding="utf-8")
    with (
        ServerProcess(
            work / "limits", "--max-files", "3", "--max-request-mb", "1", "--config", str(config), cwd=work
        ) as srv,
        srv.client() as client,
    ):
        names = [BATCH[1].name, BATCH[3].name]
        expected = cli("check", "--format", "json", "--config", str(config), *names, cwd=work)
        same = client.post("/api/check", files=upload([work / n for n in names]))
        assert same.text == expected.stdout  # the .docx is over max_file_bytes for both
        assert same.json()["files"][0]["error"]["code"] == "RL-IO-005"
        assert "max_file_bytes 10000" in same.json()["files"][0]["error"]["message"]
        many = client.post("/api/check", files=upload([BATCH[3]] * 4))
        assert many.status_code == 413 and many.json()["error"]["message"] == "一次最多检查 3 个文件"
        big = [("files", ("big.txt", b"x" * (1024 * 1024 + 10)))]
        assert client.post("/api/check", files=big).status_code == 413

        def chunks():  # no Content-Length: the limit holds while the body streams in
            yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
            for _ in range(40):
                yield b"y" * 65536
            yield b"\r\n--b--\r\n"

        streamed = client.post(
            "/api/check", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"}
        )
        assert streamed.status_code == 413 and streamed.json()["error"]["key"] == "request_too_large"
        bad = client.post(
            "/api/check", content=b"--b\r\nnot a part", headers={"Content-Type": "multipart/form-data; boundary=b"}
        )
        assert bad.status_code == 400 and bad.json()["error"]["key"] in ("bad_multipart", "no_files")
        assert client.post("/api/check", json={"files": []}).status_code == 415
        assert srv.leftovers() == []


def test_zip_bomb_and_zip_slip_are_refused(server: ServerProcess, work: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("reports/a.docx", b"\0" * (30 * 1024 * 1024))  # 30 MB of zeros: ratio ~1000
    slip = io.BytesIO()
    with zipfile.ZipFile(slip, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../../outside.txt", BATCH[3].read_bytes())
        absolute = zipfile.ZipInfo("abs.txt")
        absolute.filename = "/abs.txt"  # (ZipInfo() itself strips the slash; a crafted archive need not)
        z.writestr(absolute, BATCH[3].read_bytes())
        z.writestr("ok/inside.txt", BATCH[3].read_bytes())
    with server.client() as client:
        r = client.post(
            "/api/check?lang=en",
            files=[
                ("files", ("bomb.zip", bomb.getvalue())),
                ("files", ("slip.zip", slip.getvalue())),
                ("files", (BATCH[1].name, BATCH[1].read_bytes())),
            ],
        )
    assert r.status_code == 200
    files = r.json()["files"]
    # the members out of the archive listed as skipped with their reason, as ``check slip.zip`` lists them
    assert [(f["path"], f["verdict"]) for f in files] == [
        ("bomb.zip", "unreadable"),
        ("ok/inside.txt", "failed"),
        ("slip.zip/../../outside.txt", "skipped"),
        ("slip.zip//abs.txt", "skipped"),
        (BATCH[1].name, "failed"),
    ]
    assert files[0]["error"]["code"] == "RL-IO-005"
    assert "max_compression_ratio = 100" in files[0]["error"]["message"]
    assert files[1]["error"] is None and files[1]["format"] == "text"
    for outside in files[2:4]:
        assert outside["error"] == {
            "code": "RL-IO-030",
            "message": "not a report file: a member whose path leaves the archive (absolute, or with ..): not extracted",
        }
    assert files[4]["error"] is None and {f["rule"] for f in files[4]["findings"]} >= {"RL-T3-008"}
    (work / "slip.zip").write_bytes(slip.getvalue())
    listed = json.loads(cli("check", "--format", "json", "--lang", "en", "slip.zip", cwd=work).stdout)
    assert [(f["path"], f["verdict"], f["error"]) for f in listed["files"]] == [
        ("slip.zip/../../outside.txt", "skipped", files[2]["error"]),
        ("slip.zip//abs.txt", "skipped", files[3]["error"]),
        ("slip.zip/ok/inside.txt", "failed", None),
    ]
    assert server.leftovers() == []
    assert not (server.tmp / "outside.txt").exists() and not Path("/abs.txt").exists()


def test_checks_run_in_the_pool_with_the_time_limit(work: Path) -> None:
    config = work / "slow.yaml"
    config.write_text("limits:\n  max_seconds_per_file: 0.001\n", encoding="utf-8")
    with ServerProcess(work / "slow", "--config", str(config), cwd=work) as srv, srv.client() as client:
        r = client.post("/api/check", files=upload([BATCH[0], BATCH[1]]))
        files = r.json()["files"]
        assert [f["error"]["code"] for f in files] == ["RL-IO-012", "RL-IO-012"]
        assert "max_seconds_per_file = 0.001" in files[0]["error"]["message"]
        view = client.post("/api/view", files=upload([BATCH[1]])).json()  # drawn without the file
        assert view["files"][0]["error"] == "RL-IO-012" and "RL-IO-012" in view["main"]
        assert srv.leftovers() == []


def test_upload_folder_removed_when_the_client_goes_away(server: ServerProcess) -> None:
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(
            (
                f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n\r\n"
                '--b\r\nContent-Disposition: form-data; name="files"; filename="gone.docx"\r\n\r\n'
            ).encode()
            + b"PK" * 1000
        )
        time.sleep(0.5)
    deadline = time.monotonic() + 10
    while "POST /api/check 499" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "POST /api/check 499: 0 file(s)" in server.log()
    assert server.leftovers() == []


def test_log_holds_counts_not_names(server: ServerProcess) -> None:
    with server.client() as client:
        r = client.post("/api/check", files=[("files", ("秘密报告-名字.txt", BATCH[3].read_bytes()))])
    assert r.json()["files"][0]["path"] == "秘密报告-名字.txt"  # the name as the browser sent it (UTF-8)
    log = server.log()
    assert "POST /api/check 200: 1 file(s)" in log
    assert "秘密报告" not in log
    for p in BATCH:
        assert p.name not in log and p.stem not in log
    assert "已办结" not in log and "Traceback" not in log


def test_without_the_extra_the_command_names_the_install(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    (shadow / "starlette").mkdir(parents=True)
    (shadow / "starlette" / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shadow), str(ROOT)])}
    r = subprocess.run(
        [sys.executable, "-m", "linter", "serve"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 2
    assert "pip install 'reportlint[serve]'" in r.stderr and "starlette" in r.stderr
    assert "Traceback" not in r.stderr


def test_queue_is_bounded() -> None:
    from linter.run.check import Options
    from linter.serve.pool import Busy, CheckPool

    pool = CheckPool(Options(), jobs=1, max_requests=2)
    try:
        pool.admit()
        pool.admit()
        with pytest.raises(Busy):
            pool.admit()
        pool.release()
        pool.admit()
    finally:
        pool.close()


def test_hosts_served() -> None:
    from linter.serve.app import Settings

    assert Settings(host="127.0.0.1", port=8765).hosts == frozenset({"127.0.0.1:8765", "localhost:8765", "[::1]:8765"})
    assert Settings(host="10.0.0.5", port=80).hosts == frozenset({"10.0.0.5:80", "10.0.0.5"})
    assert Settings(host="0.0.0.0", port=8765).hosts is None  # every name: the token guards


def test_open_shows_the_page_in_the_browser(tmp_path: Path) -> None:
    seen = tmp_path / "opened.txt"
    script = tmp_path / "browser.py"
    script.write_text(f"import sys\nopen({str(seen)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    with ServerProcess(tmp_path / "srv", "--open", env={"BROWSER": f"{sys.executable} {script} %s"}) as srv:
        deadline = time.monotonic() + 30
        while not seen.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert seen.read_text() == f"http://127.0.0.1:{srv.port}/"
        assert f"reportlint serve: http://127.0.0.1:{srv.port}/" in srv.log()


def test_a_large_upload_does_not_hold_up_a_small_one(server: ServerProcess) -> None:
    """A request's files go to the checking processes a few at a time, so another request's file
    takes its turn among them instead of waiting for the whole batch."""
    import threading

    done: dict[str, float] = {}

    def post(key: str, paths: list[Path]) -> None:
        with server.client() as client:
            r = client.post("/api/check", files=upload(paths))
            assert r.status_code == 200 and r.json()["summary"]["files"] == len(paths)
        done[key] = time.monotonic()

    big = threading.Thread(target=post, args=("big", [BATCH[1]] * 100))
    started = time.monotonic()
    big.start()
    time.sleep(0.5)  # the big upload has arrived and its first files are being checked
    small = time.monotonic()
    post("small", [BATCH[3]])
    big.join()
    # The small one waits for the files in hand, not for the rest of the big one.
    assert done["small"] - small < (done["big"] - started) / 2, (done["small"] - small, done["big"] - started)


def test_configuration_discovered_from_the_working_folder(tmp_path: Path) -> None:
    office = tmp_path / "office"
    office.mkdir()
    (office / "reportlint.yaml").write_text(
        "lang: en\nignore: [RL-NAR-001]\nseverity:\n  RL-T3-008: warning\n", encoding="utf-8"
    )
    shutil.copy(BATCH[1], office / BATCH[1].name)
    expected = cli("check", "--format", "json", BATCH[1].name, cwd=office)
    with ServerProcess(tmp_path / "srv", cwd=office) as srv, srv.client() as client:
        r = client.post("/api/check", files=upload([BATCH[1]]))
        page = client.get("/")
    assert r.text == expected.stdout
    findings = r.json()["files"][0]["findings"]
    assert "RL-NAR-001" not in {f["rule"] for f in findings}
    assert {f["severity"] for f in findings if f["rule"] == "RL-T3-008"} == {"warning"}
    assert findings[0]["message"].startswith("probably a wrong cell")  # English, from the configuration
    assert '<html lang="en">' in page.text


def test_names_from_the_client_are_made_safe() -> None:
    from linter.serve.uploads import _member_path, safe_name

    assert safe_name("C:\\Users\\张三\\2023年报告.docx") == "2023年报告.docx"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name('a<b>:"c|?*.docx') == "a_b___c___.docx"
    assert safe_name("con.docx") == "_con.docx" and safe_name("..") == "" and safe_name(" . ") == ""
    assert safe_name("x" * 300 + ".docx") == "x" * 175 + ".docx"
    assert safe_name("年" * 90 + ".docx") == "年" * 58 + ".docx"  # bytes, not characters: 179 of UTF-8
    assert safe_name("a\u202e\u2066b\u200f.docx") == "ab.docx" and safe_name("\u202e") == ""
    assert str(_member_path("reports/sub/a.docx")) == "reports/sub/a.docx"
    assert str(_member_path("./reports//a.docx")) == "reports/a.docx"
    for bad in ("../a.docx", "a/../../b.docx", "/etc/a.docx", "\\\\server\\a.docx", "C:/a.docx", "reports/"):
        assert _member_path(bad) is None, bad


def test_more_uploads_than_the_queue_holds_are_asked_to_retry(tmp_path: Path) -> None:
    import threading

    with ServerProcess(tmp_path / "srv", "--max-requests", "1") as srv:
        answers: list[int] = []

        def big() -> None:
            with srv.client() as client:
                answers.append(client.post("/api/check", files=upload([BATCH[1]] * 100)).status_code)

        thread = threading.Thread(target=big)
        thread.start()
        time.sleep(0.5)  # the big upload holds the only place
        with srv.client() as client:
            busy = client.post("/api/check", files=upload([BATCH[3]]))
        thread.join()
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
        assert busy.json()["error"]["message"] == "服务器正忙，请稍后再试"
        assert answers == [200]
        with srv.client() as client:  # and the place is free again
            assert client.post("/api/check", files=upload([BATCH[3]])).status_code == 200
        assert srv.leftovers() == []


def test_long_names_and_members_that_cannot_be_placed(server: ServerProcess) -> None:
    """A name over 255 bytes is cut by bytes (not characters); a member the file system refuses
    (a path too deep, a file and a folder of one name) and a zip three archives deep are one item
    each with an error; a zip inside the zip is opened; every other file of the upload is checked."""
    text = BATCH[3].read_bytes()
    long_name = "关" * 90 + ".txt"  # 274 bytes of UTF-8, 94 characters
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x", BATCH[1].read_bytes())  # a file x (a .docx without extension) ...
        z.writestr("x/a.txt", text)  # ... and a folder x/
        z.writestr("a/" * 2100 + "deep.txt", text)  # 4,208 bytes: over PATH_MAX
        z.writestr("inner.zip", bundle_of(text, deeper=bundle_of(text, deeper=bundle_of(text))))
        z.writestr("ok.txt", text)
        z.writestr("长" * 90 + ".txt", text)
    with server.client() as client:
        r = client.post(
            "/api/check?lang=en",
            files=[
                ("files", (long_name, text)),
                ("files", ("bundle.zip", bundle.getvalue())),
                ("files", ("report\u202excod.txt", text)),
            ],
        )
    assert r.status_code == 200, r.text
    files = {f["path"]: f for f in r.json()["files"]}
    cut = "关" * 58 + ".txt"  # 58 × 3 + 4 = 178 bytes
    assert list(files) == [
        cut,
        "bundle/ok.txt",
        "bundle/x",
        "bundle/" + "长" * 58 + ".txt",
        "bundle/inner.zip/in.txt",
        "bundle/inner.zip/deeper.zip/deeper.zip",
        "bundle/inner.zip/deeper.zip/in.txt",
        "bundle/x/a.txt",
        "bundle/" + "a/" * 2100 + "deep.txt",
        "reportxcod.txt",
    ]
    for path in (
        cut,
        "bundle/ok.txt",
        "bundle/" + "长" * 58 + ".txt",
        "bundle/inner.zip/in.txt",
        "bundle/inner.zip/deeper.zip/in.txt",
        "reportxcod.txt",
    ):
        assert files[path]["error"] is None and files[path]["format"] == "text", path
    assert files["bundle/x"]["error"] is None and files["bundle/x"]["format"] == "docx"
    assert (
        files["bundle/inner.zip/deeper.zip/deeper.zip"]["error"]["code"] == "RL-IO-030"
        and files["bundle/inner.zip/deeper.zip/deeper.zip"]["verdict"] == "skipped"
    )
    assert (
        "a .zip nested more than two levels deep is not expanded"
        in files["bundle/inner.zip/deeper.zip/deeper.zip"]["error"]["message"]
    )
    assert files["bundle/x/a.txt"]["error"]["code"] == "RL-IO-010"
    deep = files["bundle/" + "a/" * 2100 + "deep.txt"]["error"]
    assert deep["code"] == "RL-IO-010" and "file name too long" in deep["message"]
    assert server.leftovers() == []
    with server.client() as client:  # and in Chinese
        zh = client.post("/api/check", files=[("files", ("bundle.zip", bundle.getvalue()))]).json()
    message = {f["path"]: f for f in zh["files"]}["bundle/inner.zip/deeper.zip/deeper.zip"]["error"]["message"]
    assert "嵌套超过两层的压缩包不会展开" in message


def bundle_of(data: bytes, deeper: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("in.txt", data)
        if deeper:
            z.writestr("deeper.zip", deeper)
    return out.getvalue()


def test_an_inbox_is_counted_as_check_counts_it(server: ServerProcess, work: Path) -> None:
    """The same inbox checked by ``check FOLDER`` and uploaded file by file (what the page sends for
    a folder): the same verdicts, every file listed, the GBK zip's names decoded."""
    from tests.test_discover import CORRECT, FAULTY, HTML, ODT, PDF, _gbk_zip

    box = work / "inbox-counted"
    box.mkdir()
    for src, name in ((FAULTY, "a.docx"), (PDF, "b.pdf"), (HTML, "c.html"), (ODT, "d.odt")):
        shutil.copy(src, box / name)
    (box / "e.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    (box / "f.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 50)
    (box / "~$a.docx").write_bytes(b"\x08user\x00" * 20)
    _gbk_zip(box / "g.zip", {"乡镇/城关镇报告.docx": CORRECT.read_bytes(), "乡镇/照片.jpg": b"\xff\xd8\xff\0"})
    expected = json.loads(cli("check", "--format", "json", "inbox-counted", cwd=work).stdout)
    with server.client() as client:
        r = client.post("/api/check", files=upload(sorted(box.iterdir())))
    assert r.status_code == 200, r.text
    got = r.json()
    assert (
        got["summary"]["verdicts"]
        == expected["summary"]["verdicts"]
        == {"passed": 1, "failed": 3, "doubtful": 0, "unreadable": 1, "skipped": 4}
    )
    assert got["summary"]["files"] == expected["summary"]["files"] == 9
    verdicts = {f["path"]: f["verdict"] for f in got["files"]}
    assert verdicts["乡镇/城关镇报告.docx"] == "passed" and verdicts["乡镇/照片.jpg"] == "skipped"
    assert verdicts["~$a.docx"] == verdicts["e.png"] == "skipped" and verdicts["d.odt"] == "unreadable"


def test_a_mixed_folder_gives_the_same_entries_on_the_command_line_and_the_page(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One inbox of every kind of entry: ``check 收件箱`` and the page given the folder as a .zip
    (how it takes a folder) list the same entries with the same verdicts, reasons and findings:
    the zip in the folder opened, the zip inside it one level down, the one below skipped, a
    member out of the archive skipped. The page gets what a zipper can read of the folder: a
    subfolder it cannot list and a FIFO stay on the disk, and only the command line names them."""
    from tests.conftest import cli as run_cli
    from tests.test_discover import DOC, FAULTY, HTML, ODT, OFD, PDF, WPS, CORRECT, _gbk_zip, _inner_zip
    from tests.test_discover import _unreadable_folder

    box = tmp_path / "收件箱"
    box.mkdir()
    for src, name in (
        (FAULTY, "a.docx"),
        (DOC, "b.doc"),
        (WPS, "c.wps"),
        (PDF, "d.pdf"),
        (OFD, "e.ofd"),
        (HTML, "f.html"),
        (ODT, "h.odt"),
    ):
        shutil.copy(src, box / name)
    _gbk_zip(
        box / "g_乡镇.zip",
        {
            "乡镇/城关镇报告.docx": CORRECT.read_bytes(),
            "乡镇/照片.jpg": b"\xff\xd8\xff\0",
            "乡镇/旧包.zip": _inner_zip(),
            "../逃逸.docx": FAULTY.read_bytes(),
        },
    )
    (box / "i.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    (box / "j.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 50)
    (box / "~$a.docx").write_bytes(b"\x08user\x00" * 20)
    (box / "unreadable").mkdir()
    shutil.copy(FAULTY, box / "unreadable" / "inside.docx")
    os.mkfifo(box / "zz_pipe.docx")
    _unreadable_folder(monkeypatch, box / "unreadable")
    monkeypatch.chdir(tmp_path)

    def entries(data: dict) -> dict[str, tuple]:
        return {
            f["path"]: (
                f["verdict"],
                f["format"],
                f["error"],
                [(x["rule"], x["message"], x["location"].get("row"), x["location"].get("col")) for x in f["findings"]],
            )
            for f in data["files"]
        }

    on_disk = run_cli("check", "--format", "json", "--lang", "en", "--jobs", "2", "收件箱")
    assert on_disk.exit_code == 2
    command_line = json.loads(on_disk.stdout)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as z:
        for folder, _dirs, names in os.walk(box):  # (the listing of unreadable/ fails: left out)
            for name in names:
                path = Path(folder) / name
                if path.is_file():  # (not the FIFO)
                    z.write(path, path.relative_to(tmp_path).as_posix())
    with server.client() as client:
        r = client.post("/api/check?lang=en", files=[("files", ("收件箱.zip", packed.getvalue()))])
    assert r.status_code == 200, r.text
    page = r.json()
    disk_only = {"收件箱/unreadable", "收件箱/zz_pipe.docx"}
    assert entries(page) == {k: v for k, v in entries(command_line).items() if k not in disk_only}
    assert {k: v[0] for k, v in entries(page).items()} == {
        "收件箱/a.docx": "failed",
        "收件箱/b.doc": "failed",
        "收件箱/c.wps": "passed",
        "收件箱/d.pdf": "failed",
        "收件箱/e.ofd": "passed",
        "收件箱/f.html": "failed",
        "收件箱/g_乡镇.zip/乡镇/城关镇报告.docx": "passed",
        "收件箱/g_乡镇.zip/乡镇/照片.jpg": "skipped",
        "收件箱/g_乡镇.zip/乡镇/旧包.zip/x.txt": "failed",
        "收件箱/g_乡镇.zip/乡镇/旧包.zip/更旧.zip": "skipped",
        "收件箱/g_乡镇.zip/../逃逸.docx": "skipped",
        "收件箱/h.odt": "unreadable",
        "收件箱/i.png": "skipped",
        "收件箱/j.xlsx": "skipped",
        "收件箱/~$a.docx": "skipped",
    }
    disk = {f["path"]: f for f in command_line["files"]}
    assert [(disk[p]["verdict"], disk[p]["error"]["code"]) for p in sorted(disk_only)] == [
        ("unreadable", "RL-IO-010"),
        ("unreadable", "RL-IO-031"),
    ]
    # the counts: the same but for the two entries only the disk has
    assert page["summary"]["verdicts"] == {"passed": 3, "failed": 5, "doubtful": 0, "unreadable": 1, "skipped": 6}
    assert command_line["summary"]["verdicts"] == {**page["summary"]["verdicts"], "unreadable": 3}
    assert page["summary"]["files"] == 15 and command_line["summary"]["files"] == 17
    assert server.leftovers() == []
