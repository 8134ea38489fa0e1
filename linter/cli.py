"""Command line: parse options, build objects, call, map to an exit code. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from linter import __version__
from linter.errors import RuleSetError
from linter.reporters import REPORTERS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DOCUMENT_SUFFIXES = {".docx", ".docm", ".doc", ".wps", ".dotx", ".htm", ".html", ".pdf", ".txt", ".rtf"}


def _expand(paths: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            out.append(path)
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main() -> None:
    """reportlint: 政府信息公开工作年度报告合规检查 (compliance linter for annual disclosure reports)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)), default="text", show_default=True,
              help="Output format.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Message language.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--edition", type=click.Choice(["2019", "2021"]), default=None,
              help="Force a format edition instead of detecting it.")
@click.option("--select", multiple=True, help="Only these rules (id or dotted-name prefix); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these rules (id or dotted-name prefix); repeatable.")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False), default=None,
              help="Use this YAML rule set instead of the built-in ones.")
@click.option("--previous", "previous_file", type=click.Path(dir_okay=False), default=None,
              help="The same body's report of the year before, for the year-to-year rules.")
@click.option("--no-pairing", is_flag=True,
              help="Do not pair one body's consecutive years found in the same batch.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths: tuple[str, ...], fmt: str, lang: str, fail_on: str, edition: Optional[str],
          select: tuple[str, ...], ignore: tuple[str, ...], rules_file: Optional[str],
          previous_file: Optional[str], no_pairing: bool, output: Optional[str], debug: bool) -> None:
    """Check annual reports (.docx) and print located findings."""
    from linter.check import Options, check_files, load_previous
    from linter.engine import Selection
    from linter.findings import SEVERITY_RANK
    from linter.reporters import get_reporter
    from linter.ruleset import builtin_ruleset, load_ruleset

    try:
        ruleset = load_ruleset(Path(rules_file)) if rules_file else None
        if ruleset is None:
            for ed in (2021, 2019):
                builtin_ruleset(ed)
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
    results = check_files(_expand(paths), options, previous, pair_years=not no_pairing)
    if debug:
        for r in results:
            if r.error is not None and r.error.debug:
                click.echo(f"{r.path}:\n{r.error.debug}", err=True)
    color = output is None and fmt == "text" and sys.stdout.isatty()
    rendered = get_reporter(fmt)(lang=lang, color=color).render(results)
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)
    if any(r.error is not None for r in results) or not results:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


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
