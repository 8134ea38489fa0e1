"""``reportlint serve`` under slow clients: a request takes a place in the check queue only once
its body is in, request heads and bodies have deadlines and a minimum rate, and one client
address holds at most a few places."""

from __future__ import annotations

import select
import socket
import threading
import time
from pathlib import Path

from tests.serveproc import ROOT, ServerProcess

TEXT = ROOT / "fixtures/text/fail_t3_total_cell.txt"
DOCX = ROOT / "examples/sample_2021_broken_table3.docx"


class SlowClient(threading.Thread):
    """A connection that sends one byte a second (of its request head, or of its body after a
    whole head), until the server answers or closes it; what the server sent is kept."""

    def __init__(self, port: int, head_too: bool) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.head_too = head_too
        self.answer = b""
        self.closed_after: float = -1.0
        self.started = time.monotonic()

    def run(self) -> None:
        head = (
            f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"
        ).encode()
        body = b'--b\r\nContent-Disposition: form-data; name="files"; filename="slow.txt"\r\n\r\n' + b"x" * 1000
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            if not self.head_too:
                s.sendall(head)
                trickle = body
            else:
                trickle = head + body
            for i in range(60):
                try:
                    s.sendall(trickle[i : i + 1])
                except OSError:  # reset by the server
                    break
                readable, _, _ = select.select([s], [], [], 1.0)
                if readable:
                    try:
                        chunk = s.recv(65536)
                    except OSError:
                        chunk = b""
                    self.answer += chunk
                    if not chunk:
                        break
            self.closed_after = time.monotonic() - self.started


def test_slow_clients_hold_no_place_and_are_closed(tmp_path: Path) -> None:
    data = TEXT.read_bytes()
    with ServerProcess(tmp_path / "srv", "--read-timeout", "5", "--max-requests", "16") as srv:
        with srv.client() as client:  # the checking processes started
            assert client.post("/api/check", files=[("files", ("a.txt", data))]).status_code == 200
        slow = [SlowClient(srv.port, head_too=False) for _ in range(16)] + [
            SlowClient(srv.port, head_too=True) for _ in range(4)
        ]
        for c in slow:
            c.start()
        time.sleep(1.5)  # every slow body is being read, and would hold its place
        answers: list[int] = []
        lock = threading.Lock()

        def honest() -> None:
            with srv.client() as client:
                for _ in range(5):
                    r = client.post("/api/check", files=[("files", ("a.txt", data))])
                    ok = r.status_code == 200 and r.json()["summary"]["files"] == 1
                    with lock:
                        answers.append(r.status_code if ok else -r.status_code)

        started = time.monotonic()
        threads = [threading.Thread(target=honest) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        honest_seconds = time.monotonic() - started
        alive = sum(c.closed_after < 0 for c in slow)
        for c in slow:
            c.join(timeout=30)
        log = srv.log()
        leftovers = srv.leftovers()
    assert answers == [200] * 20
    assert alive == 20, f"the slow clients were closed before the honest uploads were done ({honest_seconds:.1f} s)"
    # Each slow connection was answered 408 and closed after about the read timeout (5 s), not
    # after the 60 s it would have gone on for.
    for c in slow:
        assert 4 < c.closed_after < 12, (c.head_too, c.closed_after)
        assert c.answer.startswith(b"HTTP/1.1 408 "), (c.head_too, c.answer[:80])
        assert b"connection: close" in c.answer.lower()
    assert log.count("POST /api/check 408: 0 file(s)") == 16  # (a head never completed is no request)
    assert "Traceback" not in log and leftovers == []


def test_a_connection_that_sends_nothing_is_closed(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "srv", "--read-timeout", "1") as srv:
        with socket.create_connection(("127.0.0.1", srv.port)) as s:
            s.settimeout(10)
            started = time.monotonic()
            answer = s.recv(65536)
            assert answer.startswith(b"HTTP/1.1 408 ")
            assert s.recv(65536) == b""  # closed
            assert time.monotonic() - started < 5
        with socket.create_connection(("127.0.0.1", srv.port)) as s:  # a whole head, then a silent body
            s.settimeout(10)
            s.sendall(
                (
                    f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{srv.port}\r\n"
                    "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000\r\n\r\n"
                ).encode()
            )
            started = time.monotonic()
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 408 ") and time.monotonic() - started < 5
        with srv.client() as client:  # an honest client is unaffected
            assert client.get("/healthz").status_code == 200


def _admitted(tmp: Path) -> bool:
    """Whether an upload holds a place: the server places its files in ``work/`` only once the
    request is admitted, and checks them after (100 reports: long enough to ask again meanwhile)."""
    try:
        return any(any((folder / "work").iterdir()) for folder in tmp.glob("reportlint-serve-*"))
    except FileNotFoundError:  # a folder removed while looking
        return False


def test_one_client_holds_at_most_a_few_places(tmp_path: Path) -> None:
    """Places are counted per client address: a second upload from a client holding its only
    place is asked to retry (429), another address is served meanwhile."""
    docx = DOCX.read_bytes()
    text = TEXT.read_bytes()
    with ServerProcess(tmp_path / "srv", "--max-requests-per-client", "1") as srv:
        answers: list[int] = []

        def big() -> None:
            with srv.client() as client:
                answers.append(client.post("/api/check", files=[("files", ("b.docx", docx))] * 100).status_code)

        thread = threading.Thread(target=big)
        thread.start()
        deadline = time.monotonic() + 60
        while not _admitted(srv.tmp):  # the big upload holds its client's only place
            assert thread.is_alive() and time.monotonic() < deadline, answers
            time.sleep(0.01)
        with srv.client() as client:
            same = client.post("/api/check", files=[("files", ("a.txt", text))])
        with srv.client(address="127.0.0.2") as other:
            served = other.post("/api/check", files=[("files", ("a.txt", text))])
        thread.join()
        assert same.status_code == 429 and same.headers["retry-after"] == "5"
        assert same.json()["error"]["message"] == "您同时上传的检查过多（每个地址最多 1 个），请等前面的完成后再试"
        assert served.status_code == 200 and served.json()["summary"]["files"] == 1
        assert answers == [200]
        with srv.client() as client:  # the place is free again
            assert client.post("/api/check", files=[("files", ("a.txt", text))]).status_code == 200
        assert srv.leftovers() == []
