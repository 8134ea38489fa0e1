"""Command line: parse options, build objects, call, map to an exit code. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

import click

from linter import __version__
from linter.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from linter.reporters import REPORTERS
from linter.ruleset import builtin_editions

_LEVELS = click.Choice(["error", "warning", "info"])
_EDITIONS = click.Choice([str(e) for e in builtin_editions()])  # the bundled rule files gov-<edition>.yaml
_NEWEST = str(builtin_editions()[0])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main() -> None:
    """reportlint: 政府信息公开工作年度报告合规检查 (compliance linter for annual disclosure reports)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)), default="text", show_default=True,
              help="Output format.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language (default zh).")
@click.option("--fail-on", type=_LEVELS, default=None, help="Lowest severity that makes the exit code 1 (default error).")
@click.option("--edition", type=_EDITIONS, default=None,
              help="Force a format edition instead of detecting it.")
@click.option("--select", multiple=True, help="Only these rules (id, id prefix or dotted-name prefix); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules (id, id prefix or dotted-name prefix); repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Parallel processes (default: CPU count).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file instead of discovering one.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False), default=None,
              help="Use this YAML rule set instead of the built-in ones.")
@click.option("--previous", "previous_file", type=click.Path(dir_okay=False), default=None,
              help="The same body's report of the year before, for the year-to-year rules.")
@click.option("--no-pairing", is_flag=True, default=None,
              help="Do not pair one body's consecutive years found in the same batch.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", is_flag=True, help="Record the current findings in the --baseline file.")
@click.option("--prune-baseline", is_flag=True, help="Remove entries no longer found from the --baseline file.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file; a short summary still goes to the terminal.")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: on a terminal, for 20+ files).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths: tuple[str, ...], fmt: str, lang: Optional[str], fail_on: Optional[str], edition: Optional[str],
          select: tuple[str, ...], ignore: tuple[str, ...], jobs: Optional[int], config_file: Optional[str],
          rules_file: Optional[str], previous_file: Optional[str], no_pairing: Optional[bool],
          baseline: Optional[str], write_baseline: bool, prune_baseline: bool, output: Optional[str],
          progress: Optional[bool], debug: bool) -> None:
    """Check annual reports (files, folders, globs) and print located findings."""
    from linter.errors import ReportlintError
    from linter.gate import Request, execute

    if (write_baseline or prune_baseline) and not baseline:
        raise click.UsageError("--write-baseline and --prune-baseline need --baseline FILE")
    req = Request(paths=paths, fmt=fmt, lang=lang, fail_on=fail_on, edition=int(edition) if edition else None,
                  select=select, ignore=ignore, jobs=jobs, config=config_file, rules_file=rules_file,
                  previous_file=previous_file, pair_years=False if no_pairing else None, baseline=baseline,
                  write_baseline=write_baseline, prune_baseline=prune_baseline,
                  color=output is None and fmt == "text" and sys.stdout.isatty())
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        outcome = execute(req, _progress if show else None)
    except ReportlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    if show:
        click.echo("\r\033[K", nl=False, err=True)
    if debug:
        for r in outcome.results:
            if r.error is not None and r.error.debug:
                click.echo(f"{r.path}:\n{r.error.debug}", err=True)
    for note in outcome.notes:
        click.echo(note, err=True)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.writelines(outcome.report)
        click.echo("\n".join(outcome.summary))
    else:
        for block in _blocks(outcome.report):
            click.echo(block, nl=False)
    sys.exit(outcome.exit_code)


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


@main.command("config")
@click.argument("path", required=False, default=".")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
def show_config(path: str, config_file: Optional[str]) -> None:
    """Print the effective configuration for PATH (a file or folder; default: here)."""
    import yaml

    from linter.config import config_for
    from linter.errors import ReportlintError

    try:
        cfg = config_for(Path(path), Path(config_file) if config_file else None)
    except ReportlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    click.echo(yaml.safe_dump(cfg.as_dict(), allow_unicode=True, sort_keys=False), nl=False)


@main.command("rules")
@click.option("--edition", type=_EDITIONS, default=_NEWEST, show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(edition: str, lang: str) -> None:
    """List the rules of an edition."""
    from linter.ruleset import builtin_ruleset

    for rule in builtin_ruleset(int(edition)).rules:
        click.echo(f"{rule.id}  {rule.severity:<7}  {rule.name:<32} {rule.summary[lang]}")


@main.command()
@click.argument("rule_id")
@click.option("--edition", type=_EDITIONS, default=_NEWEST, show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(rule_id: str, edition: str, lang: str) -> None:
    """Explain one rule: what it checks, its basis and examples."""
    from linter.ruleset import builtin_ruleset

    try:
        rule = builtin_ruleset(int(edition)).rule(rule_id.upper())
    except KeyError:
        click.echo(f"no such rule: {rule_id}", err=True)
        sys.exit(EXIT_ERROR)
    labels = {"zh": ("规则", "名称", "默认级别", "依据", "通过示例", "不通过示例"),
              "en": ("Rule", "Name", "Default severity", "Basis", "Passing example", "Failing example")}[lang]
    click.echo(f"{labels[0]}: {rule.id}  {rule.summary[lang]}")
    click.echo(f"{labels[1]}: {rule.name}")
    click.echo(f"{labels[2]}: {rule.severity}")
    click.echo(f"{labels[3]}: {rule.basis}")
    click.echo(f"{labels[4]}: {rule.examples['pass']}")
    click.echo(f"{labels[5]}: {rule.examples['fail']}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True,
              help="Write the annotated copy here (never the input file).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the comments and messages.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--edition", type=_EDITIONS, default=None,
              help="Force a format edition instead of detecting it.")
@click.option("--select", multiple=True, help="Only these rules (id or dotted-name prefix); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules (id or dotted-name prefix); repeatable.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False), default=None,
              help="Use this YAML rule set instead of the built-in ones.")
@click.option("--previous", "previous_file", type=click.Path(dir_okay=False), default=None,
              help="The same body's report of the year before, for the year-to-year rules.")
@click.option("--fix", is_flag=True, default=False,
              help="Also write each located wrong cell's correction into the cell as a tracked change (修订).")
def annotate(path: str, output: str, lang: str, fail_on: str, edition: Optional[str], select: tuple[str, ...],
             ignore: tuple[str, ...], rules_file: Optional[str], previous_file: Optional[str], fix: bool) -> None:
    """Write a copy of a .docx with each finding as a Word review comment (批注)."""
    from linter.annotate import annotate_file, summary_line
    from linter.check import Options, load_previous
    from linter.engine import Selection
    from linter.errors import RuleSetError
    from linter.findings import SEVERITY_RANK
    from linter.reporters.text import TextReporter
    from linter.ruleset import load_ruleset

    if Path(output).exists() and Path(output).resolve() == Path(path).resolve():
        raise click.UsageError("the output must not be the input file (the original is never modified)")
    try:
        ruleset = load_ruleset(Path(rules_file)) if rules_file else None
    except RuleSetError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    options = Options(lang=lang, edition=int(edition) if edition else None,
                      selection=Selection(select=select, ignore=ignore), ruleset=ruleset)
    previous = None
    if previous_file:
        previous, failed = load_previous(Path(previous_file), options)
        if failed is not None and failed.error is not None:
            click.echo(f"{previous_file}: {failed.error.code} {failed.error.message}", err=True)
            sys.exit(EXIT_ERROR)
    outcome = annotate_file(Path(path), Path(output), options, previous, fix=fix)
    click.echo(TextReporter(lang=lang).render([outcome.check]), nl=False)
    click.echo(summary_line(outcome, lang), err=outcome.failed is not None)
    if outcome.failed is not None:
        sys.exit(EXIT_ERROR)
    failing = any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in outcome.check.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this machine (e.g. 0.0.0.0) needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--token", envvar="REPORTLINT_TOKEN", default=None,
              help="Access token the page and the API ask for (or REPORTLINT_TOKEN).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file instead of discovering one from here.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Checking processes (default: CPU count).")
@click.option("--max-files", type=click.IntRange(1, 10000), default=100, show_default=True,
              help="Reports in one upload (after expanding .zip files).")
@click.option("--max-request-mb", type=click.IntRange(1, 4096), default=200, show_default=True,
              help="Size of one upload.")
@click.option("--max-requests", type=click.IntRange(1, 1000), default=16, show_default=True,
              help="Uploads checked at once; more are asked to retry.")
def serve(host: str, port: int, open_browser: bool, token: Optional[str], config_file: Optional[str],
          jobs: Optional[int], max_files: int, max_request_mb: int, max_requests: int) -> None:
    """Check reports in a browser: a page and a JSON API on this machine (extra: reportlint[serve])."""
    from linter.serve import missing_extra

    problem = missing_extra()
    if problem:
        click.echo(problem, err=True)
        sys.exit(EXIT_ERROR)
    from linter.errors import ReportlintError
    from linter.serve.run import serve as run_server
    from linter.serve.run import settings_from

    try:
        settings = settings_from(host, port, token, config_file, jobs, max_files, max_request_mb, max_requests)
        run_server(settings, lambda url: click.echo(f"reportlint serve: {url}  (Ctrl+C 停止 / to stop)", err=True),
                   open_browser)
    except ReportlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
