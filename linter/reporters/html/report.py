"""One self-contained HTML page per run: a summary and a sortable index of the files, then per
file its findings grouped by section and tables 2–4 drawn as in the document, offending cells
highlighted (focusable, message on hover and focus, expected value shown), related cells outlined.

Document text is untrusted: everything from a file is escaped, ids are built from numbers only,
and the page loads nothing (inline CSS and script; a Content-Security-Policy forbids the rest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Iterator, Optional, Sequence

from linter import __version__
from linter.findings import SEVERITIES, FileResult, Finding
from linter.model import Location
from linter.reporters import Reporter, Summary
from linter.recognise.tableview import Grid, TableView
from linter.reporters.html.assets import CSS, JS
from linter.i18n import join, t
from linter.reporters.wording import is_value, value_note, with_note
from linter.ruleset.titles import rule_title


@dataclass(frozen=True)
class _Row:
    """What the index and the breakdown by rule need of one file (the results are read once for them)."""

    path: str
    edition: Optional[int]
    report_year: Optional[int]
    counts: dict[str, int]
    verdict: str
    error_code: str
    rules: frozenset[str]
    attrs: str  # the filters' data attributes

    @classmethod
    def of(cls, r: FileResult, verdict: str) -> "_Row":
        counts = {sev: sum(1 for f in r.findings if f.severity == sev) for sev in SEVERITIES}
        return cls(
            r.path,
            r.edition,
            r.report_year,
            counts,
            verdict,
            r.error.code if r.error is not None else "",
            frozenset(f.rule for f in r.findings),
            _filter_attrs(r, verdict),
        )


@dataclass
class _Marks:
    """What one rendered table cell carries: the findings on it and the relations it belongs to."""

    findings: list[Finding] = field(default_factory=list)
    related_to: list[str] = field(default_factory=list)  # ids of offending cells it is related to


class HtmlReporter(Reporter):
    name = "html"
    needs_tables = True

    def words(self, key: str, **params: object) -> str:
        return t("html." + key, self.lang, **params)

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        w = self.words
        rows: list[_Row] = []

        def noted() -> Iterator[FileResult]:  # one pass over the results for the summary, index and breakdown
            for r in results:
                rows.append(_Row.of(r, self.verdict(r)))
                yield r

        s = Summary.of(noted(), self.fail_levels, self.fail_on)
        info = self.run_info
        date = info.date.strftime("%Y-%m-%d %H:%M")
        inputs = join(info.inputs, self.lang) or "–"
        run = (
            w("run", date=date, elapsed=f"{info.elapsed:.1f}", inputs=inputs)
            if info.elapsed is not None
            else w("run_no_time", date=date, inputs=inputs)
        )
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{t("lang.tag", self.lang)}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
            f"<title>{escape(w('title'))}</title><style>{CSS}</style></head><body>",
            f'<header><h1>{escape(w("title"))}</h1><p class="meta">{escape(w("generated", v=__version__))}</p>'
            f'<p class="meta" id="run">{escape(run)}</p></header>',
            '<main><section id="summary" aria-labelledby="summary-h">',
            f'<h2 id="summary-h">{escape(w("summary"))}</h2><dl class="counts">',
        ]
        counts = [
            ("files", s.files),
            *((v, s.verdicts.get(v, 0)) for v in ("passed", "failed", "doubtful")),
            ("unreadable", s.unreadable),
            *((("skipped", s.verdicts["skipped"]),) if s.verdicts.get("skipped") else ()),
            ("errors", s.errors),
            ("warnings", s.warnings),
            ("infos", s.infos),
        ]
        for key, value in counts:
            parts.append(f'<div class="{key}"><dt>{escape(w(key))}</dt><dd data-count="{key}">{value}</dd></div>')
        parts.append("</dl>")
        parts.append(self._filters(s))
        parts.append(self._index(rows))
        parts.append(self._by_rule(rows, s))
        parts.append("</section>")
        covered = self.coverage(results)
        if covered is not None:
            from linter.reporters.html.coverage import coverage_section

            parts.append(coverage_section(covered, {r.path: n for n, r in enumerate(rows, 1)}, self.lang))
        yield "\n".join(parts)
        for n, result in enumerate(results, 1):
            yield "\n" + self._file(n, result)
        yield f"\n</main><script>{JS}</script></body></html>\n"

    # ---- filters, the index and the breakdown by rule --------------------------------------------
    def _filters(self, s: Summary) -> str:
        w = self.words
        status = "".join(
            f'<option value="{v}">{escape(w(v))}</option>'
            for v in (
                "passed",
                "failed",
                "doubtful",
                "unreadable",
                *(("skipped",) if s.verdicts.get("skipped") else ()),
            )
        )
        sev = "".join(f'<option value="{v}">{escape(w(v))}</option>' for v in SEVERITIES)
        rules = "".join(f'<option value="{escape(r)}">{escape(_titled(r, self.lang))}</option>' for r in s.rules)
        return (
            f'<form id="filters" class="filters" role="search" aria-label="{escape(w("filters"))}">'
            f'<input type="search" id="q" placeholder="{escape(w("search"))}" aria-label="{escape(w("search"))}">'
            f'<select id="f-status" aria-label="{escape(w("status"))}"><option value="">{escape(w("all_status"))}</option>{status}</select>'
            f'<select id="f-sev" aria-label="{escape(w("findings"))}"><option value="">{escape(w("all_sev"))}</option>{sev}</select>'
            f'<select id="f-rule" aria-label="{escape(w("rule"))}"><option value="">{escape(w("all_rules"))}</option>{rules}</select>'
            f'<button type="reset" id="f-reset">{escape(w("reset"))}</button>'
            f'<output id="shown" data-total="{s.files}" data-template="{escape(w("shown", n="{n}", total="{total}"))}">'
            f"{escape(w('shown', n=s.files, total=s.files))}</output></form>"
        )

    def _index(self, results: Sequence[_Row]) -> str:
        w = self.words
        heads = [
            ("file", "text", ""),
            ("edition", "num", "num"),
            ("year", "num", "num"),
            ("errors", "num", "num"),
            ("warnings", "num", "num"),
            ("infos", "num", "num"),
            ("status", "text", ""),
        ]
        rows = [f'<table id="index" class="index"><caption class="meta">{escape(w("index"))}</caption><thead><tr>']
        for key, kind, cls in heads:
            rows.append(
                f'<th scope="col" class="{cls}"><button type="button" data-sort="{kind}">{escape(w(key))}</button></th>'
            )
        rows.append("</tr></thead><tbody>")
        for n, r in enumerate(results, 1):
            counts = r.counts
            verdict = r.verdict
            status = w(verdict) + (f" {r.error_code}" if r.error_code else "")
            rows.append(
                f'<tr data-order="{n}" data-file="{n}"{r.attrs}>'
                f'<td data-value="{escape(r.path)}"><a href="#file-{n}">{escape(r.path)}</a></td>'
                f'<td class="num" data-value="{r.edition or 0}">{r.edition or "–"}</td>'
                f'<td class="num" data-value="{r.report_year or 0}">{r.report_year or "–"}</td>'
                + "".join(
                    f'<td class="num" data-value="{counts[s]}" data-key="{s}">{counts[s]}</td>' for s in SEVERITIES
                )
                + f'<td class="status-{verdict}" data-value="{escape(status)}">{escape(status)}</td></tr>'
            )
        rows.append("</tbody></table>")
        return "".join(rows)

    def _by_rule(self, results: Sequence[_Row], s: Summary) -> str:
        if not s.rules:
            return ""
        w = self.words
        files: dict[str, int] = {}
        for r in results:
            for rule in r.rules:
                files[rule] = files.get(rule, 0) + 1
        out = [
            f'<table id="by-rule" class="index"><caption class="meta">{escape(w("by_rule"))}</caption><thead><tr>'
            f'<th scope="col">{escape(w("rule"))}</th>'
            + "".join(f'<th scope="col" class="num">{escape(w(k))}</th>' for k in ("errors", "warnings", "infos"))
            + f'<th scope="col" class="num">{escape(w("rule_files"))}</th></tr></thead><tbody>'
        ]
        for rule, counts in s.rules.items():
            out.append(
                f'<tr data-rule="{escape(rule)}"><td><button type="button" class="pick-rule" '
                f'data-rule="{escape(rule)}" title="{escape(w("show_rule"))}">{escape(rule)}</button> '
                f'<span class="rule-title">{escape(rule_title(rule, self.lang))}</span></td>'
                + "".join(f'<td class="num">{counts.get(sev, 0)}</td>' for sev in SEVERITIES)
                + f'<td class="num">{files.get(rule, 0)}</td></tr>'
            )
        out.append("</tbody></table>")
        return "".join(out)

    # ---- one file ------------------------------------------------------------------------------
    def _file(self, n: int, result: FileResult) -> str:
        w = self.words
        verdict = self.verdict(result)
        out = [
            f'<section class="file" id="file-{n}" aria-labelledby="file-{n}-h" data-path="{escape(result.path)}"'
            f"{_filter_attrs(result, verdict)}>",
            f'<h2 id="file-{n}-h">{escape(result.path)} <span class="verdict status-{verdict}">{escape(w(verdict))}</span></h2>',
        ]
        if result.error is not None:
            note, css = ("skipped_note", "skipped") if result.skipped else ("unreadable_note", "unreadable")
            out.append(
                f'<p class="status-{css}">{escape(w(note))}<code>{escape(result.error.code)}</code> '
                f"{escape(result.error.message)}</p></section>"
            )
            return "".join(out)
        facts = [
            f"{w('format')} {result.format}" if result.format else "",
            w("edition_n", n=result.edition) if result.edition else "",
            f"{w('year')} {result.report_year}" if result.report_year else "",
        ]
        out.append(f'<p class="facts">{escape(" · ".join(x for x in facts if x))}</p>')
        if not result.findings:
            out.append(f"<p>{escape(w('no_findings'))}</p></section>")
            return "".join(out)
        cells = _cell_ids(n, result.tables)
        out.append(f"<h3>{escape(w('findings'))}</h3>")
        out.append(self._findings(n, result, cells))
        out.append(f"<h3>{escape(w('tables'))}</h3>")
        out.append(self._tables(n, result) if result.tables else f"<p>{escape(w('no_tables'))}</p>")
        out.append("</section>")
        return "".join(out)

    def _findings(self, n: int, result: FileResult, cells: set[str]) -> str:
        groups: dict[str, list[tuple[int, Finding]]] = {}
        for i, f in enumerate(result.findings, 1):
            groups.setdefault(f.location.section or self.words("document"), []).append((i, f))
        out = []
        for g, (section, items) in enumerate(groups.items(), 1):
            out.append(
                f'<section class="group" aria-labelledby="g-{n}-{g}"><h4 id="g-{n}-{g}">{escape(section)}</h4><ol class="findings">'
            )
            for i, f in items:
                target = _cell_id(n, f.location)
                shown = target is not None and target in cells
                link = f' <a href="#{target}">{escape(self.words("see_cell"))}</a>' if shown else ""
                data = f' data-cell="{target}"' if shown else ""
                out.append(
                    f'<li class="finding {f.severity}" id="f-{n}-{i}" data-rule="{escape(f.rule)}"{data}>'
                    f"{self._finding_text(f)}{link}"
                    f'<span class="where">{escape(self._where(f))}</span></li>'
                )
            out.append("</ol></section>")
        return "".join(out)

    def _finding_text(self, f: Finding) -> str:
        sev = self.words(f.severity) if f.severity in SEVERITIES else f.severity
        text = (
            f'<span class="sev {f.severity}">{escape(sev)}</span> '
            f'<code title="{escape(rule_title(f.rule, self.lang, f.name))}">{escape(f.rule)}</code> {escape(f.message)}'
        )
        ea = value_note(f, self.lang)
        return t("note.after", self.lang, text=text, note=f'<span class="ea">{escape(ea)}</span>') if ea else text

    def _where(self, f: Finding) -> str:
        from linter.reporters.text import describe_location, position, quote

        loc = f.location
        return " ".join(
            x
            for x in (
                describe_location(loc, self.lang),
                quote(f, self.lang),
                position(loc, self.lang, self.show_positions),
            )
            if x
        )

    # ---- tables 2–4 as in the document ---------------------------------------------------------
    def _tables(self, n: int, result: FileResult) -> str:
        marks: dict[str, _Marks] = {}
        for f in result.findings:
            if not _own(f.location, result.path):
                continue
            cid = _cell_id(n, f.location)
            if cid is None:
                continue
            marks.setdefault(cid, _Marks()).findings.append(f)
            for loc in f.related:
                rid = _cell_id(n, loc) if _own(loc, result.path) else None
                if rid is not None and rid != cid:
                    marks.setdefault(rid, _Marks()).related_to.append(cid)
        related_of: dict[str, list[str]] = {}
        for rid, m in marks.items():
            for cid in m.related_to:
                related_of.setdefault(cid, []).append(rid)
        out = []
        for view in result.tables:
            table_level = [
                f
                for f in result.findings
                if f.location.table == view.number and f.location.row is None and _own(f.location, result.path)
            ]
            cls = " bad" if table_level else ""
            out.append(
                f'<figure class="doc-table{cls}" data-table="{view.number}"><figcaption>'
                f"{escape(self.words('table_n', n=view.number))} {escape(view.title)}</figcaption>"
            )
            for f in table_level:
                out.append(f'<p class="table-note">{self._finding_text(f)}</p>')
            for grid in view.grids:
                out.append(self._grid(n, grid, marks, related_of))
            out.append("</figure>")
        return "".join(out)

    def _grid(self, n: int, grid: Grid, marks: dict[str, _Marks], related_of: dict[str, list[str]]) -> str:
        rows = [f'<table class="grid" data-block="{grid.block}"><tbody>']
        covered: set[tuple[int, int]] = set()  # grid slots inside a merge that started above or to the left
        for r, line in enumerate(grid.rows):
            rows.append("<tr>")
            starts = {cell.col: cell for cell in line}
            for c in range(grid.n_cols):
                cell = starts.get(c)
                if cell is None:
                    if (r, c) not in covered:
                        rows.append('<td class="gap"></td>')
                    continue
                covered.update((r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan))
                cid = f"c-{n}-{grid.block}-{cell.phys_row}-{cell.phys_col}"
                span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                    f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
                )
                text = "<br>".join(escape(line) for line in cell.text.split("\n"))
                rows.append(
                    self._cell(cid, span, text, cell.phys_row, cell.phys_col, marks.get(cid), related_of.get(cid, []))
                )
            rows.append("</tr>")
        rows.append("</tbody></table>")
        return "".join(rows)

    def _cell(
        self, cid: str, span: str, text: str, row: int, col: int, mark: Optional[_Marks], related: list[str]
    ) -> str:
        attrs = f'id="{cid}"{span}'  # the id holds the file, block, row and cell
        if mark is None:
            return f"<td {attrs}>{text}</td>"
        if not mark.findings:
            return f'<td {attrs} class="rel" data-related-to="{" ".join(sorted(set(mark.related_to)))}">{text}</td>'
        worst = min(
            mark.findings, key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9
        ).severity
        lines = [
            f"{f.rule} {self.words(f.severity) if f.severity in SEVERITIES else f.severity}"
            f"{t('colon', self.lang)}{with_note(f, self.lang)}"
            for f in mark.findings
        ]
        expected = sorted(
            {
                f.expected
                for f in mark.findings
                if f.expected is not None and is_value(f.expected) and f.actual is not None
            }
        )
        shown = "".join(f'<span class="expected">{escape(self.words("expected", e=e))}</span>' for e in expected)
        tip = "".join(f"<span>{escape(line)}</span>" for line in lines)
        rules = " ".join(f.rule for f in mark.findings)
        rel = " ".join(sorted(set(related)))
        extra = " rel" if mark.related_to else ""
        return (
            f'<td {attrs} class="bad {worst}{extra}" tabindex="0" aria-describedby="tip-{cid}" '
            f'title="{escape(chr(10).join(lines))}" data-rules="{escape(rules)}" data-related="{rel}">'
            f'{text}{shown}<span class="tip" role="tooltip" id="tip-{cid}">{tip}</span></td>'
        )


def _titled(rule: str, lang: str) -> str:
    """「RL-S1-002 各级人民政府的报告说明…」: an id with its title."""
    title = rule_title(rule, lang)
    return f"{rule} {title}" if title else rule


def _own(loc: Location, path: str) -> bool:
    return not loc.file or loc.file == path or Path(loc.file) == Path(path)


def _cell_id(n: int, loc: Location) -> Optional[str]:
    """The rendered cell a location names; a whole row is shown on its first cell (the label)."""
    if loc.block is None or loc.row is None or loc.table is None:
        return None
    return f"c-{n}-{loc.block}-{loc.row}-{loc.col if loc.col is not None else 1}"


def _cell_ids(n: int, views: Sequence[TableView]) -> set[str]:
    return {
        f"c-{n}-{grid.block}-{c.phys_row}-{c.phys_col}"
        for view in views
        for grid in view.grids
        for line in grid.rows
        for c in line
    }


def _filter_attrs(result: FileResult, verdict: str) -> str:
    """What the page's filters look at: verdict, severities and rules present."""
    sevs = " ".join(s for s in SEVERITIES if any(f.severity == s for f in result.findings))
    rules = " ".join(sorted({f.rule for f in result.findings} | ({result.error.code} if result.error else set())))
    return f' data-status="{verdict}" data-sev="{sevs}" data-rules="{escape(rules)}"'
