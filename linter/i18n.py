"""User-facing words of the reporters and the CLI, in Chinese (default) and English."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "table": {"zh": "表{n}", "en": "Table {n}"},
    "row": {"zh": "行「{label}」", "en": "row 「{label}」"},
    "col": {"zh": "列「{label}」", "en": "column 「{label}」"},
    "position": {"zh": "[块{block} 行{row} 列{col}]", "en": "[block {block} row {row} col {col}]"},
    "block": {"zh": "[块{block}]", "en": "[block {block}]"},
    "page": {"zh": "第{page}页", "en": "page {page}"},
    "line": {"zh": "第{line}行", "en": "line {line}"},
    "line_col": {"zh": "第{line}行第{column}字", "en": "line {line}:{column}"},
    "expected_actual": {"zh": "（应为 {expected}，实为 {actual}）", "en": "(expected {expected}, found {actual})"},
    "expected_only": {"zh": "（应为 {expected}）", "en": "(expected {expected})"},
    "blank": {"zh": "空白", "en": "blank"},
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "summary": {
        "zh": "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示，{unreadable} 个文件无法读取",
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info(s), {unreadable} unreadable",
    },
    "clean": {"zh": "未发现问题", "en": "no findings"},
}


def t(key: str, lang: str, **params: object) -> str:
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**params)
