"""The HTML report's section 报送情况: each body with its files (linked to their sections) and
verdicts, the missing ones, duplicates, wrong years and senders the roster does not list."""

from __future__ import annotations

from html import escape
from typing import Mapping

from linter.i18n import t
from linter.office.coverage import Coverage


def coverage_section(cov: Coverage, numbers: Mapping[str, int], lang: str) -> str:
    """``numbers``: each file's number in the report (its section's id)."""
    source = t("office.coverage.head_roster", lang, roster=cov.roster) if cov.roster else ""
    counts = t("office.coverage.counts" if cov.roster else "office.coverage.counts_free", lang, **cov.counts)
    title = t("office.coverage.title", lang)
    out = [
        f'<section id="coverage" aria-labelledby="coverage-h"><h2 id="coverage-h">{escape(title)}</h2>',
        f'<p class="meta" id="coverage-counts">{escape(t("office.coverage.head", lang, year=cov.year or "?", source=source) + counts)}</p>',
        '<table id="coverage-table" class="index"><thead><tr>'
        + "".join(
            f'<th scope="col">{escape(t("office.col." + c, lang))}</th>'
            for c in ("body", "kind", "parent", "status", "files")
        )
        + "</tr></thead><tbody>",
    ]

    def link(path: str, text: str) -> str:
        n = numbers.get(path)
        return f'<a href="#file-{n}">{escape(text)}</a>' if n is not None else escape(text)

    for row in cov.rows:
        files = "<br>".join(
            link(f.path, f.path)
            + escape(
                t(
                    "office.coverage.year_verdict",
                    lang,
                    year=f.year if f.year is not None else "?",
                    verdict=t("verdict." + f.verdict, lang),
                )
            )
            for f in row.files
        )
        out.append(
            f'<tr class="cov-{row.status}" data-status="{row.status}"><td>{escape(row.name)}</td>'
            f"<td>{escape(row.kind or '')}</td><td>{escape(row.parent or '')}</td>"
            f'<td class="cov-status">{escape(t("office.status." + row.status, lang))}</td><td>{files}</td></tr>'
        )
    for u in cov.unknown:
        closest = t("office.coverage.closest", lang, name=u.closest).lstrip("，; ") if u.closest else ""
        out.append(
            f'<tr class="cov-unknown" data-status="unknown"><td>{escape(u.body or t("office.unknown", lang))}</td>'
            f'<td></td><td></td><td class="cov-status">{escape(t("office.status.unknown", lang))}</td>'
            f"<td>{link(u.path, u.path)}{'<br>' + escape(closest) if closest else ''}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return "".join(out)
