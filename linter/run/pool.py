"""Check files in child processes with a per-file time limit and a memory cap.

A hostile or pathological file can then only stop itself: a file that runs over
``max_seconds_per_file`` becomes an RL-IO-012 result, a child that dies (a crash in a C
library, the kernel's OOM killer) an RL-INT-002 result, and the batch goes on with a fresh
child. Inside the child ``max_memory_bytes`` caps the address space (POSIX), so a memory
blow-up is a MemoryError that ``check_file`` reports as RL-IO-005.

Nothing here prints or parses options; cli.py decides when to use it (batch runs).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from itertools import chain, islice
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from linter.run.check import FileError, FileResult, Options, check_file
from linter.errors import input_error_message
from linter.config.limits import describe

CheckFn = Callable[..., FileResult]
_STARTUP_SECONDS = 120.0  # a cold child imports lxml and compiles the rule sets once


def _default_method() -> str:
    # forkserver: cheap children without forking a parent that may hold threads or locks.
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _context(method: str) -> Any:
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        # The server imports the checking code and compiles the built-in rule sets once (if it
        # is not running yet: the setting applies to its start); each child forked from it starts
        # with both. A batch's second round (previous-year pairs) and a child replacing a stopped
        # one start in about a tenth of the time.
        ctx.set_forkserver_preload(["linter.run.preload"])
    return ctx


def start_early() -> None:
    """Start the server the checking children are forked from, without waiting for it: it
    imports the checking code and compiles the rule sets while this process prepares the run (on
    another core), instead of when the first file is handed out."""
    if _default_method() != "forkserver":
        return
    from multiprocessing import forkserver

    _context("forkserver")
    try:
        forkserver.ensure_running()
    except (OSError, RuntimeError, ValueError):  # the first child starts it, or reports why not
        pass


def _cap_memory(max_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    if max_bytes <= 0:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY and hard < max_bytes:
        max_bytes = hard
    try:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))
    except (ValueError, OSError):  # pragma: no cover - not permitted here
        pass


def _child(conn: Connection, options: Options, check: CheckFn) -> None:
    """The child's loop: a path in, a FileResult out, until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _cap_memory(options.limits.max_memory_bytes)
    try:
        from linter.ruleset.loader import builtin_editions, builtin_ruleset

        for edition in builtin_editions():  # compile once per child, before the clock runs
            builtin_ruleset(edition)
    except Exception:  # a broken built-in rule set shows up per file instead
        pass
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        path, kwargs = job
        try:
            result = check(Path(path), options, **kwargs)
            conn.send(result)
        except BaseException as exc:  # check_file never raises; a custom check or pickling might
            conn.send(_error(path, "RL-INT-001", type(exc).__name__, options.lang))


def _error(path: str, code: str, detail: str, lang: str) -> FileResult:
    return FileResult(str(path), error=FileError(code, input_error_message(code, detail, lang)))


class Worker:
    """One child process that checks files one at a time. More than one can be submitted (the
    child then starts the next file while the parent is still writing out the last result); a
    child that overruns or dies is replaced, and the files queued behind the culprit go to the new one.

    A file's time limit runs from when the child can start it: its submission if the child is
    idle, else the arrival of the previous file's result."""

    def __init__(
        self,
        options: Options = Options(),
        seconds: Optional[float] = None,
        method: Optional[str] = None,
        check: CheckFn = check_file,
    ) -> None:
        self.options = options
        self.seconds = options.limits.max_seconds_per_file if seconds is None else seconds
        self._ctx = _context(method or _default_method())
        self._check = check
        self._proc: Optional[Any] = None
        self._conn: Optional[Connection] = None
        self._starting = False  # launched, and its "ready" not yet read
        # Files sent and not yet collected, oldest first: (path, kwargs, result if it could not be sent).
        self._queue: deque[tuple[str, dict[str, Any], Optional[FileResult]]] = deque()
        self.deadline = 0.0  # of the oldest queued file

    # ---- lifecycle --------------------------------------------------------------------------
    def launch(self) -> None:
        """Start the child without waiting for it to be ready; the first file handed to it
        waits. A child takes about a tenth of a second to import and load the rule sets, so a
        batch starts all of its children at once rather than one after the other. A child that
        cannot be started here is tried again, and reported, when a file is handed to it."""
        if self._conn is not None:
            return
        try:
            self._spawn()
        except (RuntimeError, OSError, ValueError, TypeError, AttributeError):
            self._kill()

    def _spawn(self) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_child, args=(child, self.options, self._check), daemon=True)
        self._proc, self._conn = proc, parent
        try:
            proc.start()
        finally:
            child.close()
        self._starting = True

    def _start(self) -> None:
        """Have a child ready to take files: start it if needed, and wait for it."""
        if self._conn is None:
            self._spawn()
        if not self._starting:
            return
        assert self._conn is not None and self._proc is not None
        self._starting = False
        try:
            started = self._conn.poll(_STARTUP_SECONDS) and self._conn.recv() == "ready"
        except (EOFError, OSError):
            started = False
        if not started:  # e.g. a __main__ that multiprocessing cannot re-import (python - <script)
            raise RuntimeError(f"the checking process did not start (exit status {self._proc.exitcode})")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None and self._proc.pid is not None:  # (not if its start failed)
            self._proc.join(timeout=2)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join()
        self._proc = self._conn = None
        self._starting = False

    def _kill(self) -> None:
        if self._proc is not None and self._proc.pid is not None and self._proc.is_alive():
            self._proc.kill()
        self.close()

    def __enter__(self) -> "Worker":
        return self

    def __exit__(self, *exc: object) -> None:
        self._kill() if self._queue else self.close()
        self._queue.clear()

    # ---- files ------------------------------------------------------------------------------
    @property
    def connection(self) -> Optional[Connection]:
        return self._conn

    @property
    def pending(self) -> int:
        """Files submitted and not yet collected."""
        return len(self._queue)

    @property
    def ready(self) -> bool:
        """Whether ``collect(block=False)`` has something to give without waiting on the child."""
        return bool(self._queue) and self._queue[0][2] is not None

    def submit(self, path: Path, **kwargs: Any) -> None:
        """Queue one file for the child (started if needed); collect it with ``collect``."""
        failed = self._send(str(path), kwargs)  # (waits for a child that is starting)
        if not self._queue:
            self.deadline = time.monotonic() + self.seconds
        self._queue.append((str(path), kwargs, failed))

    def _send(self, path: str, kwargs: dict[str, Any]) -> Optional[FileResult]:
        """Hand a file to the child; the error result if that failed (the child is then stopped)."""
        try:
            self._start()
            assert self._conn is not None
            self._conn.send((path, kwargs))
        except (RuntimeError, OSError, EOFError, ValueError, TypeError, AttributeError) as exc:
            self._kill()  # pickling the arguments or starting the child failed
            return _error(path, "RL-INT-002", str(exc), self.options.lang)
        return None

    def collect(self, block: bool = True) -> Optional[FileResult]:
        """The oldest submitted file's result; None if not ready and ``block`` is False. Enforces the limit."""
        assert self._queue, "collect() without a submitted file"
        path, _kwargs, failed = self._queue[0]
        if failed is not None:
            return self._done()
        lang = self.options.lang
        assert self._conn is not None
        remaining = max(0.0, self.deadline - time.monotonic())
        try:
            ready = self._conn.poll(remaining if block else 0)
        except (OSError, EOFError):
            ready = True
        if not ready:
            if block or time.monotonic() >= self.deadline:
                self._kill()
                detail = describe("max_seconds_per_file", self.seconds)
                return self._done(_error(path, "RL-IO-012", detail, lang), restart=True)
            return None
        try:
            result = self._conn.recv()
        except (EOFError, OSError):
            result = None
        if not isinstance(result, FileResult):
            if self._proc is not None:
                self._proc.join(timeout=5)  # reap it, for its exit status
            code = self._proc.exitcode if self._proc is not None else None
            self._kill()
            how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            return self._done(_error(path, "RL-INT-002", how, lang), restart=True)
        return self._done(result)

    def _done(self, result: Optional[FileResult] = None, restart: bool = False) -> FileResult:
        """Take the oldest file off the queue with its result; the next one's clock starts now.
        After the child was stopped, the files queued behind go to a fresh child."""
        _path, _kwargs, failed = self._queue.popleft()
        out = result if result is not None else failed
        assert out is not None
        if restart:
            waiting = list(self._queue)
            self._queue.clear()
            for path, kwargs, was in waiting:
                self._queue.append((path, kwargs, was if was is not None else self._send(path, kwargs)))
        self.deadline = time.monotonic() + self.seconds
        return out

    def check(self, path: Path, **kwargs: Any) -> FileResult:
        self.submit(path, **kwargs)
        result = self.collect(block=True)
        assert result is not None
        return result


def check_file_limited(
    path: Path, options: Options = Options(), seconds: Optional[float] = None, method: Optional[str] = None
) -> FileResult:
    """``check_file`` in a child process, stopped after ``seconds`` (default max_seconds_per_file)."""
    with Worker(options, seconds, method) as worker:
        return worker.check(path)


def check_files_limited(
    paths: Iterable[Path],
    options: Options = Options(),
    jobs: int = 1,
    seconds: Optional[float] = None,
    method: Optional[str] = None,
    check: CheckFn = check_file,
    depth: int = 2,
    kwargs: Optional[Callable[[int], dict[str, Any]]] = None,
) -> Iterator[FileResult]:
    """Check a batch with ``jobs`` child processes; results come in input order.

    Each child has up to ``depth`` files in hand, so it goes on checking while this process
    writes results out. ``paths`` is consumed lazily, a path per free place, so it may be a
    generator. ``kwargs``: the keyword arguments of ``check`` for the file of each input index,
    asked for when the file is handed to a child.
    """
    workers = [Worker(options, seconds, method, check) for _ in range(max(1, min(jobs, os.cpu_count() or 1)))]
    todo: Iterator[tuple[int, Path]] = enumerate(paths)
    first = list(islice(todo, len(workers)))
    for worker in workers[: len(first)]:  # as many children as there are files, all started at once
        worker.launch()
    todo = chain(first, todo)
    more = True
    queued: list[deque[int]] = [deque() for _ in workers]  # per worker, the input indexes it holds
    done: dict[int, FileResult] = {}
    next_out = 0
    try:
        while True:
            # Deal files out one round at a time, so that a short batch still uses every child.
            for held in range(max(1, depth)):
                for slot, worker in enumerate(workers):
                    if more and worker.pending <= held:
                        item = next(todo, None)
                        if item is None:
                            more = False
                            break
                        worker.submit(item[1], **(kwargs(item[0]) if kwargs is not None else {}))
                        queued[slot].append(item[0])
            busy = [slot for slot, w in enumerate(workers) if w.pending]
            if not busy:
                break
            if not any(workers[s].ready for s in busy):
                deadline = min(workers[s].deadline for s in busy)
                conns = [c for c in (workers[s].connection for s in busy) if c is not None]
                wait(conns, timeout=max(0.0, deadline - time.monotonic()))
            for slot in busy:
                worker = workers[slot]
                while worker.pending:
                    result = worker.collect(block=False)
                    if result is None:
                        break
                    done[queued[slot].popleft()] = result
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for worker in workers:
            worker._kill() if worker.pending else worker.close()
