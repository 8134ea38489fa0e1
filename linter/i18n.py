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
    "col.rule": {"zh": "规则", "en": "Rule"},
    "col.level": {"zh": "级别", "en": "Severity"},
    "col.default": {"zh": "默认", "en": "Default"},
    "col.name": {"zh": "名称", "en": "Name"},
    "col.summary": {"zh": "检查内容", "en": "What it checks"},
    "on": {"zh": "启用", "en": "on"},
    "off": {"zh": "关闭", "en": "off"},
    "explain.level": {"zh": "级别", "en": "Severity"},
    "explain.basis": {"zh": "依据", "en": "Basis"},
    "explain.pass": {"zh": "通过示例", "en": "Passing example"},
    "explain.fail": {"zh": "不通过示例", "en": "Failing example"},
    "explain.kind": {"zh": "类别", "en": "Kind"},
    "explain.means": {"zh": "含义", "en": "Meaning"},
    "explain.input_error": {"zh": "读取错误：文件无法读取，不是报告内容的问题", "en": "a reading error: the file cannot be read (not a defect of the report's content)"},
    "explain.input_level": {"zh": "该文件判为「无法读取」，退出码 2", "en": "the file is unreadable; exit code 2"},
    "explain.configured": {"zh": "（配置文件将其级别改为{level}）", "en": "(the configuration sets it to {level})"},
    "explain.off": {"zh": "默认关闭：用 --select {id} 启用", "en": "off by default: turn it on with --select {id}"},
    "explain.prefix": {"zh": "「{query}」对应 {n} 条规则：", "en": "{n} rule(s) match 「{query}」:"},
    "explain.none": {"zh": "没有这条规则：{query}", "en": "no such rule: {query}"},
}


HELP: dict[str, dict[str, str]] = {
    "main": {"zh": "reportlint：政府信息公开工作年度报告合规检查。\n\n"
                   "常用：reportlint check 文件夹（检查）；reportlint check 文件夹 --format xlsx -o 结果.xlsx（Excel 汇总表）；"
                   "reportlint annotate 文件夹 -o 退回/（给 Word 文档加批注）。",
             "en": "reportlint: compliance linter for annual government information disclosure reports.\n\n"
                   "Common: reportlint check FOLDER; reportlint check FOLDER --format xlsx -o results.xlsx (Excel table); "
                   "reportlint annotate FOLDER -o returned/ (Word copies with review comments)."},
    "usage": {"zh": "用法：", "en": "Usage:"},
    "options": {"zh": "选项", "en": "Options"},
    "commands": {"zh": "命令", "en": "Commands"},
    "help": {"zh": "显示本帮助并退出。", "en": "Show this message and exit."},
    "version": {"zh": "显示版本并退出。", "en": "Show the version and exit."},
    "check": {"zh": "检查年度报告（文件、文件夹或通配符），列出带位置的问题。",
              "en": "Check annual reports (files, folders, globs) and print located findings."},
    "annotate": {"zh": "为 Word 文档写出加了批注的副本，每个问题一条批注（原文件不变）。",
                 "en": "Write reviewed copies of Word documents with each finding as a review comment (the originals are not changed)."},
    "show_config": {"zh": "显示 PATH（文件或文件夹，默认当前文件夹）实际使用的配置。",
                    "en": "Print the effective configuration for PATH (a file or folder; default: here)."},
    "rules": {"zh": "列出所有规则（按编号排序，标出默认关闭的规则）。",
              "en": "List the rules (sorted by id; default-off rules marked)."},
    "explain": {"zh": "解释一条规则：编号、名称、前缀或读取错误代码（如 RL-IO-007）。",
                "en": "Explain a rule: an id, a dotted name, a prefix or a reading-error code (such as RL-IO-007)."},
    "format": {"zh": "输出格式，默认 text（文本）；另有 json、sarif、junit、github、gitlab、html（网页报告）、csv、xlsx（Excel）。",
               "en": "Output format (default text): json, sarif, junit, github, gitlab, html page, csv, xlsx (Excel)."},
    "lang": {"zh": "提示语言（默认：配置文件的 lang，否则中文）。", "en": "Message language (default: the configuration's lang, else zh)."},
    "fail_on": {"zh": "达到此级别的问题使退出码为 1（默认 error）。",
                "en": "Lowest severity that makes the exit code 1 (default error)."},
    "edition": {"zh": "指定格式版本，不自动识别。", "en": "Force a format edition instead of detecting it."},
    "select": {"zh": "只检查这些规则（编号、编号前缀或名称前缀），可重复。",
               "en": "Only these rules (id, id prefix or dotted-name prefix); repeatable."},
    "ignore": {"zh": "跳过这些规则（编号、编号前缀或名称前缀），可重复。",
               "en": "Skip these rules (id, id prefix or dotted-name prefix); repeatable."},
    "jobs": {"zh": "并行进程数（默认：CPU 核数）。", "en": "Parallel processes (default: CPU count)."},
    "config": {"zh": "使用这个配置文件，不自动查找。", "en": "Use this configuration file instead of discovering one."},
    "rules_file": {"zh": "使用这个 YAML 规则文件代替内置规则。", "en": "Use this YAML rule set instead of the built-in ones."},
    "previous": {"zh": "同一单位上一年度的报告，或上一年度报告所在的文件夹（按单位配对），用于跨年度检查。",
                 "en": "The same body's report of the year before, or a folder of last year's reports (paired by body), for the year-to-year rules."},
    "no_pairing": {"zh": "不自动配对同一批文件中同一单位相邻年度的报告。",
                   "en": "Do not pair one body's consecutive years found in the same batch."},
    "baseline": {"zh": "只报告基线文件中没有记录的问题。", "en": "Report only findings not recorded in this baseline file."},
    "write_baseline": {"zh": "把当前的问题写入 --baseline 文件。", "en": "Record the current findings in the --baseline file."},
    "prune_baseline": {"zh": "从 --baseline 文件中删除已不再出现的记录。",
                       "en": "Remove entries no longer found from the --baseline file."},
    "output": {"zh": "把报告写入这个文件；终端仍显示简要汇总。",
               "en": "Write the report to this file; a short summary still goes to the terminal."},
    "progress": {"zh": "在终端显示进度（默认：终端中 20 个文件以上时显示）。",
                 "en": "Progress on stderr (default: on a terminal, for 20+ files)."},
    "list_passed": {"zh": "在汇总中列出通过的文件。", "en": "List the files that passed in the summary."},
    "debug": {"zh": "显示内部错误的详细信息。", "en": "Show tracebacks of internal errors."},
    "annotate_output": {"zh": "批注副本的输出文件夹（只有一个输入时也可以是文件名）；默认在原文件旁写出「文件名.reviewed.docx」。",
                        "en": "A folder for the reviewed copies (one input: also a file name); default NAME.reviewed.docx next to each input."},
    "rules_edition": {"zh": "格式版本（默认列出全部版本）。", "en": "Format edition (default: every edition)."},
    "explain_edition": {"zh": "格式版本（默认最新版本）。", "en": "Format edition (default: the newest)."},
    "fix": {"zh": "同时把每个定位到的疑似填错单元格的更正以修订（跟踪更改）写入该单元格。",
            "en": "Also write each located wrong cell's correction into the cell as a tracked change."},
    "serve": {"zh": "在浏览器中检查报告：本机上的网页和数据接口（需另行安装网页服务组件）。",
              "en": "Check reports in a browser: a page and a JSON API on this machine (extra: reportlint[serve])."},
    "serve_host": {"zh": "监听的地址；本机以外的地址（如 0.0.0.0）须同时设置 --token。",
                   "en": "Address to listen on; anything but this machine (e.g. 0.0.0.0) needs --token."},
    "serve_port": {"zh": "监听的端口。", "en": "Port to listen on."},
    "serve_open": {"zh": "在默认浏览器中打开页面。", "en": "Open the page in the default browser."},
    "serve_token": {"zh": "网页和接口要求的访问令牌（也可用环境变量设置）。",
                    "en": "Access token the page and the API ask for (or REPORTLINT_TOKEN)."},
    "serve_max_files": {"zh": "一次上传的报告数（含 .zip 展开后的文件）。", "en": "Reports in one upload (after expanding .zip files)."},
    "serve_max_request_mb": {"zh": "一次上传的大小上限（兆字节）。", "en": "Size of one upload (MB)."},
    "serve_max_requests": {"zh": "同时检查的上传数；超出的请稍后重试。", "en": "Uploads checked at once; more are asked to retry."},
    "serve_max_per_client": {"zh": "其中来自同一地址的上传数。", "en": "Of those, uploads from one client address."},
    "serve_read_timeout": {"zh": "请求头须在此秒数内收完；上传内容中途停顿不得超过此秒数。",
                           "en": "Seconds to receive a request's headers, and the longest pause in its body."},
    "serve_min_upload_kb": {"zh": "超过 --read-timeout 秒后，上传的平均速度不得低于此值（千字节/秒）。",
                            "en": "Average upload speed (KB/s) required once --read-timeout seconds have passed."},
    "metavar_rule": {"zh": "规则", "en": "RULE"},
    "metavar_file": {"zh": "文件", "en": "FILE"},
    "metavar_out": {"zh": "文件夹或文件", "en": "DIR|FILE"},
    "metavar_paths": {"zh": "文件或文件夹...", "en": "PATHS..."},
    "metavar_year": {"zh": "年度", "en": "YEAR"},
    "roster": {"zh": "应报送单位名册（YAML、csv 或 xlsx），生成报送情况表。",
               "en": "The roster of bodies expected to report (YAML, CSV or xlsx): the coverage table."},
    "year": {"zh": "本批报告应属的年度（默认取最多的年度）。",
             "en": "The report year expected of this batch (default: the most common one)."},
    "need_baseline": {"zh": "--write-baseline 和 --prune-baseline 需要同时给出 --baseline 文件",
                      "en": "--write-baseline and --prune-baseline need --baseline FILE"},
    "binary": {"zh": "--format {fmt} 生成的是二进制文件，请用 -o 指定输出文件",
               "en": "--format {fmt} writes a binary file: give --output FILE"},
}
TEXT.update({f"help.{k}": v for k, v in HELP.items()})


def help_language(argv: list[str]) -> str:
    """The language of --help: ``--lang`` on the command line, else the configuration's (looked for
    only when help is asked for), else LANG (English if it starts with ``en``), else Chinese."""
    import os

    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg.split("=", 1)[1]
    if not argv or "--help" in argv or "-h" in argv:
        try:
            from pathlib import Path

            from linter.config.configuration import config_for

            cfg = config_for(Path.cwd())
            if cfg.source is not None:
                return cfg.lang
        except Exception:  # a broken configuration does not stop --help
            pass
    return "en" if os.environ.get("LANG", "").lower().startswith("en") else "zh"


def display_width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def t(key: str, lang: str, **params: object) -> str:
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**params)
