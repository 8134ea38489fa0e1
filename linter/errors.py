"""The small exception hierarchy; every error a user can see has a stable code."""

from __future__ import annotations


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

    def __reduce__(self) -> tuple[object, ...]:  # picklable across processes (linter.timeout)
        return (Detail, (str(self), self.zh))


class InputError(ReportlintError):
    """A file cannot be read as a report. ``code`` is one of INPUT_ERRORS."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


class RuleSetError(ReportlintError):
    """A rule file is broken: ``file: json-path: what is wrong``."""

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message
        super().__init__(f"{file}: {path}: {message}")


# code -> (Chinese, English). The detail, when present, is appended after a colon.
INPUT_ERRORS: dict[str, tuple[str, str]] = {
    "RL-IO-001": (
        "无法识别的文件格式，不是 Word (.docx) 文档",
        "unrecognised file format: not a Word (.docx) document",
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
        "旧版二进制 Word 文档（.doc/.wps），请在 Word/WPS 中另存为 .docx，或运行 libreoffice --headless --convert-to docx",
        "legacy binary Word document (.doc/.wps); save it as .docx in Word/WPS or run libreoffice --headless --convert-to docx",
    ),
    "RL-IO-008": ("文件为空", "the file is empty"),
    "RL-IO-009": (
        "不支持的 Word 变体（启用宏的 .docm 或 Strict OOXML），请另存为普通 Word 文档 (.docx)",
        "unsupported Word variant (macro-enabled .docm or Strict OOXML); save as a plain Word Document (.docx)",
    ),
    "RL-IO-010": ("无法读取文件", "the file cannot be read"),
    "RL-IO-011": (
        "该格式暂不支持（仅支持 .docx）",
        "this format is not supported yet (only .docx is)",
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
}


def limit_exceeded(name: str, value: object, found_en: str, found_zh: str, where: str = "") -> InputError:
    """RL-IO-005 naming the limit: ``word/document.xml: 2500 members, over max_zip_members = 2000``."""
    from linter.limits import describe

    prefix = f"{where}: " if where else ""
    prefix_zh = f"{where}：" if where else ""
    return InputError("RL-IO-005", Detail(f"{prefix}{found_en}, over the limit {describe(name, value)}",
                                          f"{prefix_zh}{found_zh}，超过限制 {describe(name, value)}"))


def input_error_message(code: str, detail: str, lang: str) -> str:
    zh, en = INPUT_ERRORS.get(code, INPUT_ERRORS["RL-IO-010"])
    base = zh if lang == "zh" else en
    if lang == "zh" and isinstance(detail, Detail):
        detail = detail.zh
    return f"{base}：{detail}" if detail and lang == "zh" else (f"{base}: {detail}" if detail else base)
