"""Check files one by one in forked children and print one JSON line per file: the error code,
the CPU time of ``check_file`` (what the file costs, whatever else the machine runs; its wall
time too) and the peak RSS it added (ru_maxrss after minus before).

Usage: python tests/hostile/measure.py [--timeout SECONDS] FILE...
The parent warms up first (imports, rule sets, one real check), so each child starts warm and
its RSS increase is what the file itself cost. A child over the timeout is killed and reported
with "hang": true. POSIX only (os.fork).
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
sys.path.insert(0, str(ROOT))

from linter.run.check import Options, check_file  # noqa: E402
from linter.reporters import get_reporter  # noqa: E402


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _current_rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):  # not Linux: the high-water mark is an upper bound
        return _peak_rss_mb()


def measure_one(path: Path) -> dict[str, object]:
    before = _current_rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    result = check_file(path, Options(lang="en"))
    seconds, wall = time.process_time() - cpu, time.perf_counter() - start
    peak = max(_peak_rss_mb(), before)
    rendered = "".join(get_reporter(fmt)(lang="en").render([result]) for fmt in ("text", "json"))
    rendered.encode("utf-8")  # raises on lone surrogates: the output must always be printable
    return {
        "path": str(path),
        "code": result.error.code if result.error else None,
        "message": result.error.message if result.error else "",
        "rules": sorted({f.rule for f in result.findings}),
        "seconds": round(seconds, 3),
        "wall_seconds": round(wall, 3),
        "rss_before_mb": round(before, 1),
        "rss_added_mb": round(peak - before, 1),
        "output": rendered[:20000],
    }


def run_forked(path: Path, timeout: float) -> dict[str, object]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            data = json.dumps(measure_one(path), ensure_ascii=False).encode("utf-8")
        except BaseException as exc:  # noqa: BLE001 - report, never hide
            data = json.dumps({"path": str(path), "crash": f"{type(exc).__name__}: {exc}"}).encode()
        with os.fdopen(write_fd, "wb") as fh:
            fh.write(data)
        os._exit(0)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    with os.fdopen(read_fd, "rb", buffering=0) as fh:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fh], [], [], max(0.0, left))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"path": str(path), "hang": True, "seconds": timeout}
            chunk = fh.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"path": str(path), "crash": f"child died, wait status {status}"}
    return json.loads(b"".join(chunks).decode("utf-8"))


def main(argv: list[str]) -> int:
    timeout = 60.0
    if argv[:1] == ["--timeout"]:
        timeout, argv = float(argv[1]), argv[2:]
    check_file(ROOT / "fixtures" / "docx" / "filled_2021.docx")  # warm up: imports, rule sets, lxml
    for name in argv:
        print(json.dumps(run_forked(Path(name), timeout), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
