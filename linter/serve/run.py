"""Start the server: settings from the options and the configuration, uvicorn, the logs.

The log holds counts and errors only: never a file name, a path inside an upload or content.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import sys
import threading
import time
import webbrowser
from dataclasses import replace
from pathlib import Path
from typing import Callable, Optional

from linter.run.check import Options
from linter.config.configuration import config_for
from linter.engine.lint import Selection
from linter.errors import ReportlintError, RuleSetError
from linter.office.roster import load_roster
from linter.serve.app import Settings, create_app
from linter.serve.uploads import UploadLimits

TOKEN_ENV = "REPORTLINT_TOKEN"


class ServeError(ReportlintError):
    pass


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def settings_from(
    host: str,
    port: int,
    token: Optional[str],
    config: Optional[str],
    jobs: Optional[int],
    max_files: int,
    max_request_mb: int,
    max_requests: int,
    max_per_client: int = 4,
    read_timeout: float = 30.0,
    min_upload_kb: float = 1.0,
) -> Settings:
    """Settings for ``serve``; ServeError (or ConfigError, RuleSetError) if they cannot work."""
    from linter.ruleset.loader import builtin_editions, builtin_ruleset

    if not is_loopback(host) and not token:
        example = os.urandom(12).hex()
        raise ServeError(
            f"--host {host} 会让局域网内的其他电脑访问本服务，必须设置访问令牌：--token 或环境变量 {TOKEN_ENV}"
            f"（例如 {TOKEN_ENV}={example}）\n"
            f"--host {host} serves other machines and needs an access token: --token or the {TOKEN_ENV} "
            f"environment variable (e.g. {TOKEN_ENV}={example})"
        )
    explicit = Path(config) if config else None
    if explicit is not None and not explicit.is_file():
        raise ServeError(f"{config}: no such configuration file")
    cfg = config_for(Path.cwd(), explicit)
    try:
        for edition in builtin_editions():  # a broken extra rule file stops the start, as it stops ``check``
            builtin_ruleset(edition, cfg.extra_rules)
    except RuleSetError as exc:
        exc.lang = cfg.lang
        raise
    options = Options(
        lang=cfg.lang,
        edition=cfg.edition,
        selection=Selection(tuple(cfg.select), tuple(cfg.ignore), dict(cfg.severity)),
        limits=cfg.limits,
        extra_rules=cfg.extra_rules,
        per_file_ignores=cfg.per_file_ignores,
    )
    roster = load_roster(Path(cfg.roster)) if cfg.roster else None
    if roster is not None:
        options = replace(options, body_aliases=roster.aliases(), roster=roster, keep_figures=True)
    return Settings(
        host=host,
        port=port,
        token=token or None,
        options=options,
        pair_years=cfg.pair_years,
        roster=roster,
        fail_on=cfg.fail_on,
        jobs=jobs or cfg.jobs or os.cpu_count() or 1,
        max_requests=max_requests,
        max_per_client=max_per_client,
        read_timeout=read_timeout,
        min_rate=min_upload_kb * 1024,
        upload=UploadLimits(max_request_bytes=max_request_mb * 1024 * 1024, max_files=max_files),
    )


def url_of(settings: Settings) -> str:
    host = settings.host
    if host in ("0.0.0.0", "::", ""):
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}/"


def _check_free(host: str, port: int) -> None:
    """ServeError if nothing can listen on ``host:port`` (in use, or not an address of this machine)."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _name, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            if os.name != "nt":  # (as uvicorn does; on Windows it would let two servers share the port)
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ServeError(
            f"无法在 {host}:{port} 上监听：{reason}（可用 --port 换一个端口）\n"
            f"cannot listen on {host}:{port}: {reason} (choose another with --port)"
        ) from None


def serve(settings: Settings, announce: Callable[[str], None], open_browser: bool = False) -> None:
    """Run until interrupted; the checking processes are stopped on the way out."""
    import uvicorn

    from linter.serve.deadlines import protocol

    _check_free(settings.host, settings.port)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s reportlint serve: %(message)s"))
    log = logging.getLogger("reportlint.serve")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False

    app, service = create_app(settings)
    # (h11 with a deadline for each request head: uvicorn has none of its own)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            access_log=False,
            http=protocol(settings.read_timeout),
            server_header=False,
            lifespan="off",
            log_level="warning",
            timeout_graceful_shutdown=10,
        )
    )
    url = url_of(settings)

    def when_started() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            service.pool.warm()
            announce(url)
            if open_browser:
                webbrowser.open(url)

    threading.Thread(target=when_started, daemon=True).start()
    try:
        server.run()
    finally:
        service.pool.close()
