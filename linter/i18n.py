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
    "quote": {"zh": "原文「{text}」", "en": "text 「{text}」"},
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "summary": {
        "zh": "共检查 {files} 个文件：通过 {passed} 个，不通过 {failed} 个，读取存疑 {doubtful} 个，无法读取 {unreadable} 个；共 {errors} 个错误，{warnings} 个警告，{infos} 条提示",
        "en": "{files} file(s) checked: {passed} passed, {failed} failed, {doubtful} read with doubts, {unreadable} unreadable; {errors} error(s), {warnings} warning(s), {infos} info(s)",
    },
    "elapsed": {"zh": "；用时 {seconds} 秒", "en": "; took {seconds} s"},
    "by_rule": {"zh": "按规则：", "en": "by rule: "},
    "list_sep": {"zh": "；", "en": "; "},
    "unreadable": {"zh": "无法读取", "en": "unreadable"},
    "files_unreadable": {"zh": "无法读取：", "en": "unreadable: "},
    "files_doubtful": {"zh": "读取存疑（请人工核对）：", "en": "read with doubts (check by hand): "},
    "files_passed": {"zh": "通过：", "en": "passed: "},
    "verdict.passed": {"zh": "通过", "en": "passed"},
    "verdict.failed": {"zh": "不通过", "en": "failed"},
    "verdict.doubtful": {"zh": "读取存疑", "en": "read with doubts"},
    "verdict.unreadable": {"zh": "无法读取", "en": "unreadable"},
    "stale": {
        "zh": "基线中有 {n} 条记录已不再出现（可用 --prune-baseline 清理）",
        "en": "{n} baseline entr(y/ies) no longer found (remove them with --prune-baseline)",
    },
    "pruned": {"zh": "已从基线中清理 {n} 条记录", "en": "pruned {n} entr(y/ies) from the baseline"},
    "baseline_written": {"zh": "已将 {n} 条问题写入基线 {path}", "en": "wrote {n} finding(s) to the baseline {path}"},
    "progress": {"zh": "检查中 {i}/{n}", "en": "checking {i}/{n}"},
    "clean": {"zh": "未发现问题", "en": "no findings"},
    "baseline_hidden": {"zh": "基线 {path} 隐藏了 {n} 条已记录的问题", "en": "the baseline {path} hid {n} recorded finding(s)"},
    "no_baseline_file": {"zh": "{path}：基线文件不存在（可先用 --write-baseline 生成）",
                         "en": "{path}: no such baseline file (create it with --write-baseline)"},
    "no_config_file": {"zh": "{path}：配置文件不存在", "en": "{path}: no such configuration file"},
    "no_files": {"zh": "没有找到要检查的文件：{paths}（文件夹为空，或通配符没有匹配到文件）",
                 "en": "no files to check in {paths} (an empty folder, or a pattern that matches nothing)"},
    "command_line": {"zh": "命令行", "en": "command line"},
    "unknown_rule": {"zh": "{where}：没有这条规则：{pattern}", "en": "{where}: unknown rule id or name: {pattern}"},
    "did_you_mean": {"zh": "（是否想写 {name}？）", "en": " (did you mean {name}?)"},
    "previous_wrong_year": {
        "zh": "{path} 是 {year} 年度报告，但 --previous 指定的 {previous} 是 {previous_year} 年度报告（应为 {year} 的上一年度），未做跨年度检查",
        "en": "{path} is the {year} report but --previous {previous} is the {previous_year} report (not the year before); the year-to-year rules did not run",
    },
    "skipped_reviewed": {"zh": "{path}：已加批注的副本，已跳过", "en": "{path}: an annotated copy, skipped"},
    "lock_file": {"zh": "{path}：Word 临时文件，已跳过", "en": "{path}: a Word lock file, skipped"},
}


def t(key: str, lang: str, **params: object) -> str:
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**params)
