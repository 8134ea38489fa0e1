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
        "zh": "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示，{unreadable} 个文件无法读取（{with_errors} 个文件有错误）",
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info(s), {unreadable} unreadable ({with_errors} file(s) with errors)",
    },
    "by_rule": {"zh": "按规则：", "en": "by rule: "},
    "unreadable_files": {"zh": "无法读取：", "en": "unreadable: "},
    "stale": {
        "zh": "基线中有 {n} 条记录已不再出现（可用 --prune-baseline 清理）",
        "en": "{n} baseline entr(y/ies) no longer found (remove them with --prune-baseline)",
    },
    "pruned": {"zh": "已从基线中清理 {n} 条记录", "en": "pruned {n} entr(y/ies) from the baseline"},
    "baseline_written": {"zh": "已将 {n} 条问题写入基线 {path}", "en": "wrote {n} finding(s) to the baseline {path}"},
    "progress": {"zh": "检查中 {i}/{n}", "en": "checking {i}/{n}"},
    "clean": {"zh": "未发现问题", "en": "no findings"},
}


def t(key: str, lang: str, **params: object) -> str:
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**params)
