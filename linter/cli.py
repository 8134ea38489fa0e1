"""Command line: parse options, build objects, call, map to an exit code. Nothing else."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, TypeVar

import click

from linter import __version__
from linter.errors import EXIT_ERROR, EXIT_OK
from linter.i18n import display_width, t
from linter.reporters import REPORTERS
from linter.ruleset.loader import builtin_editions

if TYPE_CHECKING:
    from linter.run.export import Exported, RolledUp
    from linter.run.gate import Request

F = TypeVar("F", bound=Callable[..., Any])
_LEVELS = click.Choice(["error", "warning", "info"])
_EDITIONS = click.Choice([str(e) for e in builtin_editions()])  # the bundled rule files gov-<edition>.yaml
_NEWEST = str(builtin_editions()[0])
_LANGS = click.Choice(["zh", "en"])


def help_language(argv: list[str]) -> str:
    """The language of --help: ``--lang`` on the command line, else the configuration's (looked for
    only when help is asked for), else LANG (English if it starts with ``en``), else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg.split("=", 1)[1]
    if not argv or "--help" in argv or "-h" in argv:
        try:
            from linter.config.configuration import config_for

            cfg = config_for(Path.cwd())
            if cfg.source is not None:
                return cfg.lang
        except Exception:  # a broken configuration does not stop --help
            pass
    return "en" if os.environ.get("LANG", "").lower().startswith("en") else "zh"


HELP_LANG = help_language(sys.argv[1:])


def h(key: str) -> str:
    return t("help." + key, HELP_LANG)


class _Formatter(click.HelpFormatter):
    """click's help layout with its headings in the help language."""

    def write_usage(self, prog: str, args: str = "", prefix: Optional[str] = None) -> None:
        super().write_usage(prog, args, prefix=h("usage"))

    def write_heading(self, heading: str) -> None:
        name = h("options") if heading == "Options" else h("commands") if heading == "Commands" else heading
        self.write(f"{'':>{self.current_indent}}{t('help.heading', HELP_LANG, heading=name)}\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list, with the first column measured in terminal columns (CJK: two)."""
        rows = list(rows)
        first_col = min(max((display_width(a) for a, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = click.formatting.wrap_text(
                second, max(self.width - first_col - 2, 10), preserve_paragraphs=True
            ).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class _Context(click.Context):
    formatter_class = _Formatter


_CONTEXT = {"help_option_names": ["-h", "--help"]}


def _help_option(f: F) -> F:
    return click.help_option("-h", "--help", help=h("help"))(f)


@click.group(context_settings=_CONTEXT, help=h("main"), add_help_option=False)
@_help_option
@click.version_option(__version__, prog_name="reportlint", help=h("version"))
def main() -> None:
    pass


def _run_options(f: F) -> F:
    """The options ``check`` and ``annotate`` share (one run path)."""
    for option in reversed(
        [
            click.option("--lang", type=_LANGS, default=None, help=h("lang")),
            click.option("--fail-on", type=_LEVELS, default=None, help=h("fail_on")),
            click.option("--edition", type=_EDITIONS, default=None, help=h("edition")),
            click.option("--select", multiple=True, metavar=h("metavar_rule"), help=h("select")),
            click.option("--ignore", multiple=True, metavar=h("metavar_rule"), help=h("ignore")),
            click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, metavar="N", help=h("jobs")),
            click.option(
                "--config",
                "config_file",
                type=click.Path(dir_okay=False),
                default=None,
                metavar=h("metavar_file"),
                help=h("config"),
            ),
            click.option(
                "--rules",
                "rules_file",
                type=click.Path(dir_okay=False),
                default=None,
                metavar=h("metavar_file"),
                help=h("rules_file"),
            ),
            click.option(
                "--previous",
                "previous_file",
                type=click.Path(),
                default=None,
                metavar=h("metavar_file"),
                help=h("previous"),
            ),
            click.option("--no-pairing", is_flag=True, default=None, help=h("no_pairing")),
        ]
    ):
        f = option(f)
    return f


def _request(paths: tuple[str, ...], run: dict[str, Any], **extra: Any) -> Request:
    """The run request of the options every run command shares (``_run_options``, passed as
    ``run``) and the command's own (``extra``)."""
    from linter.run.gate import Request

    edition = run["edition"]
    return Request(
        paths=paths,
        lang=run["lang"],
        fail_on=run["fail_on"],
        edition=int(edition) if edition else None,
        select=run["select"],
        ignore=run["ignore"],
        jobs=run["jobs"],
        config=run["config_file"],
        rules_file=run["rules_file"],
        previous_file=run["previous_file"],
        pair_years=False if run["no_pairing"] else None,
        **extra,
    )


@main.command(help=h("check"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.argument("paths", nargs=-1, required=True, metavar=h("metavar_paths"))
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)), default=None, help=h("format"))
@_run_options
@click.option(
    "--baseline", type=click.Path(dir_okay=False), default=None, metavar=h("metavar_file"), help=h("baseline")
)
@click.option("--write-baseline", is_flag=True, help=h("write_baseline"))
@click.option("--prune-baseline", is_flag=True, help=h("prune_baseline"))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    metavar=h("metavar_file"),
    help=h("output"),
)
@click.option("--progress/--no-progress", default=None, help=h("progress"))
@click.option("--list-passed", is_flag=True, help=h("list_passed"))
@click.option("--roster", type=click.Path(dir_okay=False), default=None, metavar=h("metavar_file"), help=h("roster"))
@click.option("--year", type=click.IntRange(1990, 2999), default=None, metavar=h("metavar_year"), help=h("year"))
@click.option("--show-positions", is_flag=True, help=h("show_positions"))
@click.option("--debug", is_flag=True, help=h("debug"))
def check(
    paths: tuple[str, ...],
    fmt: Optional[str],
    baseline: Optional[str],
    write_baseline: bool,
    prune_baseline: bool,
    output: Optional[str],
    progress: Optional[bool],
    list_passed: bool,
    roster: Optional[str],
    year: Optional[int],
    show_positions: bool,
    debug: bool,
    **run: Any,
) -> None:
    from linter.errors import ReportlintError
    from linter.run.gate import execute

    if (write_baseline or prune_baseline) and not baseline:
        raise click.UsageError(h("need_baseline"))
    fmt = _output_format(fmt, output)
    req = _request(
        paths,
        run,
        fmt=fmt,
        baseline=baseline,
        write_baseline=write_baseline,
        prune_baseline=prune_baseline,
        color=output is None and fmt == "text" and sys.stdout.isatty(),
        list_passed=list_passed,
        roster=roster,
        year=year,
        output=output,
        show_positions=show_positions,
    )
    show = progress if progress is not None else sys.stderr.isatty()
    with _interruptible(run["lang"]):
        try:
            outcome = execute(req, _progress if show else None)
        except ReportlintError as exc:
            click.echo(str(exc), err=True)
            sys.exit(EXIT_ERROR)
        _deliver(outcome, fmt, output, show, debug)


def _deliver(outcome: Any, fmt: str, output: Optional[str], show: bool, debug: bool) -> None:
    """Print the notes and write the report (to ``output`` whole or not at all, or to stdout)."""
    from linter.run.outputs import WriteError, write_whole

    lang = outcome.plan.lang if outcome.plan else "zh"
    if show:
        click.echo("\r\033[K", nl=False, err=True)
    if debug:
        for r in outcome.results:
            if r.error is not None and r.error.debug:
                click.echo(f"{r.path}:\n{r.error.debug}", err=True)
    for note in outcome.notes:
        click.echo(note, err=True)
    from linter.reporters import get_reporter

    binary = get_reporter(fmt).binary
    try:
        if output:
            write_whole(Path(output), outcome.report)
            click.echo("\n".join(outcome.summary))
            click.echo(t("written", lang, path=output))
        elif binary:
            sys.stdout.flush()
            for piece in outcome.report:
                sys.stdout.buffer.write(piece)
            sys.stdout.buffer.flush()
        else:
            for block in _blocks(outcome.report):
                click.echo(block, nl=False)
    except WriteError as exc:
        exc.lang = lang
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(outcome.exit_code)


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


@contextmanager
def _interruptible(lang: Optional[str]) -> Iterator[None]:
    """Ctrl-C: a short note and exit 130, never a traceback. Files being written are left as
    they were (linter.run.outputs), and checking children ignore SIGINT and are stopped."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo(
            "\n"
            + (
                "Interrupted; no file was left half-written."
                if (lang or HELP_LANG) == "en"
                else "已中断；没有写了一半的文件。"
            ),
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)


# An output file's extension -> the format it is written in when --format is not given.
FORMAT_OF_EXTENSION = {
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".sarif": "sarif",
}


def _output_format(fmt: Optional[str], output: Optional[str]) -> str:
    """The format of a check's report: --format, else what the -o file's extension says (结果.xlsx is
    a workbook), else text. A --format the extension contradicts, or a binary format for a
    terminal, is refused before any file is read."""
    from linter.reporters import get_reporter

    implied = FORMAT_OF_EXTENSION.get(Path(output).suffix.lower()) if output else None
    if fmt is not None and implied is not None and implied != fmt:
        raise click.UsageError(t("help.format_conflict", HELP_LANG, fmt=fmt, path=output, implied=implied))
    chosen = fmt or implied or "text"
    if not output and get_reporter(chosen).binary and sys.stdout.isatty():
        raise click.UsageError(t("help.binary", HELP_LANG, fmt=chosen))
    return chosen


def _blocks(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Pieces of output joined into blocks of about ``size`` characters (fewer writes and flushes)."""
    block: list[str] = []
    n = 0
    for chunk in chunks:
        block.append(chunk)
        n += len(chunk)
        if n >= size:
            yield "".join(block)
            block, n = [], 0
    if block:
        yield "".join(block)


def _progress(i: int, n: int, path: str) -> None:
    if n >= 20:
        click.echo(f"\r\033[K[{i}/{n}] {path}"[:200], nl=False, err=True)


@main.command("config", help=h("show_config"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.argument("path", required=False, default=".")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    metavar=h("metavar_file"),
    help=h("config"),
)
@click.option("--lang", type=_LANGS, default=None, help=h("lang"))
def show_config(path: str, config_file: Optional[str], lang: Optional[str]) -> None:
    import yaml

    from linter.config.configuration import ConfigError, config_for

    try:
        cfg = config_for(Path(path), Path(config_file) if config_file else None)
    except ConfigError as exc:
        exc.lang = lang or "zh"
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    click.echo(yaml.safe_dump(cfg.as_dict(), allow_unicode=True, sort_keys=False), nl=False)


def _language(lang: Optional[str]) -> str:
    """--lang, else the configuration's found from here, else zh."""
    if lang:
        return lang
    from linter.config.configuration import config_for

    try:
        return config_for(Path.cwd()).lang
    except Exception:  # a broken configuration is reported by check; here it only picks a language
        return "zh"


@main.command("rules", help=h("rules"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.option("--edition", type=_EDITIONS, default=None, help=h("rules_edition"))
@click.option("--lang", type=_LANGS, default=None, help=h("lang"))
def list_rules(edition: Optional[str], lang: Optional[str]) -> None:
    from linter.ruleset.explain import rule_table
    from linter.ruleset.loader import builtin_ruleset

    editions = [int(edition)] if edition else list(builtin_editions())
    for line in rule_table([builtin_ruleset(e) for e in editions], _language(lang)):
        click.echo(line)


@main.command(help=h("explain"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.argument("rule_id")
@click.option("--edition", type=_EDITIONS, default=_NEWEST, help=h("explain_edition"))
@click.option("--lang", type=_LANGS, default=None, help=h("lang"))
def explain(rule_id: str, edition: str, lang: str) -> None:
    from linter.config.configuration import config_for
    from linter.ruleset.explain import explain as explain_rule
    from linter.ruleset.loader import builtin_ruleset

    try:
        overrides = dict(config_for(Path.cwd()).severity)
    except Exception:  # a broken configuration is reported by check
        overrides = {}
    done = explain_rule(rule_id, builtin_ruleset(int(edition)), _language(lang), overrides)
    for line in done.lines:
        click.echo(line, err=not done.found)
    sys.exit(EXIT_OK if done.found else EXIT_ERROR)


@main.command(help=h("annotate"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.argument("paths", nargs=-1, required=True, metavar=h("metavar_paths"))
@click.option("--output", "-o", default=None, metavar=h("metavar_out"), help=h("annotate_output"))
@click.option("--fix", is_flag=True, default=False, help=h("fix"))
@click.option("--only-failed", is_flag=True, default=False, help=h("only_failed"))
@click.option("--sheet", is_flag=True, default=False, help=h("sheet"))
@_run_options
@click.option("--show-positions", is_flag=True, help=h("show_positions"))
def annotate(
    paths: tuple[str, ...],
    output: Optional[str],
    fix: bool,
    only_failed: bool,
    sheet: bool,
    show_positions: bool,
    **run: Any,
) -> None:
    from linter.annotate.comments import summary_line
    from linter.annotate.run import annotate_run
    from linter.errors import ReportlintError
    from linter.reporters.text import TextReporter

    req = _request(
        paths,
        run,
        show_positions=show_positions,
    )
    with _interruptible(run["lang"]):
        try:
            done = annotate_run(req, output, fix=fix, only_failed=only_failed, sheet=sheet)
        except ReportlintError as exc:
            click.echo(str(exc), err=True)
            sys.exit(EXIT_ERROR)
        run_lang = done.plan.lang
        for note in done.notes:
            click.echo(note, err=True)
        reporter = TextReporter(lang=run_lang)
        reporter.fail_levels = done.plan.fail_levels()
        reporter.show_positions = show_positions
        results = done.results
        for block in _blocks(reporter.output(results)):
            click.echo(block, nl=False)
        for i, outcome in enumerate(done.results):
            if i not in done.said:  # (else a sheet, or passed: below)
                click.echo(summary_line(outcome, run_lang), err=outcome.failed is not None)
        for line in done.lines:
            click.echo(line)
    sys.exit(done.exit_code)


def _finish_table_run(run: Callable[[], Exported | RolledUp], lang: Optional[str]) -> None:
    """Run ``export`` or ``rollup``: an error is one line and exit 2; else the notes, the line saying
    what was written, and the run's exit code."""
    from linter.errors import ReportlintError, os_error

    try:
        done = run()
    except ReportlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        click.echo(os_error(exc, lang or "zh"), err=True)
        sys.exit(EXIT_ERROR)
    for note in done.plan.notes:
        click.echo(note, err=True)
    click.echo(done.line)
    sys.exit(done.exit_code)


@main.command(help=h("export"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.argument("paths", nargs=-1, required=True, metavar=h("metavar_paths"))
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False), metavar=h("metavar_file"), help=h("export_output")
)
@click.option("--roster", type=click.Path(dir_okay=False), default=None, metavar=h("metavar_file"), help=h("roster"))
@_run_options
def export(
    paths: tuple[str, ...],
    output: str,
    roster: Optional[str],
    **run: Any,
) -> None:
    from linter.run.export import export_run

    req = _request(
        paths,
        run,
        roster=roster,
    )
    _finish_table_run(lambda: export_run(req, Path(output)), run["lang"])


@main.command(help=h("rollup"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.argument("paths", nargs=-1, required=True, metavar=h("metavar_paths"))
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False), metavar=h("metavar_file"), help=h("rollup_output")
)
@click.option("--roster", type=click.Path(dir_okay=False), default=None, metavar=h("metavar_file"), help=h("roster"))
@click.option("--parent", default=None, metavar=h("metavar_body"), help=h("rollup_parent"))
@click.option("--year", type=click.IntRange(1990, 2999), default=None, metavar=h("metavar_year"), help=h("year"))
@_run_options
def rollup(
    paths: tuple[str, ...],
    output: str,
    roster: Optional[str],
    parent: Optional[str],
    year: Optional[int],
    **run: Any,
) -> None:
    from linter.run.export import rollup_run

    req = _request(
        paths,
        run,
        roster=roster,
        year=year,
    )
    _finish_table_run(lambda: rollup_run(req, Path(output), parent), run["lang"])


@main.command(help=h("serve"), context_settings=_CONTEXT, add_help_option=False)
@_help_option
@click.option("--host", default="127.0.0.1", show_default=True, help=h("serve_host"))
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help=h("serve_port"))
@click.option("--open", "open_browser", is_flag=True, help=h("serve_open"))
@click.option("--token", envvar="REPORTLINT_TOKEN", default=None, help=h("serve_token"))
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    metavar=h("metavar_file"),
    help=h("config"),
)
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, metavar="N", help=h("jobs"))
@click.option("--max-files", type=click.IntRange(1, 10000), default=100, show_default=True, help=h("serve_max_files"))
@click.option(
    "--max-request-mb", type=click.IntRange(1, 4096), default=200, show_default=True, help=h("serve_max_request_mb")
)
@click.option(
    "--max-requests", type=click.IntRange(1, 1000), default=16, show_default=True, help=h("serve_max_requests")
)
@click.option(
    "--max-requests-per-client",
    type=click.IntRange(1, 1000),
    default=4,
    show_default=True,
    help=h("serve_max_per_client"),
)
@click.option(
    "--read-timeout",
    type=click.FloatRange(0.1, 3600),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help=h("serve_read_timeout"),
)
@click.option(
    "--min-upload-kb",
    type=click.FloatRange(0, 1e6),
    default=1.0,
    show_default=True,
    metavar="KB",
    help=h("serve_min_upload_kb"),
)
def serve(
    host: str,
    port: int,
    open_browser: bool,
    token: Optional[str],
    config_file: Optional[str],
    jobs: Optional[int],
    max_files: int,
    max_request_mb: int,
    max_requests: int,
    max_requests_per_client: int,
    read_timeout: float,
    min_upload_kb: float,
) -> None:
    from linter.serve import missing_extra

    problem = missing_extra()
    if problem:
        click.echo(problem, err=True)
        sys.exit(EXIT_ERROR)
    from linter.errors import ReportlintError
    from linter.serve.run import serve as run_server
    from linter.serve.run import settings_from

    try:
        settings = settings_from(
            host,
            port,
            token,
            config_file,
            jobs,
            max_files,
            max_request_mb,
            max_requests,
            max_requests_per_client,
            read_timeout,
            min_upload_kb,
        )
        run_server(
            settings,
            lambda url: click.echo(f"reportlint serve: {url}  (Ctrl+C 停止 / to stop)", err=True),
            open_browser,
        )
    except ReportlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)


for _command in (main, *main.commands.values()):  # help headings in the help language, for reportlint's commands only
    _command.context_class = _Context
