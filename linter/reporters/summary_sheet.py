"""The xlsx sheet 汇总: the batch at a glance. Files by verdict, findings by rule (with its Chinese
title), and files by folder with their verdicts and counts; each block under its own header row."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from linter.findings import SEVERITIES, FileResult
from linter.i18n import t
from linter.office.folders import folder_of
from linter.ruleset.titles import rule_title
from linter.verdict import VERDICTS


def add_summary_sheet(
    book: Any, results: Sequence[FileResult], verdict: Callable[[FileResult], str], lang: str, inputs: Sequence[str]
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    w = lambda key: t("office.sum." + key, lang)  # noqa: E731
    sheet = book.create_sheet(w("title"), 0)  # first: the overview an office opens the workbook on
    bold = Font(bold=True)
    verdicts = dict.fromkeys(VERDICTS, 0)
    rules: dict[str, list[Any]] = {}
    folders: dict[str, list[int]] = {}
    for r in results:
        v = verdict(r)
        verdicts[v] += 1
        counts = folders.setdefault(folder_of(r.path, inputs), [0] * (1 + len(VERDICTS) + len(SEVERITIES)))
        counts[0] += 1
        counts[1 + VERDICTS.index(v)] += 1
        for f in r.findings:
            counts[1 + len(VERDICTS) + SEVERITIES.index(f.severity)] += 1
        for rule in {f.rule for f in r.findings}:
            entry = rules.setdefault(rule, [0, 0, set()])
            entry[1] += 1
        for f in r.findings:
            entry = rules[f.rule]
            entry[0] += 1
            entry[2].add(f.severity)

    started: list[bool] = []

    def block(headers: list[str], rows: list[list[Any]]) -> None:
        if started:
            sheet.append([])
        started.append(True)
        sheet.append(headers)
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in rows:
            sheet.append(row)

    block(
        [w("verdict"), w("files")],
        [[t("verdict." + v, lang), n] for v, n in verdicts.items()] + [[w("total"), sum(verdicts.values())]],
    )
    block(
        [w("rule"), w("rule_title"), w("severity"), w("findings"), w("files")],
        [
            [
                rule,
                rule_title(rule, lang),
                "/".join(t("severity." + s, lang) for s in SEVERITIES if s in sevs),
                n,
                files,
            ]
            for rule, (n, files, sevs) in sorted(rules.items())
        ],
    )
    block(
        [
            w("folder"),
            w("files"),
            *(t("verdict." + v, lang) for v in VERDICTS),
            *(t("severity." + s, lang) for s in SEVERITIES),
        ],
        [[folder or ".", *counts] for folder, counts in sorted(folders.items())],
    )
    for i, width in enumerate((30, 50, 12, 10, 10, 10, 10, 10, 10, 10), 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
