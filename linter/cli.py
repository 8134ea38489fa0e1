"""Command line: parse options, build objects, call, map to an exit code. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

import click

from linter import __version__
from linter.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from linter.reporters import REPORTERS

_LEVELS = click.Choice(["error", "warning", "info"])
_BINARY = {"xlsx"}


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
@click.option("--edition", type=click.Choice(["2019", "2021"]), default=None,
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
@click.option("--list-passed", is_flag=True, help="List the files that passed in the summary.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths: tuple[str, ...], fmt: str, lang: Optional[str], fail_on: Optional[str], edition: Optional[str],
          select: tuple[str, ...], ignore: tuple[str, ...], jobs: Optional[int], config_file: Optional[str],
          rules_file: Optional[str], previous_file: Optional[str], no_pairing: Optional[bool],
          baseline: Optional[str], write_baseline: bool, prune_baseline: bool, output: Optional[str],
          progress: Optional[bool], list_passed: bool, debug: bool) -> None:
    """Check annual reports (files, folders, globs) and print located findings."""
    from linter import allocator
    from linter.errors import ReportlintError
    from linter.gate import Request, execute

    allocator.tune()  # this process checks reports (a single file is checked here, not in a child)
    if (write_baseline or prune_baseline) and not baseline:
        raise click.UsageError("--write-baseline and --prune-baseline need --baseline FILE")
    req = Request(paths=paths, fmt=fmt, lang=lang, fail_on=fail_on, edition=int(edition) if edition else None,
                  select=select, ignore=ignore, jobs=jobs, config=config_file, rules_file=rules_file,
                  previous_file=previous_file, pair_years=False if no_pairing else None, baseline=baseline,
                  write_baseline=write_baseline, prune_baseline=prune_baseline,
                  color=output is None and fmt == "text" and sys.stdout.isatty(), list_passed=list_passed)
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
    binary = getattr(outcome.report, "binary", False) or fmt in _BINARY
    if output:
        try:
            if binary:
                with open(output, "wb") as bfh:
                    bfh.writelines(outcome.report)  # type: ignore[arg-type]
            else:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.writelines(outcome.report)
        except OSError as exc:
            from linter.errors import os_error

            click.echo(os_error(exc, outcome.plan.lang if outcome.plan else "zh"), err=True)
            sys.exit(EXIT_ERROR)
        click.echo("\n".join(outcome.summary))
    elif binary:
        if sys.stdout.isatty():
            raise click.UsageError(f"--format {fmt} writes a binary file: give --output FILE")
        out = click.get_binary_stream("stdout")
        for piece in outcome.report:
            out.write(piece)  # type: ignore[arg-type]
        out.flush()
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
@click.option("--edition", type=click.Choice(["2019", "2021"]), default="2021", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(edition: str, lang: str) -> None:
    """List the rules of an edition."""
    from linter.ruleset import builtin_ruleset

    for rule in builtin_ruleset(int(edition)).rules:
        click.echo(f"{rule.id}  {rule.severity:<7}  {rule.name:<32} {rule.summary[lang]}")


@main.command()
@click.argument("rule_id")
@click.option("--edition", type=click.Choice(["2019", "2021"]), default="2021", show_default=True)
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
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", default=None,
              help="A folder for the reviewed copies (one input: also a file name). Default: NAME.reviewed.docx next to each input.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the comments and messages (default zh).")
@click.option("--fail-on", type=_LEVELS, default=None, help="Lowest severity that makes the exit code 1 (default error).")
@click.option("--edition", type=click.Choice(["2019", "2021"]), default=None,
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
def annotate(paths: tuple[str, ...], output: Optional[str], lang: Optional[str], fail_on: Optional[str],
             edition: Optional[str], select: tuple[str, ...], ignore: tuple[str, ...], jobs: Optional[int],
             config_file: Optional[str], rules_file: Optional[str], previous_file: Optional[str],
             no_pairing: Optional[bool]) -> None:
    """Write reviewed copies of Word documents with each finding as a review comment (批注)."""
    from linter.annotate import summary_line
    from linter.annotate_run import annotate_run
    from linter.errors import ReportlintError
    from linter.gate import Request
    from linter.reporters.text import TextReporter

    req = Request(paths=paths, lang=lang, fail_on=fail_on, edition=int(edition) if edition else None,
                  select=select, ignore=ignore, jobs=jobs, config=config_file, rules_file=rules_file,
                  previous_file=previous_file, pair_years=False if no_pairing else None)
    try:
        done = annotate_run(req, output)
    except ReportlintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    run_lang = done.plan.lang
    for note in done.notes:
        click.echo(note, err=True)
    reporter = TextReporter(lang=run_lang)
    reporter.fail_levels = {str(f): g.fail_on for g in done.plan.groups for f in g.files}
    results = done.results
    for block in _blocks(reporter.chunks(results)):
        click.echo(block, nl=False)
    for outcome in done.outcomes:
        click.echo(summary_line(outcome, run_lang), err=outcome.failed is not None)
    sys.exit(done.exit_code)
