"""Baselines: accept known findings without switching rules off (ESLint's suppressions model).

A finding's fingerprint uses the rule, the file and the canonical location labels (section,
table, row and column labels), never physical positions, so editing elsewhere in a document
keeps it. Identical fingerprints are counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

from linter.i18n import Msg
from linter.errors import ToldError
from linter.findings import FileResult
from linter.findings import fingerprint
from linter.run.outputs import write_whole

FORMAT = 1


class BaselineError(ToldError):
    """A baseline file that cannot be used."""


def _key(path: str, base: Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(base.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


@dataclass(frozen=True)
class StaleEntry:
    file: str
    rule: str
    fingerprint: str
    count: int


def write_baseline(path: Path, results: Sequence[FileResult]) -> int:
    """Record every finding of ``results``; returns the number recorded."""
    files: dict[str, dict[str, dict[str, Any]]] = {}
    total = 0
    for result in results:
        entries = files.setdefault(_key(result.path, path.parent), {})
        for f in result.findings:
            fp = fingerprint(f)
            entry = entries.setdefault(
                fp,
                {
                    "rule": f.rule,
                    "section": f.location.section,
                    "table": f.location.table,
                    "row_label": f.location.row_label,
                    "column_label": f.location.column_label,
                    "count": 0,
                },
            )
            entry["count"] += 1
            total += 1
    data = {
        "reportlint_baseline": FORMAT,
        "files": {k: [{"fingerprint": fp, **e} for fp, e in sorted(v.items())] for k, v in sorted(files.items()) if v},
    }
    write_whole(path, [json.dumps(data, ensure_ascii=False, indent=2) + "\n"])
    return total


def read_baseline(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        from linter.errors import os_detail

        detail = os_detail(exc)
        raise BaselineError(Msg.of("error.baseline.cannot_read", path=path, detail=detail)) from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            Msg.of("error.baseline.not_baseline_file_json", path=path, lineno=exc.lineno),
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("reportlint_baseline") != FORMAT
        or not isinstance(data.get("files"), dict)
    ):
        raise BaselineError(Msg.of("error.baseline.not_reportlint_baseline_format", path=path, format=FORMAT))
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for file, entries in data["files"].items():
        if not isinstance(entries, list):
            raise BaselineError(Msg.of("error.baseline.files_must_be_list", path=path, file=file))
        out[file] = {e["fingerprint"]: dict(e) for e in entries if isinstance(e, dict) and "fingerprint" in e}
    return out


def apply_baseline(path: Path, results: Sequence[FileResult]) -> tuple[Sequence[FileResult], list[StaleEntry], int]:
    """Drop findings recorded in the baseline; return the rest (on disk, like a batch's results),
    the stale entries (recorded for a checked file but no longer found) and how many were dropped."""
    from linter.run.spool import ResultSpool

    baseline = read_baseline(path)
    remaining = {f: {fp: int(e.get("count", 1)) for fp, e in entries.items()} for f, entries in baseline.items()}
    out = ResultSpool()
    checked: set[str] = set()
    hidden = 0
    for result in results:
        key = _key(result.path, path.parent)
        checked.add(key)
        counts = remaining.get(key, {})
        kept = []
        for f in result.findings:
            fp = fingerprint(f)
            if counts.get(fp, 0) > 0:
                counts[fp] -= 1
                hidden += 1
            else:
                kept.append(f)
        out.append(replace(result, findings=tuple(kept)))
    stale = [
        StaleEntry(file, baseline[file][fp].get("rule", "?"), fp, n)
        for file, counts in remaining.items()
        if file in checked
        for fp, n in counts.items()
        if n > 0
    ]
    return out, stale, hidden


def prune_baseline(path: Path, stale: Sequence[StaleEntry]) -> int:
    """Remove stale entries from the baseline file; returns how many findings were removed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    removed = 0
    drop = {(s.file, s.fingerprint): s.count for s in stale}
    for file, entries in list(data["files"].items()):
        kept = []
        for e in entries:
            n = drop.get((file, e["fingerprint"]), 0)
            if n:
                removed += min(n, e.get("count", 1))
                e["count"] = e.get("count", 1) - n
            if e.get("count", 1) > 0:
                kept.append(e)
        if kept:
            data["files"][file] = kept
        else:
            del data["files"][file]
    write_whole(path, [json.dumps(data, ensure_ascii=False, indent=2) + "\n"])
    return removed
