"""The server's checking processes: the batch's child processes (linter.run.pool.Worker, with the
per-file time limit and memory cap) kept alive between requests, and a bounded queue in front.

A request's files are handed to the children at most ``jobs`` at a time, so the files of
several requests take turns; more than ``max_requests`` requests at once are refused (busy), and
so are more than ``max_per_client`` from one client address. A request asks for its place only
once its body is in (linter.serve.app), so a client that sends slowly holds none.
Every untrusted byte is parsed in a child: the check, the HTML view's re-reading of the tables
and the annotated copy.
"""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Optional, Sequence

from linter.recognise.report import ChildrenSum
from linter.run.check import FileError, FileResult, Options, check_file, pair_decisions, rollup_targets, unpaired
from linter.run.pool import Worker


@dataclass(frozen=True)
class Rendered(FileResult):
    """A result with its section of the HTML report, drawn in the child that checked the file."""

    html: str = ""


class ServeCheck:
    """What a child runs for one file of a request (picklable; the work folder is the child's
    current folder, so that paths read as the client named them, as ``check`` shows them)."""

    def __call__(
        self,
        path: Path,
        options: Options,
        *,
        cwd: str,
        lang: str,
        previous_path: Optional[str] = None,
        children: Optional[ChildrenSum] = None,
        html: Optional[int] = None,
        annotate_to: Optional[str] = None,
        kit_to: Optional[str] = None,
        fail_on: str = "error",
    ) -> FileResult:
        os.chdir(cwd)
        options = replace(options, lang=lang, keep_tables=html is not None)
        if annotate_to is not None:
            return _annotate(path, Path(annotate_to), options)
        if kit_to is not None:
            return _kit(path, Path(kit_to), options, fail_on)
        result = check_file(path, options, previous_path=previous_path, children=children)
        if html is None:
            return result
        from linter.reporters.html.report import HtmlReporter

        from linter.reporters.defuse import defuse

        section = HtmlReporter(lang=lang)._file(html, defuse(result))
        return Rendered(**{f.name: getattr(result, f.name) for f in fields(FileResult)}, html=section)


def _annotate(path: Path, out: Path, options: Options) -> FileResult:
    from linter.annotate.comments import annotate_file

    outcome = annotate_file(path, out, options, fix=True)  # comments, and each located correction as a tracked change
    failed = outcome.failed
    if failed is not None and outcome.check.error is None:
        return replace(outcome.check, error=FileError(failed.code, failed.message))
    return outcome.check


def _kit(path: Path, folder: Path, options: Options, fail_on: str) -> FileResult:
    """What goes back to the sender of ``path``, under ``folder`` in the file's own subfolder: the
    annotated copy of a .docx, else (or if it cannot be written) the review sheet."""
    from linter.annotate.comments import annotate_checked
    from linter.annotate.run import reviewed_name
    from linter.annotate.sheet import sheet_name, write_sheet
    from linter.verdict import verdict

    target = folder / path.parent
    target.mkdir(parents=True, exist_ok=True)
    result = check_file(path, options)
    if result.error is None and result.format == "docx":
        outcome = annotate_checked(path, target / reviewed_name(path), result, options, fix=True)
        if outcome.failed is None:
            return result
    write_sheet(target / sheet_name(path), result, verdict(result, fail_on), options.lang)
    return result


@dataclass(frozen=True)
class Job:
    path: str  # relative to the work folder
    previous_path: Optional[str] = None
    html: Optional[int] = None  # draw the file's section of the HTML report as file number ``html``
    children: Optional[ChildrenSum] = None  # a roster parent's report: its children's sum (RL-X-002)


class Busy(Exception):
    """More requests are being checked than the queue holds."""


class ClientBusy(Busy):
    """The client's address holds as many places as one client may."""


class CheckPool:
    def __init__(self, options: Options, jobs: int, max_requests: int, max_per_client: int = 4) -> None:
        self.options = options
        self.jobs = max(1, jobs)
        self.max_requests = max(1, max_requests)
        self.max_per_client = max(1, max_per_client)
        self._clients: dict[str, int] = {}
        self._executor = ThreadPoolExecutor(self.jobs, thread_name_prefix="reportlint-check")
        self._local = threading.local()
        self._workers: list[Worker] = []
        self._lock = threading.Lock()
        self._active = 0

    # ---- admission ----------------------------------------------------------------------------
    def admit(self, client: str = "") -> None:
        """Take a place in the queue for one request of ``client`` (its address), or raise Busy
        (every place is taken) or ClientBusy (the client holds ``max_per_client`` places)."""
        with self._lock:
            if self._active >= self.max_requests:
                raise Busy()
            if self._clients.get(client, 0) >= self.max_per_client:
                raise ClientBusy()
            self._active += 1
            self._clients[client] = self._clients.get(client, 0) + 1

    def release(self, client: str = "") -> None:
        with self._lock:
            self._active -= 1
            left = self._clients.get(client, 0) - 1
            if left > 0:
                self._clients[client] = left
            else:
                self._clients.pop(client, None)

    # ---- running --------------------------------------------------------------------------------
    def _worker(self) -> Worker:
        worker: Optional[Worker] = getattr(self._local, "worker", None)
        if worker is None:
            worker = Worker(self.options, check=ServeCheck())
            self._local.worker = worker
            with self._lock:
                self._workers.append(worker)
        return worker

    def warm(self) -> None:
        """Start the checking processes now rather than on the first upload."""
        for _ in range(self.jobs):
            self._executor.submit(lambda: self._worker().launch())

    def _run(self, path: str, kwargs: dict[str, Any]) -> FileResult:
        return self._worker().check(Path(path), **kwargs)

    async def run(self, jobs: Sequence[Job], cwd: Path, lang: str, **kwargs: Any) -> list[FileResult]:
        """Each job's result, in order; at most ``self.jobs`` of this request's files at once."""
        results: list[Optional[FileResult]] = [None] * len(jobs)
        gate = asyncio.Semaphore(self.jobs)
        loop = asyncio.get_running_loop()

        async def one(i: int, job: Job) -> None:
            async with gate:
                extra = dict(kwargs, cwd=str(cwd), lang=lang)
                if job.previous_path is not None:
                    extra["previous_path"] = job.previous_path
                if job.html is not None:
                    extra["html"] = job.html
                if job.children is not None:
                    extra["children"] = job.children
                results[i] = await loop.run_in_executor(self._executor, self._run, job.path, extra)

        await asyncio.gather(*(one(i, job) for i, job in enumerate(jobs)))
        return [r for r in results if r is not None]

    async def check(
        self, paths: Sequence[str], cwd: Path, lang: str, pair_years: bool, html: Optional[Sequence[int]] = None
    ) -> list[FileResult]:
        """A batch as ``check`` runs it: each file, then again against its previous year when the
        same body's report of the year before is in the batch, and a roster parent's report again
        with its children's sum when the roll-up rule is selected. ``html``: each file's number in
        the HTML report, to draw its section."""
        numbers: Sequence[Optional[int]] = html if html is not None else [None] * len(paths)
        results = await self.run([Job(p, None, n) for p, n in zip(paths, numbers)], cwd, lang)
        before: dict[int, str] = {}
        if pair_years:
            decisions = pair_decisions(results, self.options.body_aliases)
            for i, result in unpaired(results, decisions).items():
                results[i] = result
            before = {i: last for i, (last, _) in decisions.items() if last is not None}
            order = sorted(before)
            if order:
                again = await self.run([Job(paths[i], before[i], numbers[i]) for i in order], cwd, lang)
                for i, result in zip(order, again):
                    results[i] = replace(result, pairing=decisions[i][1])
        targets = rollup_targets(results, [Path(p) for p in paths], self.options)
        if targets:
            order = sorted(targets)
            jobs = [Job(paths[i], before.get(i), numbers[i], targets[i]) for i in order]
            for i, result in zip(order, await self.run(jobs, cwd, lang)):
                results[i] = replace(result, pairing=results[i].pairing)
        return results

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            for worker in self._workers:
                worker.__exit__(None, None, None)
            self._workers.clear()
