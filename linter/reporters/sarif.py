"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

Word files have no lines, so the block index serves as ``startLine`` (GitHub requires one) and
the logical location (section › table › row › column, plus the element path) says where the
finding really is. Fingerprints come from labels, never positions (linter.run.baseline).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Sequence

from linter import __version__
from linter.findings import FileResult, Finding, fingerprint
from linter.reporters import Reporter, jsonstream
from linter.i18n import t
from linter.reporters.text import describe_location
from linter.reporters.wording import with_note

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules(results: Sequence[FileResult], lang: str) -> list[dict[str, Any]]:
    from linter.ruleset.loader import builtin_editions, builtin_ruleset

    seen: dict[str, dict[str, Any]] = {}
    for edition in builtin_editions():
        for rule in builtin_ruleset(edition).rules:
            if rule.id in seen:
                continue
            seen[rule.id] = {
                "id": rule.id,
                "name": rule.name,
                "shortDescription": {"text": rule.summary[lang]},
                "fullDescription": {"text": f"{rule.summary[lang]} ({rule.basis})"},
                "help": {
                    "text": f"{rule.summary[lang]}\n{t('explain.basis', lang)}: {rule.basis}\n"
                    f"{t('explain.pass', lang)}: {rule.examples['pass']}\n"
                    f"{t('explain.fail', lang)}: {rule.examples['fail']}"
                },
                "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.enabled},
                "properties": {"tags": [rule.name.split(".")[0]]},
            }
    for r in results:  # rules of extra rule files
        for f in r.findings:
            seen.setdefault(f.rule, {"id": f.rule, "name": f.name, "shortDescription": {"text": f.name}})
    return sorted(seen.values(), key=lambda x: x["id"])


def uri(path: str) -> str:
    """A file as a URI reference (RFC 3986): a relative path percent-encoded (spaces, Chinese,
    ``<``, ``#``), an absolute one as a ``file:`` URI."""
    from urllib.parse import quote

    p = Path(path)
    if p.is_absolute():
        try:
            return p.as_uri()
        except ValueError:
            pass
    return quote(p.as_posix(), safe="/")


def _location(path: str, f: Finding, lang: str) -> dict[str, Any]:
    loc = f.location
    logical = describe_location(loc, lang) or Path(path).name
    phys: dict[str, Any] = {"artifactLocation": {"uri": uri(path)}}
    line = loc.line or ((loc.block or 0) + 1)
    region: dict[str, Any] = {"startLine": line}
    if loc.column:
        region["startColumn"] = loc.column
    phys["region"] = region
    props = {
        k: v
        for k, v in (
            ("block", loc.block),
            ("table", loc.table),
            ("row", loc.row),
            ("col", loc.col),
            ("page", loc.page),
            ("row_label", loc.row_label),
            ("column_label", loc.column_label),
        )
        if v is not None
    }
    logical_locations = [
        {
            "kind": "element",
            "fullyQualifiedName": logical,
            "name": loc.column_label or loc.row_label or loc.section or Path(path).name,
        }
    ]
    if loc.xpath:
        logical_locations.append({"kind": "element", "fullyQualifiedName": loc.xpath})
    return {"physicalLocation": phys, "logicalLocations": logical_locations, "properties": props}


class SarifReporter(Reporter):
    name = "sarif"
    defused = False  # JSON escapes every character; names are URI references (percent-encoded)

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        notifications: list[dict[str, Any]] = []  # unreadable files, collected as the results are written
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "reportlint",
                    "version": __version__,
                    "informationUri": "https://example.invalid/reportlint",
                    "rules": _rules(results, self.lang),
                }
            },
            "results": jsonstream.Items(item for r in results for item in self._results(r, notifications)),
            "invocations": jsonstream.Later(
                lambda: [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}]
            ),
        }
        yield from jsonstream.chunks({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})
        yield "\n"

    def _results(self, r: FileResult, notifications: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        if r.error is not None:
            notifications.append(
                {
                    "level": "note" if r.skipped else "error",
                    "message": {"text": f"{r.path}: {r.error.code} {r.error.message}"},
                    "descriptor": {"id": r.error.code},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(r.path)}}}],
                }
            )
            return
        for f in r.findings:
            where = describe_location(f.location, self.lang)
            said = with_note(f, self.lang)
            text = f"{where}{t('colon', self.lang)}{said}" if where else said
            item: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity],
                "message": {"text": text},
                "locations": [_location(r.path, f, self.lang)],
                "partialFingerprints": {"reportlint/v1": fingerprint(f)},
            }
            if f.related:
                item["relatedLocations"] = [
                    {"id": i, **_location(rel.file or r.path, Finding(f.rule, f.name, f.severity, "", rel), self.lang)}
                    for i, rel in enumerate(f.related)
                ]
            yield item
