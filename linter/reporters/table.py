"""Tables for a spreadsheet: ``csv`` (one row per finding, UTF-8 with a BOM so that Excel reads the
Chinese) and ``xlsx`` (a 「汇总」 sheet of counts, a 「文件」 sheet with one row per file and its
verdict, a 「问题」 sheet with one row per finding, 「报送情况」; frozen header, filters, column widths). The columns keep their order."""

from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterator, Sequence

from linter.findings import FileResult, Finding
from linter.i18n import display_width, t
from linter.reporters import Reporter
from linter.reporters.defuse import as_text
from linter.reporters.text import position
from linter.office.folders import folder_of
from linter.ruleset.titles import rule_title
from linter.reporters.wording import is_value, offending_text

# The columns' keys (their headers are the catalogue's column.finding.KEY and column.file.KEY).
# The order is part of the format.
FINDING_COLUMNS = (
    "file",
    "status",
    "rule",
    "name",
    "severity",
    "message",
    "section",
    "table",
    "row_label",
    "column_label",
    "expected",
    "actual",
    "quote",
    "position",
)
FILE_COLUMNS = (
    "file",
    "body",
    "year",
    "edition",
    "status",
    "errors",
    "warnings",
    "infos",
    "error_code",
    "folder",
)
COLUMNS = {"finding": FINDING_COLUMNS, "file": FILE_COLUMNS}
# The widest a column grows to fit its contents (in Excel's character units; a Chinese character
# takes two); longer texts wrap in these columns.
_WIDTHS = {
    "file": 50,
    "status": 10,
    "rule": 14,
    "name": 40,
    "severity": 8,
    "message": 80,
    "section": 30,
    "table": 6,
    "row_label": 36,
    "column_label": 24,
    "expected": 24,
    "actual": 24,
    "quote": 40,
    "position": 24,
    "body": 36,
    "year": 10,
    "edition": 10,
    "errors": 8,
    "warnings": 8,
    "infos": 8,
    "error_code": 60,
    "folder": 30,
}
_WRAPPED = {"message", "name", "row_label", "quote", "error_code", "section", "file"}
_INTEGER = re.compile(r"-?\d{1,15}")
_DECIMAL = re.compile(r"-?\d{1,15}\.\d{1,6}")


class _Rows(Reporter):
    """The rows both formats share."""

    def headers(self, kind: str) -> list[str]:
        """The headers of the ``finding`` or the ``file`` columns."""
        return [t(f"column.{kind}.{key}", self.lang) for key in COLUMNS[kind]]

    def finding_rows(self, result: FileResult) -> Iterator[list[object]]:
        status = t("verdict." + self.verdict(result), self.lang)
        if result.error is not None:
            word = t("verdict.skipped" if result.skipped else "unreadable", self.lang)
            yield [
                result.path,
                status,
                result.error.code,
                rule_title(result.error.code, self.lang),
                word,
                result.error.message,
                "",
                None,
                "",
                "",
                "",
                "",
                "",
                "",
            ]
            return
        if not result.findings:
            yield [result.path, status, "", "", "", t("clean", self.lang), "", None, "", "", "", "", "", ""]
            return
        for f in result.findings:
            yield self.finding_row(result.path, status, f)

    def finding_row(self, path: str, status: str, f: Finding) -> list[object]:
        loc = f.location
        return [
            path,
            status,
            f.rule,
            rule_title(f.rule, self.lang, f.name),
            t("severity." + f.severity, self.lang),
            f.message,
            loc.section or "",
            loc.table,
            loc.row_label or "",
            loc.column_label or "",
            f.expected if is_value(f.expected) else "",
            f.actual if is_value(f.actual) and (f.expected is None or is_value(f.expected)) else "",
            offending_text(loc) or "",
            position(loc, self.lang, self.show_positions),
        ]

    def file_row(self, result: FileResult) -> list[object]:
        counts = {sev: sum(1 for f in result.findings if f.severity == sev) for sev in ("error", "warning", "info")}
        error = f"{result.error.code} {result.error.message}" if result.error is not None else ""
        body = result.pair_key[0] if result.pair_key is not None else ""
        return [
            result.path,
            body,
            result.report_year,
            result.edition,
            t("verdict." + self.verdict(result), self.lang),
            counts["error"],
            counts["warning"],
            counts["info"],
            error,
            folder_of(result.path, self.run_info.inputs),
        ]


class CsvReporter(_Rows):
    """One row per finding (a file without findings, or unreadable, gets one row saying so)."""

    name = "csv"

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.headers("finding"))
        yield "\ufeff" + _take(buf)
        for result in results:
            for row in self.finding_rows(result):
                writer.writerow(["" if v is None else as_text(v) for v in row])
            yield _take(buf)


class XlsxReporter(_Rows):
    """An Excel workbook (bytes): the 「文件」 and 「问题」 sheets."""

    name = "xlsx"
    binary = True

    def chunks(self, results: Sequence[FileResult]) -> Iterator[bytes]:  # type: ignore[override]
        """A bold, shaded, frozen header with filters; wrapped long texts; 应为/实为 and the counts
        as numbers; each column as wide as its contents up to its limit."""
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        book = Workbook()
        files = book.worksheets[0]  # a new workbook's one sheet
        files.title = t("sheet.files", self.lang)
        problems = book.create_sheet(t("sheet.findings", self.lang))
        sheets = ((files, "file"), (problems, "finding"))
        widths = {id(sheet): [display_width(h) for h in self.headers(kind)] for sheet, kind in sheets}

        def add(sheet: object, row: list[object]) -> None:
            values = [_number(v) for v in row]
            sheet.append(values)  # type: ignore[attr-defined]
            fit = widths[id(sheet)]
            for i, v in enumerate(values):
                if v is not None and v != "":
                    fit[i] = max(fit[i], max(display_width(line) for line in str(v).split("\n")))

        for sheet, kind in sheets:
            sheet.append(self.headers(kind))
        for result in results:
            add(files, self.file_row(result))
            for row in self.finding_rows(result):
                add(problems, row)
        bold, shade = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
        top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
        for sheet, kind in sheets:
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for cell in sheet[1]:
                cell.font, cell.fill = bold, shade
            for i, key in enumerate(COLUMNS[kind], 1):
                letter = get_column_letter(i)
                sheet.column_dimensions[letter].width = max(6, min(widths[id(sheet)][i - 1] + 3, _WIDTHS.get(key, 12)))
                style = wrapped if key in _WRAPPED else top
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.alignment = style
        from linter.reporters.summary_sheet import add_summary_sheet

        add_summary_sheet(book, results, self.verdict, self.lang, self.run_info.inputs)  # blocks with their own headers
        covered = self.coverage(results)
        if covered is not None:
            from linter.reporters.coverage_sheet import add_coverage_sheet

            add_coverage_sheet(book, covered, self.lang)
            for cell in book.worksheets[-1][1]:
                cell.font, cell.fill = bold, shade
        _no_formulas(book)
        out = io.BytesIO()
        book.save(out)
        yield out.getvalue()

    def render(self, results: Sequence[FileResult]) -> bytes:  # type: ignore[override]
        return b"".join(self.output(results))  # type: ignore[arg-type]


def _no_formulas(book: Any) -> None:
    """Every text a text cell: openpyxl makes a string starting with ``=`` a live formula
    (``=HYPERLINK(…)`` from a report's text or a file's name would run in Excel)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _number(value: object) -> object:
    """A whole or decimal number written as text (应为 3050) as a number Excel can add up."""
    if isinstance(value, str):
        if _INTEGER.fullmatch(value):
            return int(value)
        if _DECIMAL.fullmatch(value):
            return float(value)
    return value


def _take(buf: io.StringIO) -> str:
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return text


__all__ = ["CsvReporter", "XlsxReporter", "FINDING_COLUMNS", "FILE_COLUMNS"]
