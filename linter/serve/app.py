"""The web application: the page and the JSON API, behind the guard (Host, Origin, token).

Routes: ``GET /`` (the page), ``GET /healthz``, ``GET /api/rules``, ``POST /api/check`` (the
results in any output format, JSON by default: the documented contract, as ``check --format
json`` gives it), ``POST /api/view`` (the page's: the body of the HTML report and which upload
each result came from) and ``POST /api/annotate`` (the annotated .docx). Uploads live in a
private temporary folder for the time of the request only.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Sequence
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from linter import __version__
from linter.run.check import FileError, FileResult, Options
from linter.errors import input_error_message
from linter.office.roster import Roster
from linter.reporters import REPORTERS, RunInfo, Summary, get_reporter
from linter.reporters.html.report import HtmlReporter
from linter.serve import page
from linter.serve.deadlines import TIMED_OUT, ReadDeadline
from linter.serve.pool import Busy, CheckPool, ClientBusy, Job, Rendered
from linter.serve.uploads import Item, UploadLimits, UploadRefused, place, receive
from linter.i18n import t

log = logging.getLogger("reportlint.serve")

# format -> (media type, file extension); a format missing here is served as bytes with its name.
MEDIA = {
    "json": ("application/json", "json"),
    "sarif": ("application/sarif+json", "sarif"),
    "junit": ("application/xml", "xml"),
    "html": ("text/html; charset=utf-8", "html"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "gitlab": ("application/json", "json"),
    "github": ("text/plain; charset=utf-8", "txt"),
    "text": ("text/plain; charset=utf-8", "txt"),
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Offered on the page for the whole batch: every registered format but the terminal's and the CI logs'.
_NOT_OFFERED = {"text", "github", "gitlab"}


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8765
    token: Optional[str] = None
    options: Options = field(default_factory=Options)
    pair_years: bool = True
    fail_on: str = "error"
    jobs: int = 1
    max_requests: int = 16  # requests being checked at once; more are refused (busy)
    max_per_client: int = 4  # of those, from one client address
    read_timeout: float = 30.0  # seconds for a request's head, and for any wait in its body
    min_rate: float = 1024.0  # bytes a second a body must average once read_timeout has passed
    upload: UploadLimits = field(default_factory=UploadLimits)
    roster: Optional[Roster] = None  # the configuration's: the coverage table 报送情况

    @property
    def hosts(self) -> Optional[frozenset[str]]:
        """The Host headers served; None when bound to every interface (then the token guards)."""
        if self.host in ("0.0.0.0", "::", ""):
            return None
        names = {self.host}
        if self.host in ("127.0.0.1", "localhost", "::1"):
            names |= {"127.0.0.1", "localhost", "[::1]"}
        shown = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names}
        return frozenset(
            h for n in shown for h in ((f"{n}:{self.port}", n) if self.port == 80 else (f"{n}:{self.port}",))
        )


def error(status: int, key: str, lang: str, **params: object) -> JSONResponse:
    return JSONResponse(
        {"error": {"status": status, "key": key, "message": t("serve." + key, lang, **params)}},
        status,
        headers={"Cache-Control": "no-store"},
    )


def _lang(request: Request, default: str) -> str:
    lang = request.query_params.get("lang", default)
    return lang if lang in ("zh", "en") else default


# On every answer: no content-type guessing, no framing by other pages, no Referer sent onwards.
_HARDENING = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class Guard:
    """Refuses, before any route runs: a Host header not served (DNS rebinding), a cross-site
    POST (its Origin is not this server), and an API call without the token when one is set."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.hosts = settings.hosts
        self.token = settings.token.encode("utf-8") if settings.token else None
        self.lang = settings.options.lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "").lower()
        refusal: Optional[Response] = None
        if self.hosts is not None and host not in self.hosts:
            refusal = error(403, "host", self.lang, hosts=", ".join(sorted(self.hosts)))
        elif scope["method"] not in ("GET", "HEAD", "OPTIONS") and not self._same_origin(headers, host):
            refusal = error(403, "origin", self.lang)
        elif self.token is not None and scope["path"].startswith("/api/") and not self._has_token(headers):
            refusal = error(401, "token", self.lang)
            refusal.headers["WWW-Authenticate"] = 'Bearer realm="reportlint"'

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HARDENING]
            await send(message)

        if refusal is not None:
            log.info("refused %s %s", refusal.status_code, scope["method"])
            await refusal(scope, receive, send_hardened)
            return
        await self.app(scope, receive, send_hardened)

    @staticmethod
    def _same_origin(headers: dict[str, str], host: str) -> bool:
        origin = headers.get("origin")
        if headers.get("sec-fetch-site") == "cross-site":
            return False
        # A client that is not a browser sends no Origin; a browser always does on a POST.
        return origin is None or origin.lower() in (f"http://{host}", f"https://{host}")

    def _has_token(self, headers: dict[str, str]) -> bool:
        given = headers.get("x-reportlint-token", "")
        auth = headers.get("authorization", "")
        if not given and auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        assert self.token is not None
        return hmac.compare_digest(given.encode("utf-8"), self.token)


class Service:
    """The routes' work, around one CheckPool."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = CheckPool(settings.options, settings.jobs, settings.max_requests, settings.max_per_client)
        self.formats = [
            (name, MEDIA.get(name, ("", name))[1])
            for name in ["json", "html", *[n for n in REPORTERS if n not in ("json", "html")]]
            if name not in _NOT_OFFERED
        ]

    # ---- uploads around a request ----------------------------------------------------------------
    async def with_uploads(
        self, request: Request, lang: str, work: Callable[[list[Item], Path, dict[str, str]], Awaitable[Response]]
    ) -> Response:
        """Receive the upload into a private folder, then take a place in the check queue (a
        client that sends slowly holds none), run ``work``, and delete the folder whatever happens."""
        started = time.monotonic()
        limits = self.settings.upload
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limits.max_request_bytes:
            return error(413, "request_too_large", lang, mb=limits.max_request_bytes // (1024 * 1024))
        client = request.client.host if request.client is not None else ""
        folder = Path(tempfile.mkdtemp(prefix="reportlint-serve-"))  # mode 0700
        status, count, admitted = 500, 0, False
        try:
            inbox, workdir = folder / "in", folder / "work"
            inbox.mkdir()
            workdir.mkdir()
            received = await receive(
                request.stream(), request.headers.get("content-type", ""), inbox, self.settings.options.limits, limits
            )
            try:
                self.pool.admit(client)
                admitted = True
            except Busy as exc:
                status = 429 if isinstance(exc, ClientBusy) else 503
                log.info(
                    "busy: %s",
                    "too many requests from one client"
                    if status == 429
                    else f"{self.pool.max_requests} requests in progress",
                )
                busy = error(status, "busy_client" if status == 429 else "busy", lang, n=self.pool.max_per_client)
                busy.headers["Retry-After"] = "5"
                return busy
            # (a zip is expanded in a thread: the other requests go on meanwhile)
            items = await asyncio.to_thread(place, received, workdir, self.settings.options.limits, limits.max_files)
            count = len(items)
            response = await work(items, workdir, received.fields)
            status = response.status_code
            return response
        except UploadRefused as exc:
            status = exc.status
            return error(exc.status, exc.key, lang, **exc.params)
        except ClientDisconnect:
            # Too slow (answered 408 by ReadDeadline), or gone (499, nginx's number: nobody reads it).
            status = 408 if request.scope.get(TIMED_OUT) else 499
            return Response(status_code=400)
        except Exception as exc:  # never a traceback to the client, nor a file name in the log
            log.error("internal error: %s", type(exc).__name__)
            return error(500, "internal", lang)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            if admitted:
                self.pool.release(client)
            log.info(
                "%s %s %d: %d file(s) in %.2f s",
                request.method,
                request.url.path,
                status,
                count,
                time.monotonic() - started,
            )

    async def results(self, items: Sequence[Item], workdir: Path, lang: str, html: bool = False) -> list[FileResult]:
        """Results in upload order: the uploads refused before reading keep their error. With
        ``html``, each checked file's section of the HTML report is drawn by its child."""
        todo = [(n, it.path) for n, it in enumerate(items, 1) if it.error is None]
        checked = iter(
            await self.pool.check(
                [p for _, p in todo],
                workdir,
                lang,
                self.settings.pair_years,
                html=[n for n, _ in todo] if html else None,
            )
        )
        out: list[FileResult] = []
        for it in items:
            if it.error is not None:
                out.append(
                    FileResult(
                        it.path,
                        error=FileError(it.error.code, input_error_message(it.error.code, it.error.detail, lang)),
                        skipped=it.skipped,
                    )
                )
            else:
                out.append(next(checked))
        return out

    def render(self, fmt: str, results: Sequence[FileResult], lang: str) -> bytes:
        if fmt == "html":
            reporter: Any = _Assembled(lang=lang)
        else:
            reporter = get_reporter(fmt)(lang=lang)
        if hasattr(reporter, "fail_on"):
            reporter.fail_on = self.settings.fail_on
        reporter.run_info = RunInfo(inputs=tuple(r.path for r in results), roster=self.settings.roster)
        parts = list(reporter.output(results))  # text, or bytes for a binary format
        return b"".join(parts) if parts and isinstance(parts[0], bytes) else "".join(parts).encode("utf-8")

    # ---- routes -----------------------------------------------------------------------------------
    async def page(self, request: Request) -> Response:
        lang = _lang(request, self.settings.options.lang)
        return HTMLResponse(
            page.render(lang, self.formats), headers={"Content-Security-Policy": page.CSP, "Cache-Control": "no-store"}
        )

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "reportlint": __version__})

    async def rules(self, request: Request) -> Response:
        lang = _lang(request, self.settings.options.lang)
        editions = [str(a.edition) for a in self.settings.options.editions()]
        edition = request.query_params.get("edition", max(editions))
        if edition not in editions:
            return error(400, "format", lang, fmt=edition)
        ruleset = self.settings.options.ruleset_for(int(edition))
        return JSONResponse(
            {
                "edition": int(edition),
                "rules": [
                    {
                        "id": r.id,
                        "name": r.name,
                        "severity": r.severity,
                        "summary": r.summary.get(lang, r.summary.get("en")),
                    }
                    for r in ruleset.rules
                ],
            }
        )

    async def check(self, request: Request) -> Response:
        lang = _lang(request, self.settings.options.lang)
        fmt = request.query_params.get("format", "json")
        if fmt not in REPORTERS:
            return error(400, "format", lang, fmt=fmt)

        async def work(items: list[Item], workdir: Path, fields: dict[str, str]) -> Response:
            results = await self.results(items, workdir, lang, html=fmt == "html")
            media, ext = MEDIA.get(fmt, ("application/octet-stream", fmt))
            return Response(
                self.render(fmt, results, lang),
                media_type=media,
                headers={
                    "Content-Disposition": f'attachment; filename="reportlint.{ext}"',
                    "Cache-Control": "no-store",
                },
            )

        return await self.with_uploads(request, lang, work)

    async def view(self, request: Request) -> Response:
        lang = _lang(request, self.settings.options.lang)

        async def work(items: list[Item], workdir: Path, fields: dict[str, str]) -> Response:
            results = await self.results(items, workdir, lang, html=True)
            files = [
                {
                    "path": r.path,
                    "upload": it.upload,
                    "format": r.format,
                    "error": r.error.code if r.error is not None else None,
                }
                for it, r in zip(items, results)
            ]
            html = self.render("html", results, lang).decode("utf-8")
            main = html[html.index("<main>") + len("<main>") : html.rindex("</main>")]  # what the page shows
            return JSONResponse(
                {"main": main, "files": files, "summary": asdict(Summary.of(results))},
                headers={"Cache-Control": "no-store"},
            )

        return await self.with_uploads(request, lang, work)

    async def kit(self, request: Request) -> Response:
        """The return kit of a batch: each .docx annotated, a review sheet for each other file,
        in the upload's folders, as one zip."""
        lang = _lang(request, self.settings.options.lang)

        async def work(items: list[Item], workdir: Path, fields: dict[str, str]) -> Response:
            data = await _kit_zip(self, items, workdir, lang)
            name = t("serve.kit_name", lang)
            return Response(
                data,
                media_type="application/zip",
                headers={
                    "Content-Disposition": f"attachment; filename=\"reportlint-kit.zip\"; filename*=UTF-8''{quote(name)}",
                    "Cache-Control": "no-store",
                },
            )

        return await self.with_uploads(request, lang, work)

    async def annotate(self, request: Request) -> Response:
        lang = _lang(request, self.settings.options.lang)

        async def work(items: list[Item], workdir: Path, fields: dict[str, str]) -> Response:
            wanted = fields.get("path")
            if wanted is not None:
                chosen = [it for it in items if it.path == wanted]
                if not chosen:
                    return error(404, "no_such_file", lang, path=wanted)
            elif len(items) != 1:
                return error(400, "one_file", lang)
            else:
                chosen = items
            item = chosen[0]
            if item.error is not None:
                message = input_error_message(item.error.code, item.error.detail, lang)
                return JSONResponse({"error": {"status": 422, "key": item.error.code, "message": message}}, 422)
            out = workdir.parent / "annotated.docx"
            result = (await self.pool.run([Job(item.path)], workdir, lang, annotate_to=str(out)))[0]
            if result.error is not None or not out.is_file():
                code = result.error.code if result.error is not None else "RL-INT-001"
                message = result.error.message if result.error is not None else t("serve.internal", lang)
                return JSONResponse({"error": {"status": 422, "key": code, "message": message}}, 422)
            name = Path(item.path).stem + ".annotated.docx"
            return Response(
                out.read_bytes(),
                media_type=DOCX,
                headers={
                    "Content-Disposition": f"attachment; filename=\"annotated.docx\"; filename*=UTF-8''{quote(name)}",
                    "Cache-Control": "no-store",
                },
            )

        return await self.with_uploads(request, lang, work)


async def _kit_zip(service: "Service", items: list[Item], workdir: Path, lang: str) -> bytes:
    """Every file's copy or review sheet, in the folders of the upload, as one zip."""
    import io
    import zipfile

    from linter.annotate.sheet import sheet_name, write_sheet

    kit = workdir.parent / "kit"
    kit.mkdir()
    todo = [it for it in items if it.error is None]
    await service.pool.run(
        [Job(it.path) for it in todo], workdir, lang, kit_to=str(kit), fail_on=service.settings.fail_on
    )
    for it in items:
        if it.error is not None:  # refused before reading: its sheet says why
            path = Path(it.path)
            (kit / path.parent).mkdir(parents=True, exist_ok=True)
            failed = FileResult(
                it.path, error=FileError(it.error.code, input_error_message(it.error.code, it.error.detail, lang))
            )
            await asyncio.to_thread(write_sheet, kit / path.parent / sheet_name(path), failed, "unreadable", lang)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(p for p in kit.rglob("*") if p.is_file()):
            z.write(f, f.relative_to(kit).as_posix())
    return buf.getvalue()


class _Assembled(HtmlReporter):
    """The HTML report of a batch whose file sections were drawn in the checking children (from the
    tables they keep); a child stopped over a limit leaves an error result, drawn here without the
    file."""

    def _file(self, n: int, result: FileResult) -> str:
        if isinstance(result, Rendered):
            return result.html
        return super()._file(n, result) if result.error is not None else ""


def create_app(settings: Settings) -> tuple[ASGIApp, Service]:
    service = Service(settings)

    async def not_served(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 500)
        lang = _lang(request, settings.options.lang)
        return error(code, "not_found" if code == 404 else "method" if code == 405 else "internal", lang)

    app = Starlette(
        exception_handlers={404: not_served, 405: not_served},
        routes=[
            Route("/", service.page, methods=["GET"]),
            Route("/healthz", service.healthz, methods=["GET"]),
            Route("/api/rules", service.rules, methods=["GET"]),
            Route("/api/check", service.check, methods=["POST"]),
            Route("/api/view", service.view, methods=["POST"]),
            Route("/api/annotate", service.annotate, methods=["POST"]),
            Route("/api/kit", service.kit, methods=["POST"]),
        ],
    )
    return ReadDeadline(Guard(app, settings), settings.read_timeout, settings.min_rate), service
