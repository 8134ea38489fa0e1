"""CI-native formats: GitHub Actions workflow commands and the GitLab code-quality report."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterator, Sequence

from linter.findings import FileResult, fingerprint
from linter.reporters import Reporter, jsonstream
from linter.i18n import t
from linter.reporters.text import describe_location
from linter.reporters.wording import with_note

_GITHUB = {"error": "error", "warning": "warning", "info": "notice"}
_GITLAB = {"error": "major", "warning": "minor", "info": "info"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """``::error file=F,line=L,title=T::message``; the block index stands in for the line."""

    name = "github"

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        for r in results:
            if r.error is not None:
                yield (
                    f"::error file={_escape_prop(r.path)},title={_escape_prop(r.error.code)}::"
                    f"{_escape_data(r.error.message)}\n"
                )
                continue
            lines = []
            for f in r.findings:
                line = f.location.line or ((f.location.block or 0) + 1)
                where = describe_location(f.location, self.lang)
                said = with_note(f, self.lang)
                msg = f"{where}{t('colon', self.lang)}{said}" if where else said
                lines.append(
                    f"::{_GITHUB[f.severity]} file={_escape_prop(r.path)},line={line},"
                    f"title={_escape_prop(f.rule + ' ' + f.name)}::{_escape_data(msg)}\n"
                )
            if lines:
                yield "".join(lines)


class GitlabReporter(Reporter):
    """GitLab code quality report (a JSON array of issues; `codequality` artifact)."""

    defused = False  # JSON escapes every character

    name = "gitlab"

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        yield from jsonstream.chunks(jsonstream.Items(issue for r in results for issue in self._issues(r)))
        yield "\n"

    def _issues(self, r: FileResult) -> Iterator[dict[str, Any]]:
        path = Path(r.path).as_posix()
        if r.error is not None:
            yield {
                "type": "issue",
                "check_name": r.error.code,
                "description": r.error.message,
                "categories": ["Bug Risk"],
                "severity": "blocker",
                "fingerprint": hashlib.sha256(f"{path}|{r.error.code}".encode()).hexdigest(),
                "location": {"path": path, "lines": {"begin": 1}},
            }
            return
        for n, f in enumerate(r.findings):
            where = describe_location(f.location, self.lang)
            yield {
                "type": "issue",
                "check_name": f.rule,
                "description": (
                    f"{f.rule} {where}{t('colon', self.lang)}{with_note(f, self.lang)}"
                    if where
                    else f"{f.rule} {with_note(f, self.lang)}"
                ),
                "categories": ["Bug Risk" if f.severity == "error" else "Style"],
                "severity": _GITLAB[f.severity],
                "fingerprint": hashlib.sha256(f"{path}|{fingerprint(f)}|{n}".encode()).hexdigest(),
                "location": {"path": path, "lines": {"begin": f.location.line or ((f.location.block or 0) + 1)}},
            }
