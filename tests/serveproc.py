"""A real ``reportlint serve`` process on 127.0.0.1 for the tests: a free port, its own TMPDIR
(so that the temporary files it leaves, if any, can be seen), its log kept in a file."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

import httpx

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    def __init__(
        self, work: Path, *args: str, env: Optional[dict[str, str]] = None, cwd: Optional[Path] = None
    ) -> None:
        self.port = free_port()
        # Short: multiprocessing's fork server puts a socket there (AF_UNIX paths are short).
        self.tmp = Path(tempfile.mkdtemp(prefix="rls-"))
        work.mkdir(parents=True, exist_ok=True)
        self.log_path = work / f"server-{self.port}.log"
        self.base = f"http://127.0.0.1:{self.port}"
        environ = {**os.environ, "TMPDIR": str(self.tmp), "PYTHONUNBUFFERED": "1", **(env or {})}
        environ["PYTHONPATH"] = str(ROOT) + os.pathsep + environ.get("PYTHONPATH", "")
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "linter", "serve", "--port", str(self.port), *args],
            cwd=str(cwd or work),
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server did not start: {self.log()}")
            time.sleep(0.1)

    def client(self, address: Optional[str] = None, **kwargs: Any) -> httpx.Client:
        """A client; ``address``: the loopback address it connects from (127.0.0.2, ...), to be
        another client for the server's per-address limits."""
        if address is not None:
            kwargs["transport"] = httpx.HTTPTransport(local_address=address)
        return httpx.Client(base_url=self.base, timeout=120, **kwargs)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def leftovers(self) -> list[str]:
        """Upload folders still in the server's temporary folder."""
        return sorted(p.name for p in self.tmp.iterdir() if p.name.startswith("reportlint-serve-"))

    def pids(self) -> list[int]:
        """The server and every process under it (the checking children, the fork server)."""
        out = [self.proc.pid]
        i = 0
        while i < len(out):
            for task in Path(f"/proc/{out[i]}/task").glob("*/children"):  # (each thread's children)
                try:
                    out.extend(int(c) for c in task.read_text().split())
                except OSError:
                    pass
            i += 1
        return out

    def rss(self) -> int:
        """Resident memory of the server and its children, in bytes (Linux)."""
        total = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                pass
        return total

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "ServerProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
