"""Human-readable output: one line per finding, grouped by file, and a closing summary."""

from __future__ import annotations

from typing import Iterator, Optional, Sequence

from linter.findings import FileResult, Finding
from linter.i18n import t
from linter.model import Location
from linter.reporters import Reporter, RunInfo, Summary
from linter.reporters.wording import shown_quote, value_note
from linter.ruleset.titles import rule_title

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def describe_location(loc: Location, lang: str) -> str:
    parts: list[str] = []
    if loc.section:
        parts.append(loc.section)
    if loc.table is not None:
        parts.append(t("table", lang, n=loc.table))
    if loc.row_label:
        parts.append(t("row", lang, label=loc.row_label))
    if loc.column_label:
        parts.append(t("col", lang, label=loc.column_label))
    return " › ".join(parts)


def _source(loc: Location, lang: str) -> str:
    """Where the place is in the source file: PDF page, text/HTML line (and character)."""
    parts: list[str] = []
    if loc.page is not None:
        parts.append(t("page", lang, page=loc.page))
    if loc.line is not None:
        parts.append(
            t("line_col", lang, line=loc.line, column=loc.column)
            if loc.column is not None
            else t("line", lang, line=loc.line)
        )
    return " ".join(parts)


def expected_actual(f: Finding, lang: str) -> str:
    """「（应为 3050，实为 3051）」 with the values the message does not already state; or ""."""
    return value_note(f, lang)


def quote(f: Finding, lang: str) -> str:
    """原文「…」: the offending words of a paragraph, cut to a readable length (a clerk searches for
    them in Word); empty when the message already quotes them or the text only anchors the finding."""
    return shown_quote(f, lang)


def position(loc: Location, lang: str, show: bool = False) -> str:
    """Where a finding is, beyond its labels. For people, in words: 「第2页」, the line of a text
    file, and 「表3第9行」 for a row-level finding (whose label may be misspelt in the document).
    ``show`` (--show-positions): the block, row and column indexes as well."""
    if not show:
        words = [x for x in (_source(loc, lang), _table_row(loc, lang)) if x]
        return t("where.wrap", lang, text=t("where.sep", lang).join(words)) if words else ""
    source = _source(loc, lang)
    if loc.block is None:
        return f"[{source}]" if source else ""
    if loc.row is not None:
        inner = t("position", lang, block=loc.block, row=loc.row, col=loc.col if loc.col is not None else "-")
    else:
        inner = t("block", lang, block=loc.block)
    return f"[{source} {inner[1:]}" if source else inner


def _table_row(loc: Location, lang: str) -> str:
    """「表3第9行」: the row as a reader counts it from the table's top, for a finding on a whole row."""
    if loc.table is None or loc.row is None or loc.col is not None:
        return ""
    return t("table_row", lang, n=loc.table, row=loc.row)


def format_finding(path: str, f: Finding, lang: str, color: bool = False, show_positions: bool = False) -> str:
    where = describe_location(f.location, lang)
    colon = t("colon", lang)
    head = f"{path}{colon}{where}{colon}" if where else f"{path}{colon}"
    sev = t("severity." + f.severity, lang)
    if color:
        sev = f"{_COLORS.get(f.severity, '')}{sev}{_RESET}"
    line = f"{head}{sev} {f.rule} {f.message}"
    ea = expected_actual(f, lang)
    if ea:
        line = t("note.after", lang, text=line, note=ea)
    said = quote(f, lang)
    if said:
        line += " " + said
    pos = position(f.location, lang, show_positions)
    if not pos:
        return line
    return f"{line} {pos}" if show_positions else t("note.after", lang, text=line, note=pos)


class TextReporter(Reporter):
    name = "text"

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        for result in results:
            if result.error is not None:
                word = t("verdict.skipped" if result.skipped else "unreadable", self.lang)
                sev = f"{_COLORS['error']}{word}{_RESET}" if self.color else word
                yield f"{result.path}{t('colon', self.lang)}{sev} {result.error.code} {result.error.message}\n"
            elif result.findings:
                yield "".join(
                    format_finding(result.path, f, self.lang, self.color, self.show_positions) + "\n"
                    for f in result.findings
                )
        summary = self.summary(results)
        yield "".join(line + "\n" for line in summary_lines(results, self.lang, summary, self.run_info, self))


def summary_lines(
    results: Sequence[FileResult],
    lang: str,
    summary: Optional[Summary] = None,
    info: Optional[RunInfo] = None,
    reporter: Optional[Reporter] = None,
) -> list[str]:
    """The closing summary: verdicts and totals, counts by rule, the unreadable and doubtful files
    (and, on request, the passing ones), the time taken. ``summary``: the results' Summary if the
    caller has it already; ``reporter`` gives each file's verdict (its fail level)."""
    s = summary if summary is not None else Summary.of(results)
    v = s.verdicts
    skipped = v.get("skipped", 0)
    line = t(
        "summary",
        lang,
        files=s.files - skipped,
        passed=v.get("passed", 0),
        failed=v.get("failed", 0),
        doubtful=v.get("doubtful", 0),
        unreadable=s.unreadable,
        errors=s.errors,
        warnings=s.warnings,
        infos=s.infos,
    )
    if skipped:
        line += t("summary_skipped", lang, n=skipped)
    if info is not None and info.elapsed is not None:
        line += t("elapsed", lang, seconds=f"{info.elapsed:.1f}")
    lines = [line]
    if s.rules:

        def counted(counts: dict[str, int]) -> str:
            return "/".join(f"{n} {t('severity.' + sev, lang)}" for sev, n in counts.items())

        lines.append(t("by_rule", lang))
        for rule, counts in s.rules.items():
            title = rule_title(rule, lang)
            key = "by_rule_titled" if title else "by_rule_line"
            lines.append(t(key, lang, rule=rule, title=title, counts=counted(counts)))
    judge = reporter if reporter is not None else Reporter(lang)
    wanted = ["unreadable", "doubtful", "skipped"] + (["passed"] if info is not None and info.list_passed else [])
    if s.files > 1 or (info is not None and info.list_passed):
        for name in wanted:
            if not v.get(name):
                continue
            listed = [
                f"{r.path} ({r.error.message if r.skipped else r.error.code})" if r.error is not None else r.path
                for r in results
                if judge.verdict(r) == name
            ]
            lines.append(t("files_" + name, lang) + t("list_sep", lang).join(listed))
    from linter.office.summary import office_lines

    lines.extend(office_lines(results, lang, judge))
    return lines
