"""The small exception hierarchy; every error a user can see has a stable code."""

from __future__ import annotations

import errno
from typing import Optional

from linter.i18n import English, Msg, rendered, t

# Exit codes (a public interface): no finding at or above the fail level; findings; usage, rule-set,
# configuration or unreadable-input error.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class ReportlintError(Exception):
    """Base class of every error reportlint reports without a traceback."""


class ToldError(ReportlintError):
    """An error of the run told to the user: ``message`` (a Msg) is written when the error is
    shown, in ``lang`` (set by the command that shows it; Chinese until then)."""

    def __init__(self, message: object) -> None:
        self.message = message
        self.lang = "zh"
        super().__init__(str(rendered(message, "en")))

    def __str__(self) -> str:
        return str(rendered(self.message, self.lang))


class InputError(ReportlintError):
    """A file cannot be read as a report. ``code`` is one of INPUT_ERRORS; ``detail`` says more: a
    message (``Msg``), or a text that reads the same in every language (a file or format name)."""

    def __init__(self, code: str, detail: object = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {rendered(detail, 'en')}" if detail else code)


class RuleSetError(ReportlintError):
    """A rule file is broken: ``file: json-path: what is wrong (line N)``; no line when unknown.
    ``message`` says what is wrong (a ``Msg``); the error is written in ``lang`` (set by the
    command that shows it; Chinese until then)."""

    def __init__(self, file: str, path: str, message: object, line: Optional[int] = None) -> None:
        self.file = file
        self.path = path
        self.message = message
        self.line = line
        self.lang = "zh"
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        line = Msg.of("config.line", line=self.line) if self.line else ""
        return t("ruleset.problem", lang, file=self.file, path=self.path, text=self.message, line=line)

    def __str__(self) -> str:
        return self.render(self.lang)


# The reading errors' codes (a public interface); their texts are the catalogue's input.CODE. The
# detail, when present, follows after a colon. RL-IO-020 to 029: formats recognised by content that
# reportlint cannot read (what to do is in the text); RL-IO-030 and 031: files found in a folder or
# an archive that are not checked (verdict 已跳过), or for RL-IO-031 given by name, refused before
# they are opened.
INPUT_ERRORS: tuple[str, ...] = (
    "RL-IO-001",
    "RL-IO-002",
    "RL-IO-003",
    "RL-IO-004",
    "RL-IO-005",
    "RL-IO-006",
    "RL-IO-007",
    "RL-IO-008",
    "RL-IO-009",
    "RL-IO-010",
    "RL-IO-011",
    "RL-IO-012",
    "RL-INT-001",
    "RL-INT-002",
    "RL-IO-020",
    "RL-IO-021",
    "RL-IO-022",
    "RL-IO-023",
    "RL-IO-024",
    "RL-IO-025",
    "RL-IO-026",
    "RL-IO-027",
    "RL-IO-028",
    "RL-IO-029",
    "RL-IO-030",
    "RL-IO-031",
)

# The OS errors a user meets naming files, by errno (their texts: the catalogue's os.NAME).
_OS_ERRORS: dict[int, str] = {
    n: errno.errorcode[n]
    for n in (
        errno.ENOENT,
        errno.EACCES,
        errno.EPERM,
        errno.EISDIR,
        errno.ENOTDIR,
        errno.ENAMETOOLONG,
        errno.ELOOP,
        errno.ENOSPC,
        errno.EROFS,
        errno.EIO,
        errno.EBUSY,
        errno.EEXIST,
        errno.EFBIG,
        errno.EDQUOT,
    )
}


def os_detail(exc: OSError) -> object:
    """An OS error naming the cause: 「文件或文件夹不存在」 / ``no such file or folder``; one reportlint
    has no words for in the system's own English (Chinese: 「系统错误 N」)."""
    known = _OS_ERRORS.get(exc.errno or -1)
    if known is not None:
        return Msg.of("os." + known)
    other = Msg.of("os.unknown", errno=exc.errno) if exc.errno else Msg.of("os.unknown_plain")
    return English(exc.strerror or type(exc).__name__, other)


def os_error(exc: OSError, lang: str) -> str:
    """``path: cause`` for an OS error met outside a file's check (writing an output file)."""
    detail = os_detail(exc)
    where = exc.filename if exc.filename is not None else ""
    if not where:
        return str(rendered(detail, lang))
    return t("detail.member", lang, member=where, detail=detail)


# A zip error's text (from zipfile and zlib) -> its catalogue key.
_ZIP_ERRORS = (
    ("File is not a zip file", "zip.not_zip"),
    ("Truncated file header", "zip.truncated_header"),
    ("Bad magic number", "zip.bad_magic"),
    ("Bad CRC-32", "zip.bad_crc"),
    ("Error -3 while decompressing", "zip.decompression"),
    ("compression method", "zip.compression_method"),
    ("Overlapped entries", "zip.overlapped"),
)


def zip_detail(exc: BaseException, member: str = "") -> object:
    """A zip error naming the cause (one without words here in its own English; Chinese:
    「zip 结构损坏」), after the member's name when there is one."""
    text = str(exc)
    detail: object
    known = next((key for needle, key in _ZIP_ERRORS if needle.lower() in text.lower()), None)
    if known is not None:
        detail = Msg.of(known)
    elif isinstance(exc, OSError):
        detail = os_detail(exc)
    else:
        detail = English(text or type(exc).__name__, Msg.of("zip.broken"))
    return Msg.of("detail.member", member=member, detail=detail) if member else detail


def special_file(mode: int) -> InputError:
    """RL-IO-031 naming what a path that is not a regular file is (it is never opened: a FIFO
    would block the run until someone writes to it)."""
    import stat

    if stat.S_ISFIFO(mode):
        kind = "fifo"
    elif stat.S_ISSOCK(mode):
        kind = "socket"
    elif stat.S_ISDIR(mode):
        kind = "folder"
    else:
        kind = "device"
    return InputError("RL-IO-031", Msg.of("special." + kind))


def limit_exceeded(name: str, value: object, found: Msg, where: str = "") -> InputError:
    """RL-IO-005 naming the limit: ``word/document.xml: 2500 members, over max_zip_members = 2000``."""
    from linter.config.limits import describe

    over = Msg.of("detail.limit.over", found=found, limit=describe(name, value))
    return InputError("RL-IO-005", Msg.of("detail.member", member=where, detail=over) if where else over)


class OutOfMemory(InputError):
    """RL-IO-005 for memory that ran out while reading (a child's cap ``max_memory_bytes``)."""

    def __init__(self, max_bytes: int, where: str = "") -> None:
        error = limit_exceeded("max_memory_bytes", max_bytes, Msg.of("detail.limit.out_memory_while_reading"), where)
        super().__init__(error.code, error.detail)


def input_error_message(code: str, detail: object, lang: str) -> str:
    """A reading error in ``lang``: its text, then its detail after a colon."""
    base = t("input." + (code if code in INPUT_ERRORS else "RL-IO-010"), lang)
    return t("input.detail", lang, base=base, detail=detail) if detail else base
