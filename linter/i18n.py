"""User-facing words of the reporters and the CLI, in Chinese (default) and English."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "table": {"zh": "表{n}", "en": "Table {n}"},
    "row": {"zh": "行「{label}」", "en": "row 「{label}」"},
    "col": {"zh": "列「{label}」", "en": "column 「{label}」"},
    "position": {"zh": "[块{block} 行{row} 列{col}]", "en": "[block {block} row {row} col {col}]"},
    "block": {"zh": "[块{block}]", "en": "[block {block}]"},
    "page": {"zh": "第{page}页", "en": "page {page}"},
    "table_row": {"zh": "表{n}第{row}行", "en": "table {n} row {row}"},
    "where.wrap": {"zh": "（{text}）", "en": "({text})"},
    "where.sep": {"zh": "，", "en": ", "},
    "line": {"zh": "第{line}行", "en": "line {line}"},
    "line_col": {"zh": "第{line}行第{column}字", "en": "line {line}:{column}"},
    "blank": {"zh": "空白", "en": "blank"},
    "note.expected": {"zh": "应为 {value}", "en": "expected {value}"},
    "note.actual": {"zh": "实为 {value}", "en": "found {value}"},
    "sum.total": {"zh": "{label}为 {value}", "en": "{label} is {value}"},
    "sum.sep": {"zh": "，", "en": ", "},
    "sum.row": {"zh": "该行：{text}", "en": "row: {text}"},
    "sum.col": {"zh": "该列：{text}", "en": "column: {text}"},
    "sum.group": {"zh": "{group}：{text}", "en": "{group}: {text}"},
    "sum.list": {"zh": "；", "en": "; "},
    "colon": {"zh": "：", "en": ": "},
    "note.sep": {"zh": "，", "en": ", "},
    "note.wrap": {"zh": "（{text}）", "en": "({text})"},
    "quote": {"zh": "原文「{text}」", "en": "text 「{text}」"},
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "summary": {
        "zh": "共检查 {files} 个文件：通过 {passed} 个，不通过 {failed} 个，读取存疑 {doubtful} 个，无法读取 {unreadable} 个；共 {errors} 个错误，{warnings} 个警告，{infos} 条提示",
        "en": "{files} file(s) checked: {passed} passed, {failed} failed, {doubtful} read with doubts, {unreadable} unreadable; {errors} error(s), {warnings} warning(s), {infos} info(s)",
    },
    "summary_skipped": {
        "zh": "；另有 {n} 个文件未检查（已跳过，原因见各文件）",
        "en": "; {n} other file(s) not checked (skipped, each with its reason)",
    },
    "files_skipped": {"zh": "已跳过：", "en": "skipped: "},
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
    "verdict.skipped": {"zh": "已跳过", "en": "skipped"},
    "stale": {
        "zh": "基线中有 {n} 条记录已不再出现（可用 --prune-baseline 清理）",
        "en": "{n} baseline entr(y/ies) no longer found (remove them with --prune-baseline)",
    },
    "pruned": {"zh": "已从基线中清理 {n} 条记录", "en": "pruned {n} entr(y/ies) from the baseline"},
    "written": {"zh": "已写入 {path}", "en": "wrote {path}"},
    "baseline_written": {"zh": "已将 {n} 条问题写入基线 {path}", "en": "wrote {n} finding(s) to the baseline {path}"},
    "progress": {"zh": "检查中 {i}/{n}", "en": "checking {i}/{n}"},
    "clean": {"zh": "未发现问题", "en": "no findings"},
    "baseline_hidden": {
        "zh": "基线 {path} 隐藏了 {n} 条已记录的问题",
        "en": "the baseline {path} hid {n} recorded finding(s)",
    },
    "no_baseline_file": {
        "zh": "{path}：基线文件不存在（可先用 --write-baseline 生成）",
        "en": "{path}: no such baseline file (create it with --write-baseline)",
    },
    "no_config_file": {"zh": "{path}：配置文件不存在", "en": "{path}: no such configuration file"},
    "no_files": {
        "zh": "没有找到要检查的文件：{paths}（文件夹为空，或通配符没有匹配到文件）",
        "en": "no files to check in {paths} (an empty folder, or a pattern that matches nothing)",
    },
    "command_line": {"zh": "命令行", "en": "command line"},
    "unknown_rule": {"zh": "{where}：没有这条规则：{pattern}", "en": "{where}: unknown rule id or name: {pattern}"},
    "did_you_mean": {"zh": "（是否想写 {name}？）", "en": " (did you mean {name}?)"},
    "previous_wrong_year": {
        "zh": "{path} 是 {year} 年度报告，但 --previous 指定的 {previous} 是 {previous_year} 年度报告（应为 {year} 的上一年度），未做跨年度检查",
        "en": "{path} is the {year} report but --previous {previous} is the {previous_year} report (not the year before); the year-to-year rules did not run",
    },
    "skipped_reviewed": {"zh": "{path}：已加批注的副本，已跳过", "en": "{path}: an annotated copy, skipped"},
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
    "explain.input_error": {
        "zh": "读取错误：文件无法读取，不是报告内容的问题",
        "en": "a reading error: the file cannot be read (not a defect of the report's content)",
    },
    "explain.input_level": {"zh": "该文件判为「无法读取」，退出码 2", "en": "the file is unreadable; exit code 2"},
    "explain.skip_level": {
        "zh": "在文件夹或压缩包中找到的该文件判为「已跳过」，不影响退出码",
        "en": "a file found in a folder or archive is skipped; the exit code is not affected",
    },
    "explain.skip_or_input_level": {
        "zh": "在文件夹或压缩包中找到时判为「已跳过」，不影响退出码；直接指定该文件时判为「无法读取」，退出码 2",
        "en": "skipped when found in a folder or archive (the exit code is not affected); unreadable when named directly (exit code 2)",
    },
    "explain.configured": {"zh": "（配置文件将其级别改为{level}）", "en": "(the configuration sets it to {level})"},
    "explain.off": {"zh": "默认关闭：用 --select {id} 启用", "en": "off by default: turn it on with --select {id}"},
    "explain.prefix": {"zh": "「{query}」对应 {n} 条规则：", "en": "{n} rule(s) match 「{query}」:"},
    "explain.none": {"zh": "没有这条规则：{query}", "en": "no such rule: {query}"},
}


HELP: dict[str, dict[str, str]] = {
    "main": {
        "zh": "reportlint：政府信息公开工作年度报告合规检查。\n\n"
        "常用：reportlint check 文件夹（检查）；reportlint check 文件夹 --format xlsx -o 结果.xlsx（Excel 汇总表）；"
        "reportlint annotate 文件夹 -o 退回/（给 Word 文档加批注）。",
        "en": "reportlint: compliance linter for annual government information disclosure reports.\n\n"
        "Common: reportlint check FOLDER; reportlint check FOLDER --format xlsx -o results.xlsx (Excel table); "
        "reportlint annotate FOLDER -o returned/ (Word copies with review comments).",
    },
    "usage": {"zh": "用法：", "en": "Usage:"},
    "options": {"zh": "选项", "en": "Options"},
    "commands": {"zh": "命令", "en": "Commands"},
    "help": {"zh": "显示本帮助并退出。", "en": "Show this message and exit."},
    "version": {"zh": "显示版本并退出。", "en": "Show the version and exit."},
    "check": {
        "zh": "检查年度报告（文件、文件夹或通配符），列出带位置的问题。",
        "en": "Check annual reports (files, folders, globs) and print located findings.",
    },
    "annotate": {
        "zh": "为 Word 文档写出加了批注的副本，每个问题一条批注（原文件不变）。",
        "en": "Write reviewed copies of Word documents with each finding as a review comment (the originals are not changed).",
    },
    "show_config": {
        "zh": "显示 PATH（文件或文件夹，默认当前文件夹）实际使用的配置。",
        "en": "Print the effective configuration for PATH (a file or folder; default: here).",
    },
    "rules": {
        "zh": "列出所有规则（按编号排序，标出默认关闭的规则）。",
        "en": "List the rules (sorted by id; default-off rules marked).",
    },
    "explain": {
        "zh": "解释一条规则：编号、名称、前缀或读取错误代码（如 RL-IO-007）。",
        "en": "Explain a rule: an id, a dotted name, a prefix or a reading-error code (such as RL-IO-007).",
    },
    "format": {
        "zh": "输出格式：text（文本）、json、sarif、junit、github、gitlab、html（网页报告）、csv、xlsx（Excel）；"
        "默认按 -o 文件的扩展名（.xlsx、.html、.csv、.json、.sarif），否则为 text。",
        "en": "Output format: text, json, sarif, junit, github, gitlab, html page, csv, xlsx (Excel); "
        "default: as the -o file's extension says (.xlsx, .html, .csv, .json, .sarif), else text.",
    },
    "lang": {
        "zh": "提示语言（默认：配置文件的 lang，否则中文）。",
        "en": "Message language (default: the configuration's lang, else zh).",
    },
    "fail_on": {
        "zh": "达到此级别的问题使退出码为 1（默认 error）。",
        "en": "Lowest severity that makes the exit code 1 (default error).",
    },
    "edition": {"zh": "指定格式版本，不自动识别。", "en": "Force a format edition instead of detecting it."},
    "select": {
        "zh": "只检查这些规则（编号、编号前缀或名称前缀），可重复。",
        "en": "Only these rules (id, id prefix or dotted-name prefix); repeatable.",
    },
    "ignore": {
        "zh": "跳过这些规则（编号、编号前缀或名称前缀），可重复。",
        "en": "Skip these rules (id, id prefix or dotted-name prefix); repeatable.",
    },
    "jobs": {"zh": "并行进程数（默认：CPU 核数）。", "en": "Parallel processes (default: CPU count)."},
    "config": {"zh": "使用这个配置文件，不自动查找。", "en": "Use this configuration file instead of discovering one."},
    "rules_file": {
        "zh": "使用这个 YAML 规则文件代替内置规则。",
        "en": "Use this YAML rule set instead of the built-in ones.",
    },
    "previous": {
        "zh": "同一单位上一年度的报告，或上一年度报告所在的文件夹（按单位配对），用于跨年度检查。",
        "en": "The same body's report of the year before, or a folder of last year's reports (paired by body), for the year-to-year rules.",
    },
    "no_pairing": {
        "zh": "不自动配对同一批文件中同一单位相邻年度的报告。",
        "en": "Do not pair one body's consecutive years found in the same batch.",
    },
    "baseline": {
        "zh": "只报告基线文件中没有记录的问题。",
        "en": "Report only findings not recorded in this baseline file.",
    },
    "write_baseline": {
        "zh": "把当前的问题写入 --baseline 文件。",
        "en": "Record the current findings in the --baseline file.",
    },
    "prune_baseline": {
        "zh": "从 --baseline 文件中删除已不再出现的记录。",
        "en": "Remove entries no longer found from the --baseline file.",
    },
    "output": {
        "zh": "把报告写入这个文件；终端仍显示简要汇总。",
        "en": "Write the report to this file; a short summary still goes to the terminal.",
    },
    "progress": {
        "zh": "在终端显示进度（默认：终端中 20 个文件以上时显示）。",
        "en": "Progress on stderr (default: on a terminal, for 20+ files).",
    },
    "list_passed": {"zh": "在汇总中列出通过的文件。", "en": "List the files that passed in the summary."},
    "debug": {"zh": "显示内部错误的详细信息。", "en": "Show tracebacks of internal errors."},
    "show_positions": {
        "zh": "同时显示文档内部的位置编号（块、行、列），供排查问题使用。",
        "en": "Also show the document's internal position indexes (block, row, column), for troubleshooting.",
    },
    "annotate_output": {
        "zh": "批注副本的输出文件夹（只有一个输入时也可以是文件名）；默认在原文件旁写出「文件名.reviewed.docx」。",
        "en": "A folder for the reviewed copies (one input: also a file name); default NAME.reviewed.docx next to each input.",
    },
    "rules_edition": {"zh": "格式版本（默认列出全部版本）。", "en": "Format edition (default: every edition)."},
    "explain_edition": {"zh": "格式版本（默认最新版本）。", "en": "Format edition (default: the newest)."},
    "fix": {
        "zh": "同时把每个定位到的疑似填错单元格的更正以修订（跟踪更改）写入该单元格。",
        "en": "Also write each located wrong cell's correction into the cell as a tracked change.",
    },
    "serve": {
        "zh": "在浏览器中检查报告：本机上的网页和数据接口（需另行安装网页服务组件）。",
        "en": "Check reports in a browser: a page and a JSON API on this machine (extra: reportlint[serve]).",
    },
    "serve_host": {
        "zh": "监听的地址；本机以外的地址（如 0.0.0.0）须同时设置 --token。",
        "en": "Address to listen on; anything but this machine (e.g. 0.0.0.0) needs --token.",
    },
    "serve_port": {"zh": "监听的端口。", "en": "Port to listen on."},
    "serve_open": {"zh": "在默认浏览器中打开页面。", "en": "Open the page in the default browser."},
    "serve_token": {
        "zh": "网页和接口要求的访问令牌（也可用环境变量设置）。",
        "en": "Access token the page and the API ask for (or REPORTLINT_TOKEN).",
    },
    "serve_max_files": {
        "zh": "一次上传的报告数（含 .zip 展开后的文件）。",
        "en": "Reports in one upload (after expanding .zip files).",
    },
    "serve_max_request_mb": {"zh": "一次上传的大小上限（兆字节）。", "en": "Size of one upload (MB)."},
    "serve_max_requests": {
        "zh": "同时检查的上传数；超出的请稍后重试。",
        "en": "Uploads checked at once; more are asked to retry.",
    },
    "serve_max_per_client": {"zh": "其中来自同一地址的上传数。", "en": "Of those, uploads from one client address."},
    "serve_read_timeout": {
        "zh": "请求头须在此秒数内收完；上传内容中途停顿不得超过此秒数。",
        "en": "Seconds to receive a request's headers, and the longest pause in its body.",
    },
    "serve_min_upload_kb": {
        "zh": "超过 --read-timeout 秒后，上传的平均速度不得低于此值（千字节/秒）。",
        "en": "Average upload speed (KB/s) required once --read-timeout seconds have passed.",
    },
    "metavar_rule": {"zh": "规则", "en": "RULE"},
    "metavar_file": {"zh": "文件", "en": "FILE"},
    "metavar_out": {"zh": "文件夹或文件", "en": "DIR|FILE"},
    "metavar_paths": {"zh": "文件或文件夹...", "en": "PATHS..."},
    "metavar_year": {"zh": "年度", "en": "YEAR"},
    "export": {
        "zh": "导出每份报告表2至表4的全部数据（每份报告一行，按全国格式的栏目），以及同比变化、各规则通过率和单位问题排行，供评估使用。",
        "en": "Export every report's tables 2-4 (one row per report, the national labels as headers), the year-on-year changes, pass rates per rule and bodies by findings, for evaluators.",
    },
    "rollup": {
        "zh": "把下级单位报告的表2至表4逐格相加，按全国格式写出汇总表（xlsx），并与本级报告的表3、表4核对。",
        "en": "Sum the children's tables 2-4 cell by cell into the national layout (xlsx), and compare the parent's own tables 3 and 4 with the sum.",
    },
    "rollup_output": {"zh": "输出文件（.xlsx）。", "en": "The output file (.xlsx)."},
    "rollup_parent": {
        "zh": "汇总哪个单位的下级（名册中的名称；默认为名册中没有上级的单位）。",
        "en": "Whose children to sum (a roster name; default: the roster's body without a parent).",
    },
    "metavar_body": {"zh": "单位", "en": "BODY"},
    "only_failed": {
        "zh": "只为未通过的文件写入副本和审核意见单。",
        "en": "Write copies and review sheets only for the files that did not pass.",
    },
    "sheet": {
        "zh": "为 .docx 文件也写入审核意见单（NAME.审核意见.docx）；其他格式的文件总会写入。",
        "en": "Write a review sheet (NAME.审核意见.docx) for .docx files too; other files always get one.",
    },
    "export_output": {"zh": "输出文件：.xlsx、.csv 或 .json。", "en": "The output file: .xlsx, .csv or .json."},
    "roster": {
        "zh": "应报送单位名册（YAML、csv 或 xlsx），生成报送情况表。",
        "en": "The roster of bodies expected to report (YAML, CSV or xlsx): the coverage table.",
    },
    "year": {
        "zh": "本批报告应属的年度（默认取最多的年度）。",
        "en": "The report year expected of this batch (default: the most common one).",
    },
    "need_baseline": {
        "zh": "--write-baseline 和 --prune-baseline 需要同时给出 --baseline 文件",
        "en": "--write-baseline and --prune-baseline need --baseline FILE",
    },
    "format_conflict": {
        "zh": "--format {fmt} 与输出文件 {path} 的扩展名（{implied} 格式）不一致，请去掉 --format 或改用相符的扩展名",
        "en": "--format {fmt} contradicts the output file {path} (a {implied} file): drop --format or change the extension",
    },
    "binary": {
        "zh": "--format {fmt} 生成的是二进制文件，请用 -o 指定输出文件",
        "en": "--format {fmt} writes a binary file: give --output FILE",
    },
}
TEXT.update({f"help.{k}": v for k, v in HELP.items()})


def display_width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def t(key: str, lang: str, **params: object) -> str:
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**params)
