"""``reportlint annotate``: a copy of a .docx with each finding as a Word review comment (批注)
anchored on the offending table cell or paragraph. Never raises; the original is never written.

A finding with no cell or paragraph of its own (a missing section, table or row; a file-name
year) is anchored at the nearest place: the heading or table the engine located it at, else the
preceding section heading, else the title; its comment says so. Comments by ``reportlint`` already
in the file are removed first, so annotating an annotated copy replaces them. With ``fix``, each
located wrong cell's correction is also written into its cell as a tracked change (trackedfix.py).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union

from lxml import etree

from linter.run.check import Options, check_file
from linter.annotate.docxcomments import W, DocxComments, Run
from linter.annotate.officesafe import kept, nearest_kept
from linter.errors import InputError, OutOfMemory, input_error_message, limit_exceeded
from linter.findings import FileError, FileResult, Finding
from linter.i18n import Msg, rendered, t
from linter.model import Location, Paragraph, Table
from linter.recognise.report import Report
from linter.annotate.trackedfix import write_fix
from linter.ruleset.loader import RuleSet, builtin_ruleset
from linter.annotate.xmlsplice import SpliceError
from linter.run.outputs import WriteError

AUTHOR = "reportlint"
INITIALS = "RL"
MAX_RELATED = 6


@dataclass(frozen=True)
class Annotation:
    comment_id: int
    finding: Finding
    anchor: str  # element path of the w:p or w:tc in the main document part
    nearest: bool  # no paragraph or cell of its own: anchored at the nearest place


@dataclass(frozen=True)
class AnnotateResult:
    check: FileResult
    output: Optional[str] = None  # the copy written, if any
    annotations: tuple[Annotation, ...] = field(default_factory=tuple)
    removed: int = 0  # earlier reportlint comments replaced
    error: Optional[FileError] = None  # why no copy was written (besides check.error)
    unplaced: tuple[Finding, ...] = field(default_factory=tuple)  # no paragraph anywhere to hang them on
    fixed: tuple[Finding, ...] = field(default_factory=tuple)  # corrections written as tracked changes

    @property
    def failed(self) -> Optional[FileError]:
        return (None if self.check.skipped else self.check.error) or self.error


@dataclass(frozen=True)
class Annotated(FileResult):
    """A file's check result with what its annotated copy holds: what a batch keeps of an
    outcome (counts, not the findings a second time), and what an annotating child sends back."""

    copy: Optional[str] = None  # the copy written, if any
    comments: int = 0
    nearest: int = 0  # of which anchored at the nearest place
    removed: int = 0  # earlier reportlint comments replaced
    unplaced: int = 0  # findings without a paragraph to hang them on
    fixed: int = 0  # corrections written as tracked changes
    copy_error: Optional[FileError] = None  # why no copy was written (besides error)

    @property
    def failed(self) -> Optional[FileError]:
        return (None if self.skipped else self.error) or self.copy_error

    @classmethod
    def of(cls, outcome: AnnotateResult) -> "Annotated":
        return cls.adding(
            outcome.check,
            copy=outcome.output,
            comments=len(outcome.annotations),
            nearest=sum(1 for a in outcome.annotations if a.nearest),
            removed=outcome.removed,
            unplaced=len(outcome.unplaced),
            fixed=len(outcome.fixed),
            copy_error=outcome.error,
        )

    @classmethod
    def adding(cls, result: FileResult, **written: Any) -> "Annotated":
        """``result`` (its fields as they are) with what was written."""
        return cls(**{f.name: getattr(result, f.name) for f in fields(FileResult)}, **written)


def annotate_file(
    src: Path,
    dst: Path,
    options: Options = Options(),
    previous: Optional[Report] = None,
    date: Optional[datetime] = None,
    fix: bool = False,
) -> AnnotateResult:
    """Check ``src`` and write ``dst``: a copy with one comment per finding, dated ``date``
    (default: now; Word shows it, LibreOffice shows a missing date as the year -1). With ``fix``,
    each located wrong cell's correction is also written into the cell as a tracked change."""
    lang = options.lang
    try:
        if dst.exists() and src.exists() and dst.resolve() == src.resolve():
            return _failed(FileResult(str(src)), "RL-ANN-001", str(dst), lang)
    except OSError:
        pass
    return annotate_checked(src, dst, check_file(src, options, previous), options, date, fix)


def annotate_checked(
    src: Path,
    dst: Path,
    result: FileResult,
    options: Options = Options(),
    date: Optional[datetime] = None,
    fix: bool = False,
) -> AnnotateResult:
    """Write ``dst``: a copy of ``src`` with one comment per finding of ``result`` (its check);
    with ``fix``, each located wrong cell's correction as a tracked change too."""
    lang = options.lang
    try:
        if dst.exists() and src.exists() and dst.resolve() == src.resolve():
            return _failed(result, "RL-ANN-001", str(dst), lang)
    except OSError:
        pass
    if result.error is not None:
        return AnnotateResult(result)
    if result.format != "docx":
        kind = t("annotate.format-doc", lang) if result.format == "doc" else result.format or "?"
        return _failed(result, "RL-ANN-002", kind, lang)
    try:
        return _annotate(src, dst, result, options, _stamp(date), fix)
    except SpliceError as exc:
        return _failed(result, "RL-ANN-003", str(exc), lang)
    except OSError as exc:
        return _failed(result, "RL-ANN-004", t("detail.member", lang, member=dst, detail=_os_text(exc, lang)), lang)
    except WriteError as exc:  # writing the copy (a full disk, a read-only folder)
        cause = exc.cause if exc.cause is not None else exc.message
        return _failed(result, "RL-ANN-004", t("detail.member", lang, member=dst, detail=cause), lang)
    except MemoryError:  # over the memory cap of the annotating child
        return AnnotateResult(result, error=_over_memory(options, lang))
    except InputError as exc:  # a limit of the reader met while editing (the check read the file)
        if _no_memory(exc):
            return AnnotateResult(result, error=_over_memory(options, lang))
        return AnnotateResult(result, error=FileError(exc.code, input_error_message(exc.code, exc.detail, lang)))
    except Exception as exc:  # a bug: report it, never a traceback on the terminal
        return AnnotateResult(
            result, error=FileError("RL-INT-001", f"{type(exc).__name__}: {exc}", traceback.format_exc())
        )


def _no_memory(exc: InputError) -> bool:
    """Whether the reader ran out of memory (the parser under the child's cap)."""
    return isinstance(exc, OutOfMemory)


def _over_memory(options: Options, lang: str) -> FileError:
    exc = limit_exceeded(
        "max_memory_bytes",
        options.limits.max_memory_bytes,
        Msg.of("detail.limit.out_memory_while_writing"),
    )
    return FileError(exc.code, input_error_message(exc.code, exc.detail, lang))


def _failed(result: FileResult, code: str, detail: str, lang: str) -> AnnotateResult:
    return AnnotateResult(result, error=FileError(code, t("annotate." + code, lang, detail=detail)))


def _os_text(exc: OSError, lang: str) -> str:
    from linter.errors import os_detail

    return str(rendered(os_detail(exc), lang))


def _stamp(date: Optional[datetime]) -> str:
    when = (date or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _annotate(
    src: Path, dst: Path, result: FileResult, options: Options, date: str, fix: bool = False
) -> AnnotateResult:
    pkg = DocxComments(src, options.limits)
    removed = pkg.remove_author(AUTHOR)
    ruleset = _ruleset_of(result, options)
    report = _read_model(src, ruleset, options) if result.findings and ruleset is not None else None
    placed: list[Annotation] = []
    unplaced: list[Finding] = []
    for finding in result.findings:
        anchor, nearest, where = _anchor(finding, report, pkg, str(src), options.lang)
        moved = anchor is not None and not kept(anchor)  # LibreOffice would lose this place's text
        if anchor is not None and moved:
            anchor, nearest = nearest_kept(anchor), True
            where = _name_place(anchor, report, options.lang) if anchor is not None else ""
        done = None
        if anchor is not None:
            text = comment_text(
                finding, ruleset, options.lang, where if nearest else None, str(src), moved, options.show_positions
            )
            runs = quoted_runs(anchor, finding) if not nearest else None
            if runs is not None:  # the quoted words themselves
                done = pkg.add_runs(runs[0], runs[1], text, AUTHOR, INITIALS, date)
            if done is None:
                done = pkg.add(anchor, text, AUTHOR, INITIALS, date)
        if done is None:  # e.g. a malformed cell without a paragraph: the first paragraph instead
            anchor, nearest = _first_paragraph(pkg), True
            if anchor is not None:
                where = t("annotate.para", options.lang, text=_short("".join(anchor.itertext()).strip()))
                text = comment_text(
                    finding, ruleset, options.lang, where, str(src), show_positions=options.show_positions
                )
                done = pkg.add(anchor, text, AUTHOR, INITIALS, date)
        if done is None or anchor is None:
            unplaced.append(finding)
            continue
        placed.append(Annotation(done.comment_id, finding, _path(anchor), nearest))
    fixed = tuple(
        f
        for f in result.findings
        if fix
        and f.fix is not None
        and (not f.location.file or f.location.file == str(src))
        and write_fix(pkg, f, AUTHOR, date)
    )
    pkg.save(dst)
    return AnnotateResult(result, str(dst), tuple(placed), removed, unplaced=tuple(unplaced), fixed=fixed)


def _ruleset_of(result: FileResult, options: Options) -> Optional[RuleSet]:
    """The rule set the file was checked with (for the basis of each rule)."""
    if options.ruleset is not None:
        return options.ruleset
    if result.edition is None:
        return None
    try:
        return builtin_ruleset(result.edition, options.extra_rules)
    except Exception:  # a broken installation is reported by the check, not here
        return None


def _read_model(src: Path, ruleset: RuleSet, options: Options) -> Optional[Report]:
    """The document model and recognised report of the copy being annotated, to find where each
    finding's paragraph, heading or table is; None if it cannot be read now."""
    from linter.recognise.edition import table_evidence
    from linter.readers import read_document
    from linter.recognise.report import recognise

    try:
        doc = read_document(src, options.limits)
        return recognise(doc, ruleset, table_evidence(doc, options.editions()))
    except Exception:  # the check already reported the file; comments then go to the nearest place
        return None


# ---- where a comment goes ------------------------------------------------------------------------


def _anchor(
    f: Finding, report: Optional[Report], pkg: DocxComments, path: str, lang: str
) -> tuple[Optional[etree._Element], bool, str]:
    """(w:p or w:tc, anchored at the nearest place?, how to name that place)."""
    loc = f.location
    own_file = not loc.file or loc.file == path
    blocks = report.document.blocks if report is not None else ()
    block = blocks[loc.block] if own_file and loc.block is not None and 0 <= loc.block < len(blocks) else None
    target = pkg.resolve(loc.xpath) if own_file and loc.xpath else None
    # A finding on a whole row (a misspelt row label, a row the format splits): the row's first cell.
    if isinstance(block, Table) and loc.row is not None and (target is None or target.tag in (W + "tbl", W + "tr")):
        label = next(
            (c for line in block.rows for c in line if c is not None and c.phys_row == loc.row and c.xpath), None
        )
        el = _anchorable(pkg.resolve(label.xpath)) if label is not None and label.xpath else None
        if el is not None:
            return el, False, ""
    # A table-level finding (a missing row, a missing column...): the table's first cell.
    if isinstance(block, Table) and (target is None or target.tag == W + "tbl"):
        first = next((c for row in block.rows for c in row if c is not None and c.xpath), None)
        el = _anchorable(pkg.resolve(first.xpath)) if first is not None and first.xpath else None
        if el is not None:
            return el, True, t("annotate.table_first", lang, n=loc.table) if loc.table else t("annotate.a_table", lang)
    if target is None and isinstance(block, Paragraph) and block.xpath:
        target = pkg.resolve(block.xpath)
    el = _anchorable(target)
    if el is not None:
        if report is not None and isinstance(block, Paragraph) and el.tag == W + "p":
            # A heading or the title standing in for something absent (「缺少第五部分」) is the
            # nearest place; a paragraph the finding quotes is the finding's own.
            proxy = not loc.text and _is_heading_or_title(report, block.index)
            return el, proxy, _name_paragraph(report, block, lang)
        return el, False, ""
    if report is None:
        return _first_paragraph(pkg), True, ""
    before = [h for h in report.sections if loc.block is not None and h.block <= loc.block]
    candidates = [max(before, key=lambda h: h.block).block] if before else []
    if report.title is not None:
        candidates.append(report.title.block)
    for index in candidates:
        para = blocks[index]
        el = _anchorable(pkg.resolve(para.xpath)) if isinstance(para, Paragraph) and para.xpath else None
        if el is not None:
            return el, True, _name_paragraph(report, para, lang)  # type: ignore[arg-type]
    return _first_paragraph(pkg), True, ""


def quoted_runs(p: etree._Element, f: Finding) -> Optional[tuple[etree._Element, etree._Element]]:
    """The first and last run (children of paragraph ``p``) holding what a paragraph finding
    quotes: its figure (``actual``) inside the quoted text, else the quoted text; None if the
    quote is not found in the runs as they stand."""
    from linter.recognise.normalize import nfkc_numbers

    quote = (f.location.text or "").strip("…").strip()
    if p.tag != W + "p" or not quote or f.location.row is not None:
        return None
    chars: list[str] = []
    owner: list[etree._Element] = []
    for r in p.findall(W + "r"):  # runs inside hyperlinks or tracked insertions are left out
        for wt in r.iter(W + "t"):
            for ch in nfkc_numbers(wt.text or ""):
                if not ch.isspace():
                    chars.append(ch)
                    owner.append(r)
    text = "".join(chars)
    key = "".join(ch for ch in nfkc_numbers(quote) if not ch.isspace())
    at = text.find(key)
    if at < 0:
        return None
    start, end = at, at + len(key)
    figure = "".join(ch for ch in (f.actual or "") if not ch.isspace())
    if figure and figure in key:
        start = at + key.index(figure)
        end = start + len(figure)
    return owner[start], owner[end - 1]


def _anchorable(el: Optional[etree._Element]) -> Optional[etree._Element]:
    """The w:p or w:tc to hang a comment on: the element itself, its first cell, or its container."""
    if el is None:
        return None
    if el.tag in (W + "p", W + "tc"):
        return el
    if el.tag in (W + "tbl", W + "tr"):
        return next(el.iter(W + "tc"), None)
    return next((a for a in el.iterancestors() if a.tag in (W + "p", W + "tc")), None)


def _name_place(el: etree._Element, report: Optional[Report], lang: str) -> str:
    """How a comment names the place it was moved to (linter.annotate.officesafe)."""
    text = _short("".join(t.text or "" for t in el.iter(W + "t")).strip())
    if el.tag == W + "tc":
        return t("annotate.cell", lang, text=text)
    path = _path(el)
    block = (
        next((b for b in report.document.blocks if isinstance(b, Paragraph) and b.xpath == path), None)
        if report is not None
        else None
    )
    return (
        _name_paragraph(report, block, lang)
        if report is not None and block is not None
        else t("annotate.para", lang, text=text)
    )


def _first_paragraph(pkg: DocxComments) -> Optional[etree._Element]:
    body = pkg.main.root.find(W + "body")
    paras = [p for p in body.iter(W + "p") if kept(p)] if body is not None else []
    with_text = [p for p in paras if "".join(p.itertext()).strip()]
    return (with_text or paras or [None])[0]


def _is_heading_or_title(report: Report, block: int) -> bool:
    return any(h.block == block for h in report.sections) or (report.title is not None and report.title.block == block)


def _name_paragraph(report: Report, block: Paragraph, lang: str) -> str:
    text = _short(block.full_text.strip())
    if report.title is not None and report.title.block == block.index:
        return t("annotate.title", lang, text=text)
    if any(h.block == block.index for h in report.sections):
        return t("annotate.heading", lang, text=text)
    return t("annotate.para", lang, text=text)


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def _path(el: etree._Element) -> str:
    return el.getroottree().getpath(el)


# ---- what a comment says -------------------------------------------------------------------------


def comment_text(
    f: Finding,
    ruleset: Optional[RuleSet],
    lang: str,
    nearest: Optional[str] = None,
    path: str = "",
    moved: bool = False,
    show_positions: bool = False,
) -> list[list[Run]]:
    """The comment's paragraphs: rule and message, expected/actual, basis, location, related cells;
    ``nearest``: the place it is anchored at instead of its own (``moved``: its own is inside a
    content control, linter.annotate.officesafe)."""
    from linter.reporters.text import describe_location, position, quote
    from linter.reporters.wording import value_parts

    sev = t("annotate." + f.severity, lang) if f.severity in ("error", "warning", "info") else f.severity
    paras: list[list[Run]] = [[(t("annotate.head", lang, rule=f.rule, severity=sev), True), (" " + f.message, False)]]
    values = value_parts(f, lang)
    if values:
        paras.append([(t("annotate.sep_comma", lang).join(values), False)])
    basis = _basis(f.rule, ruleset)
    if basis:
        paras.append([(t("annotate.basis", lang), True), (basis, False)])
    where = " ".join(
        x
        for x in (describe_location(f.location, lang), quote(f, lang), position(f.location, lang, show_positions))
        if x
    )
    if where:
        paras.append([(t("annotate.where", lang), True), (where, False)])
    related = [loc for loc in f.related if not loc.file or loc.file == path]
    if related and not _writes_out_sums(f.rule, ruleset):
        names = [_related_name(loc, lang) for loc in related[:MAX_RELATED]]
        text = t("annotate.sep", lang).join(n for n in names if n)
        if len(related) > MAX_RELATED:
            text += t("annotate.sep", lang) + t("annotate.more", lang, n=len(related))
        paras.append([(t("annotate.related", lang), True), (text, False)])
    if nearest is not None:
        paras.append([(t("annotate.moved" if moved else "annotate.nearest", lang, where=nearest), False)])
    return paras


def _writes_out_sums(rule: str, ruleset: Optional[RuleSet]) -> bool:
    """Whether the rule's messages show the relation with its numbers: the related cells are in
    the sums, and listing them again would only bury the sums."""
    if ruleset is None:
        return False
    try:
        messages = ruleset.rule(rule).messages
    except KeyError:
        return False
    return any("{arithmetic" in text for variant in messages.values() for text in variant.values())


def _basis(rule: str, ruleset: Optional[RuleSet]) -> str:
    if ruleset is None:
        return ""
    try:
        return ruleset.rule(rule).basis
    except KeyError:
        return ""


def _related_name(loc: Location, lang: str) -> str:
    from linter.reporters.text import describe_location

    short = loc.with_(section=None)
    name = describe_location(short, lang)
    if loc.text:
        name += f" = {_short(loc.text, 12)}"
    return name


def summary_line(outcome: Union[AnnotateResult, Annotated], lang: str) -> str:
    """One line for the terminal: what was written, or why nothing was."""
    done = Annotated.of(outcome) if isinstance(outcome, AnnotateResult) else outcome
    if done.copy_error is not None:
        error = done.copy_error
        return t("annotate.line.error", lang, path=done.path, code=error.code, message=error.message)
    if done.skipped and done.error is not None:
        return t("annotate.line.skipped", lang, path=done.path, reason=done.error.message)
    if done.error is not None:
        return t("annotate.line.unreadable", lang, path=done.path)
    line = t("annotate.line.written", lang, path=done.copy, n=done.comments)
    if done.nearest:
        line += t("annotate.line.nearest", lang, n=done.nearest)
    if done.removed:
        line += t("annotate.line.removed", lang, n=done.removed)
    if done.unplaced:
        line += t("annotate.line.unplaced", lang, n=done.unplaced)
    if done.fixed:
        line += t("annotate.line.fixed", lang, n=done.fixed)
    return line
