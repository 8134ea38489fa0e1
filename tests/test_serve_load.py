"""A bounded load test of ``reportlint serve`` on loopback: 200 uploads from 8 concurrent clients,
every answer the one ``check --format json`` gives for the file, memory flat, no temporary file
left. Prints its figures (docs/performance.md); REPORTLINT_LOAD_FIGURES=FILE also writes them."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.serveproc import ROOT, ServerProcess

UPLOADS = 200
CLIENTS = 8
FILES = [
    ROOT / "examples/sample_2021_broken_table3.docx",
    ROOT / "examples/pingtan_2021_correct.docx",
    ROOT / "fixtures/text/fail_t3_total_cell.txt",
    ROOT / "fixtures/html/fail_t4_sum.html",
]


def test_200_uploads_from_8_clients(tmp_path: Path) -> None:
    for p in FILES:
        shutil.copy(p, tmp_path / p.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    expected = {
        p.name: subprocess.run(
            [sys.executable, "-m", "linter", "check", "--format", "json", p.name],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        ).stdout
        for p in FILES
    }
    assert all(json.loads(text)["summary"]["files"] == 1 for text in expected.values())
    bodies = {p.name: p.read_bytes() for p in FILES}

    with ServerProcess(tmp_path / "srv", cwd=tmp_path) as srv:
        with srv.client() as client:  # start the checking processes before the clock runs
            for p in FILES:
                assert client.post("/api/check", files=[("files", (p.name, bodies[p.name]))]).text == expected[p.name]
        lock = threading.Lock()
        counter = iter(range(UPLOADS))
        latencies: list[float] = []
        wrong: list[str] = []
        memory: list[int] = []
        running = True

        def sample() -> None:
            while running:
                memory.append(srv.rss())
                time.sleep(0.1)

        def client_loop(n: int) -> None:
            with srv.client(address=f"127.0.0.{n + 2}") as client:  # 8 clients: 8 addresses
                while True:
                    with lock:
                        i = next(counter, None)
                    if i is None:
                        return
                    name = FILES[i % len(FILES)].name
                    started = time.perf_counter()
                    r = client.post("/api/check", files=[("files", (name, bodies[name]))])
                    elapsed = time.perf_counter() - started
                    with lock:
                        latencies.append(elapsed)
                        if r.status_code != 200 or r.text != expected[name]:
                            wrong.append(f"{i} {name}: {r.status_code} {r.text[:200]}")

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.perf_counter()
        clients = [threading.Thread(target=client_loop, args=(n,)) for n in range(CLIENTS)]
        for t in clients:
            t.start()
        for t in clients:
            t.join()
        wall = time.perf_counter() - started
        running = False
        sampler.join()
        # Anything in the server's temporary folder but multiprocessing's own (its fork server's socket).
        leftovers = sorted(p.name for p in srv.tmp.iterdir() if not p.name.startswith("pymp-"))
        log = srv.log()

    assert wrong == []
    assert len(latencies) == UPLOADS
    assert leftovers == []
    quarter = max(1, len(memory) // 4)
    early, late = statistics.mean(memory[quarter : 2 * quarter]), statistics.mean(memory[-quarter:])
    figures = {
        "uploads": UPLOADS,
        "clients": CLIENTS,
        "jobs": os.cpu_count(),
        "seconds": round(wall, 2),
        "requests_per_second": round(UPLOADS / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000),
        "peak_rss_mb": round(max(memory) / 2**20, 1),
        "rss_early_mb": round(early / 2**20, 1),
        "rss_late_mb": round(late / 2**20, 1),
    }
    print("serve load test:", json.dumps(figures))
    if os.environ.get("REPORTLINT_LOAD_FIGURES"):
        Path(os.environ["REPORTLINT_LOAD_FIGURES"]).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    # Flat: the second half of the run holds no more than the second quarter, give or take 10 %.
    assert late <= early * 1.10, figures
    assert "POST /api/check 200: 1 file(s)" in log and "Traceback" not in log
    assert not any(p.name in log for p in FILES)
