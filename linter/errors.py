"""The small exception hierarchy; every error a user can see has a stable code."""

from __future__ import annotations

import errno
from typing import Optional

# Exit codes (a public interface): no finding at or above the fail level; findings; usage, rule-set,
# configuration or unreadable-input error.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class ReportlintError(Exception):
    """Base class of every error reportlint reports without a traceback."""


class Detail(str):
    """An error detail in English that may carry its Chinese rendering (``zh``).

    It is a plain ``str`` everywhere else, so code that only knows strings keeps working;
    ``input_error_message`` picks ``zh`` for Chinese output.
    """

    zh: str

    def __new__(cls, en: str, zh: str = "") -> "Detail":
        obj = super().__new__(cls, en)
        obj.zh = zh or en
        return obj

    def __reduce__(self) -> tuple[object, ...]:  # picklable across processes (linter.run.pool)
        return (Detail, (str(self), self.zh))


class InputError(ReportlintError):
    """A file cannot be read as a report. ``code`` is one of INPUT_ERRORS."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


class RuleSetError(ReportlintError):
    """A rule file is broken: ``file: json-path: what is wrong (line N)``; no line when unknown."""

    def __init__(self, file: str, path: str, message: str, line: Optional[int] = None) -> None:
        self.file = file
        self.path = path
        self.message = message
        self.line = line
        super().__init__(f"{file}: {path}: {message} (line {line})" if line else f"{file}: {path}: {message}")


# code -> (Chinese, English). The detail, when present, is appended after a colon.
INPUT_ERRORS: dict[str, tuple[str, str]] = {
    "RL-IO-001": (
        "无法识别的文件格式（支持 Word .docx/.doc、WPS .wps、网页 .html、PDF、OFD 和纯文本）",
        "unrecognised file format (supported: Word .docx/.doc, WPS .wps, web page .html, PDF, OFD and plain text)",
    ),
    "RL-IO-002": (
        "文件已损坏，不是有效的 zip/.docx 包",
        "corrupt file: not a valid zip/.docx package",
    ),
    "RL-IO-003": (
        "文档包中缺少 word/document.xml",
        "the package has no word/document.xml",
    ),
    "RL-IO-004": (
        "文件已加密（设置了密码），请在 Word/WPS 中取消密码后另存为 .docx",
        "the file is encrypted (password-protected); remove the password in Word/WPS and save as .docx",
    ),
    "RL-IO-005": (
        "文件超出安全限制（疑似压缩炸弹或恶意构造的文件）",
        "the file exceeds a safety limit (possibly a zip bomb or a crafted file)",
    ),
    "RL-IO-006": (
        "XML 解析错误",
        "XML error",
    ),
    "RL-IO-007": (
        "旧版二进制 Word 文档（Word 6.0/95 或更早）或其他 Office 二进制文件，请在 Word/WPS 中另存为 .docx，或运行 libreoffice --headless --convert-to docx",
        "legacy binary Word document (Word 6.0/95 or older) or another Office binary; save it as .docx in Word/WPS or run libreoffice --headless --convert-to docx",
    ),
    "RL-IO-008": ("文件为空", "the file is empty"),
    "RL-IO-009": (
        "不支持的 Word 变体（启用宏的 .docm 或 Strict OOXML），请另存为普通 Word 文档 (.docx)",
        "unsupported Word variant (macro-enabled .docm or Strict OOXML); save as a plain Word Document (.docx)",
    ),
    "RL-IO-010": ("无法读取文件", "the file cannot be read"),
    "RL-IO-011": (
        "不支持的文件格式，请另存为 Word 文档 (.docx)",
        "unsupported file format; save it as a Word Document (.docx)",
    ),
    "RL-IO-012": (
        "检查超时，已中止该文件",
        "time limit exceeded; checking this file was stopped",
    ),
    "RL-INT-001": (
        "reportlint 内部错误，请将该文件和命令报告给维护者（使用 --debug 查看详情）",
        "internal reportlint error; please report the file and command to the maintainers (details with --debug)",
    ),
    "RL-INT-002": (
        "检查进程意外退出（reportlint 或其依赖库的缺陷），请将该文件报告给维护者",
        "the checking process died unexpectedly (a bug in reportlint or a library); please report the file",
    ),
    # Formats recognised by content that reportlint cannot read; what to do is in the message.
    "RL-IO-020": (
        "RTF 格式文档（可能被改了扩展名），请在 Word/WPS 中另存为 .docx，或运行 libreoffice --headless --convert-to docx",
        "an RTF document (possibly renamed); save it as .docx in Word/WPS or run libreoffice --headless --convert-to docx",
    ),
    "RL-IO-021": (
        "图片文件（扫描件或截图），无法读取其中的文字和表格；请检查报告的 .docx、网页或带文字的 PDF",
        "an image (a scan or screenshot): its text and tables cannot be read; check the report's .docx, web page or a PDF with text",
    ),
    "RL-IO-022": (
        "PDF/OFD 没有文字层（扫描件），无法读取；请检查原始 Word 文档，或先用 OCR 软件识别出文字",
        "the PDF/OFD has no text layer (a scan); check the original Word document, or run OCR on it first",
    ),
    "RL-IO-023": (
        "PDF 文件已损坏，无法解析；请重新导出 PDF，或检查原始 Word 文档",
        "the PDF is damaged and cannot be parsed; export it again, or check the original Word document",
    ),
    "RL-IO-024": (
        "PDF 已加密（设置了打开密码），请取消密码后重新导出",
        "the PDF is encrypted (it has an open password); remove the password and export it again",
    ),
    "RL-IO-025": (
        "MHT/MHTML 网页归档文件，请在浏览器中另存为「网页，仅 HTML」(.html)",
        'an MHT/MHTML web archive; save the page as "Web page, HTML only" (.html) in the browser',
    ),
    "RL-IO-026": (
        "OpenDocument 文档（如 .odt），请在 WPS/LibreOffice 中另存为 Word 文档 (.docx)",
        "an OpenDocument file (e.g. .odt); save it as a Word Document (.docx) in WPS/LibreOffice",
    ),
    "RL-IO-027": (
        "Word 临时文件（以 ~$ 开头，Word 打开文档时生成），不是报告；请检查同名的 .docx 文件",
        "a Word lock file (its name starts with ~$; Word makes it while the document is open), not a report; check the .docx of the same name",
    ),
    "RL-IO-028": (
        "Word 97-2003 / WPS 文档（.doc/.wps）已损坏，无法解析；请在 Word/WPS 中打开后另存为 .docx",
        "the Word 97-2003 / WPS document (.doc/.wps) is damaged and cannot be parsed; open it in Word/WPS and save it as .docx",
    ),
    "RL-IO-029": (
        "OFD 文件结构不完整（缺少其中引用的文件或页面），请重新导出 OFD，或检查原始 Word 文档",
        "the OFD is incomplete (a file or page it refers to is missing); export it again, or check the original Word document",
    ),
    # Files found in a folder or an archive that are not checked (verdict "skipped"), or, for
    # RL-IO-031 given by name, refused before they are opened.
    "RL-IO-030": ("不是报告文件", "not a report file"),
    "RL-IO-031": (
        "不是普通文件，未打开",
        "not a regular file; not opened",
    ),
}

# errno -> (Chinese, English) for the OS errors a user meets when naming files.
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EACCES: ("没有读取权限", "permission denied"),
    errno.EPERM: ("操作不被允许", "operation not permitted"),
    errno.EISDIR: ("这是文件夹，不是文件", "this is a folder, not a file"),
    errno.ENOTDIR: ("路径中有一部分不是文件夹", "a part of the path is not a folder"),
    errno.ENAMETOOLONG: ("文件名太长", "file name too long"),
    errno.ELOOP: ("符号链接循环", "too many levels of symbolic links"),
    errno.ENOSPC: ("磁盘空间不足", "no space left on the disk"),
    errno.EROFS: ("只读文件系统", "read-only file system"),
    errno.EIO: ("磁盘读写错误", "input/output error"),
    errno.EBUSY: ("文件正被占用", "the file is busy"),
    errno.EEXIST: ("文件已存在", "the file exists"),
    errno.EFBIG: ("文件超过系统允许的大小", "file too large for the system's limit (ulimit -f)"),
    errno.EDQUOT: ("磁盘配额已用完", "disk quota exceeded"),
}


def os_detail(exc: OSError) -> "Detail":
    """An OS error in both languages, naming the cause: 「文件或文件夹不存在」 / ``no such file or folder``."""
    known = _OS_ERRORS.get(exc.errno or -1)
    if known is not None:
        return Detail(known[1], known[0])
    en = exc.strerror or type(exc).__name__
    return Detail(en, f"系统错误 {exc.errno}" if exc.errno else "系统错误")


def os_error(exc: OSError, lang: str) -> str:
    """``path: cause`` for an OS error met outside a file's check (writing an output file)."""
    detail = os_detail(exc)
    where = exc.filename if exc.filename is not None else ""
    text = detail.zh if lang == "zh" else str(detail)
    if not where:
        return text
    return f"{where}：{text}" if lang == "zh" else f"{where}: {text}"


_ZIP_ERRORS = (
    ("File is not a zip file", "不是 zip 文件", "not a zip file"),
    ("Truncated file header", "zip 文件头被截断", "truncated file header"),
    ("Bad magic number", "zip 文件头损坏", "bad magic number"),
    ("Bad CRC-32", "zip 成员校验失败（数据已损坏）", "bad CRC-32 (corrupt data)"),
    ("Error -3 while decompressing", "zip 成员解压失败（数据已损坏）", "decompression failed (corrupt data)"),
    ("compression method", "zip 使用了不支持的压缩方法", "unsupported compression method"),
    ("Overlapped entries", "zip 成员相互重叠（疑似恶意构造）", "overlapping entries (possibly crafted)"),
)


def zip_detail(exc: BaseException, member: str = "") -> "Detail":
    """A zip error in both languages, naming the cause (the raw text is kept in English)."""
    text = str(exc)
    prefix = f"{member}: " if member else ""
    prefix_zh = f"{member}：" if member else ""
    for needle, zh, en in _ZIP_ERRORS:
        if needle.lower() in text.lower():
            return Detail(prefix + en, prefix_zh + zh)
    if isinstance(exc, OSError):
        d = os_detail(exc)
        return Detail(prefix + str(d), prefix_zh + d.zh)
    return Detail(prefix + (text or type(exc).__name__), prefix_zh + "zip 结构损坏")


def special_file(mode: int) -> InputError:
    """RL-IO-031 naming what a path that is not a regular file is (it is never opened: a FIFO
    would block the run until someone writes to it)."""
    import stat

    if stat.S_ISFIFO(mode):
        en, zh = "a named pipe (FIFO)", "命名管道（FIFO）"
    elif stat.S_ISSOCK(mode):
        en, zh = "a socket", "套接字"
    elif stat.S_ISDIR(mode):
        en, zh = "a folder", "文件夹"
    else:
        en, zh = "a device", "设备文件"
    return InputError("RL-IO-031", Detail(en, zh))


def limit_exceeded(name: str, value: object, found_en: str, found_zh: str, where: str = "") -> InputError:
    """RL-IO-005 naming the limit: ``word/document.xml: 2500 members, over max_zip_members = 2000``."""
    from linter.config.limits import describe

    prefix = f"{where}: " if where else ""
    prefix_zh = f"{where}：" if where else ""
    return InputError(
        "RL-IO-005",
        Detail(
            f"{prefix}{found_en}, over the limit {describe(name, value)}",
            f"{prefix_zh}{found_zh}，超过限制 {describe(name, value)}",
        ),
    )


def input_error_message(code: str, detail: str, lang: str) -> str:
    zh, en = INPUT_ERRORS.get(code, INPUT_ERRORS["RL-IO-010"])
    base = zh if lang == "zh" else en
    if lang == "zh" and isinstance(detail, Detail):
        detail = detail.zh
    return f"{base}：{detail}" if detail and lang == "zh" else (f"{base}: {detail}" if detail else base)
