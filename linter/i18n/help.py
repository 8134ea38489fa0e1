"""The command line's help texts."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help.main": {
        "zh": "reportlint：政府信息公开工作年度报告合规检查。\n\n常用：reportlint check 文件夹（检查）；reportlint check 文件夹 --format xlsx -o 结果.xlsx（Excel 汇总表）；reportlint annotate 文件夹 -o 退回/（给 Word 文档加批注）。",
        "en": "reportlint: compliance linter for annual government information disclosure reports.\n\nCommon: reportlint check FOLDER; reportlint check FOLDER --format xlsx -o results.xlsx (Excel table); reportlint annotate FOLDER -o returned/ (Word copies with review comments).",
    },
    "help.usage": {"zh": "用法：", "en": "Usage: "},
    "help.heading": {"zh": "{heading}：", "en": "{heading}:"},
    "help.options": {"zh": "选项", "en": "Options"},
    "help.commands": {"zh": "命令", "en": "Commands"},
    "help.help": {"zh": "显示本帮助并退出。", "en": "Show this message and exit."},
    "help.version": {"zh": "显示版本并退出。", "en": "Show the version and exit."},
    "help.check": {
        "zh": "检查年度报告（文件、文件夹或通配符），列出带位置的问题。",
        "en": "Check annual reports (files, folders, globs) and print located findings.",
    },
    "help.annotate": {
        "zh": "为 Word 文档写出加了批注的副本，每个问题一条批注（原文件不变）。",
        "en": "Write reviewed copies of Word documents with each finding as a review comment (the originals are not changed).",
    },
    "help.show_config": {
        "zh": "显示 PATH（文件或文件夹，默认当前文件夹）实际使用的配置。",
        "en": "Print the effective configuration for PATH (a file or folder; default: here).",
    },
    "help.rules": {
        "zh": "列出所有规则（按编号排序，标出默认关闭的规则）。",
        "en": "List the rules (sorted by id; default-off rules marked).",
    },
    "help.explain": {
        "zh": "解释一条规则：编号、名称、前缀或读取错误代码（如 RL-IO-007）。",
        "en": "Explain a rule: an id, a dotted name, a prefix or a reading-error code (such as RL-IO-007).",
    },
    "help.format": {
        "zh": "输出格式：text（文本）、json、sarif、junit、github、gitlab、html（网页报告）、csv、xlsx（Excel）；默认按 -o 文件的扩展名（.xlsx、.html、.csv、.json、.sarif），否则为 text。",
        "en": "Output format: text, json, sarif, junit, github, gitlab, html page, csv, xlsx (Excel); default: as the -o file's extension says (.xlsx, .html, .csv, .json, .sarif), else text.",
    },
    "help.lang": {
        "zh": "提示语言（默认：配置文件的 lang，否则中文）。",
        "en": "Message language (default: the configuration's lang, else zh).",
    },
    "help.fail_on": {
        "zh": "达到此级别的问题使退出码为 1（默认 error）。",
        "en": "Lowest severity that makes the exit code 1 (default error).",
    },
    "help.edition": {"zh": "指定格式版本，不自动识别。", "en": "Force a format edition instead of detecting it."},
    "help.select": {
        "zh": "只检查这些规则（编号、编号前缀或名称前缀），可重复。",
        "en": "Only these rules (id, id prefix or dotted-name prefix); repeatable.",
    },
    "help.ignore": {
        "zh": "跳过这些规则（编号、编号前缀或名称前缀），可重复。",
        "en": "Skip these rules (id, id prefix or dotted-name prefix); repeatable.",
    },
    "help.jobs": {"zh": "并行进程数（默认：CPU 核数）。", "en": "Parallel processes (default: CPU count)."},
    "help.config": {
        "zh": "使用这个配置文件，不自动查找。",
        "en": "Use this configuration file instead of discovering one.",
    },
    "help.rules_file": {
        "zh": "使用这个 YAML 规则文件代替内置规则。",
        "en": "Use this YAML rule set instead of the built-in ones.",
    },
    "help.previous": {
        "zh": "同一单位上一年度的报告，或上一年度报告所在的文件夹（按单位配对），用于跨年度检查。",
        "en": "The same body's report of the year before, or a folder of last year's reports (paired by body), for the year-to-year rules.",
    },
    "help.no_pairing": {
        "zh": "不自动配对同一批文件中同一单位相邻年度的报告。",
        "en": "Do not pair one body's consecutive years found in the same batch.",
    },
    "help.baseline": {
        "zh": "只报告基线文件中没有记录的问题。",
        "en": "Report only findings not recorded in this baseline file.",
    },
    "help.write_baseline": {
        "zh": "把当前的问题写入 --baseline 文件。",
        "en": "Record the current findings in the --baseline file.",
    },
    "help.prune_baseline": {
        "zh": "从 --baseline 文件中删除已不再出现的记录。",
        "en": "Remove entries no longer found from the --baseline file.",
    },
    "help.output": {
        "zh": "把报告写入这个文件；终端仍显示简要汇总。",
        "en": "Write the report to this file; a short summary still goes to the terminal.",
    },
    "help.progress": {
        "zh": "在终端显示进度（默认：终端中 20 个文件以上时显示）。",
        "en": "Progress on stderr (default: on a terminal, for 20+ files).",
    },
    "help.list_passed": {"zh": "在汇总中列出通过的文件。", "en": "List the files that passed in the summary."},
    "help.debug": {"zh": "显示内部错误的详细信息。", "en": "Show tracebacks of internal errors."},
    "help.show_positions": {
        "zh": "同时显示文档内部的位置编号（块、行、列），供排查问题使用。",
        "en": "Also show the document's internal position indexes (block, row, column), for troubleshooting.",
    },
    "help.annotate_output": {
        "zh": "批注副本的输出文件夹（只有一个输入时也可以是文件名）；默认在原文件旁写出「文件名.reviewed.docx」。",
        "en": "A folder for the reviewed copies (one input: also a file name); default NAME.reviewed.docx next to each input.",
    },
    "help.rules_edition": {"zh": "格式版本（默认列出全部版本）。", "en": "Format edition (default: every edition)."},
    "help.explain_edition": {"zh": "格式版本（默认最新版本）。", "en": "Format edition (default: the newest)."},
    "help.fix": {
        "zh": "同时把每个定位到的疑似填错单元格的更正以修订（跟踪更改）写入该单元格。",
        "en": "Also write each located wrong cell's correction into the cell as a tracked change.",
    },
    "help.serve": {
        "zh": "在浏览器中检查报告：本机上的网页和数据接口（需另行安装网页服务组件）。",
        "en": "Check reports in a browser: a page and a JSON API on this machine (extra: reportlint[serve]).",
    },
    "help.serve_host": {
        "zh": "监听的地址；本机以外的地址（如 0.0.0.0）须同时设置 --token。",
        "en": "Address to listen on; anything but this machine (e.g. 0.0.0.0) needs --token.",
    },
    "help.serve_port": {"zh": "监听的端口。", "en": "Port to listen on."},
    "help.serve_open": {"zh": "在默认浏览器中打开页面。", "en": "Open the page in the default browser."},
    "help.serve_token": {
        "zh": "网页和接口要求的访问令牌（也可用环境变量设置）。",
        "en": "Access token the page and the API ask for (or REPORTLINT_TOKEN).",
    },
    "help.serve_max_files": {
        "zh": "一次上传的报告数（含 .zip 展开后的文件）。",
        "en": "Reports in one upload (after expanding .zip files).",
    },
    "help.serve_max_request_mb": {"zh": "一次上传的大小上限（兆字节）。", "en": "Size of one upload (MB)."},
    "help.serve_max_requests": {
        "zh": "同时检查的上传数；超出的请稍后重试。",
        "en": "Uploads checked at once; more are asked to retry.",
    },
    "help.serve_max_per_client": {
        "zh": "其中来自同一地址的上传数。",
        "en": "Of those, uploads from one client address.",
    },
    "help.serve_read_timeout": {
        "zh": "请求头须在此秒数内收完；上传内容中途停顿不得超过此秒数。",
        "en": "Seconds to receive a request's headers, and the longest pause in its body.",
    },
    "help.serve_min_upload_kb": {
        "zh": "超过 --read-timeout 秒后，上传的平均速度不得低于此值（千字节/秒）。",
        "en": "Average upload speed (KB/s) required once --read-timeout seconds have passed.",
    },
    "help.metavar_rule": {"zh": "规则", "en": "RULE"},
    "help.metavar_file": {"zh": "文件", "en": "FILE"},
    "help.metavar_out": {"zh": "文件夹或文件", "en": "DIR|FILE"},
    "help.metavar_paths": {"zh": "文件或文件夹...", "en": "PATHS..."},
    "help.metavar_year": {"zh": "年度", "en": "YEAR"},
    "help.export": {
        "zh": "导出每份报告表2至表4的全部数据（每份报告一行，按全国格式的栏目），以及同比变化、各规则通过率和单位问题排行，供评估使用。",
        "en": "Export every report's tables 2-4 (one row per report, the national labels as headers), the year-on-year changes, pass rates per rule and bodies by findings, for evaluators.",
    },
    "help.rollup": {
        "zh": "把下级单位报告的表2至表4逐格相加，按全国格式写出汇总表（xlsx），并与本级报告的表3、表4核对。",
        "en": "Sum the children's tables 2-4 cell by cell into the national layout (xlsx), and compare the parent's own tables 3 and 4 with the sum.",
    },
    "help.rollup_output": {"zh": "输出文件（.xlsx）。", "en": "The output file (.xlsx)."},
    "help.rollup_parent": {
        "zh": "汇总哪个单位的下级（名册中的名称；默认为名册中没有上级的单位）。",
        "en": "Whose children to sum (a roster name; default: the roster's body without a parent).",
    },
    "help.metavar_body": {"zh": "单位", "en": "BODY"},
    "help.only_failed": {
        "zh": "只为未通过的文件写入副本和审核意见单。",
        "en": "Write copies and review sheets only for the files that did not pass.",
    },
    "help.sheet": {
        "zh": "为 .docx 文件也写入审核意见单（NAME.审核意见.docx）；其他格式的文件总会写入。",
        "en": "Write a review sheet (NAME.审核意见.docx) for .docx files too; other files always get one.",
    },
    "help.export_output": {"zh": "输出文件：.xlsx、.csv 或 .json。", "en": "The output file: .xlsx, .csv or .json."},
    "help.roster": {
        "zh": "应报送单位名册（YAML、csv 或 xlsx），生成报送情况表。",
        "en": "The roster of bodies expected to report (YAML, CSV or xlsx): the coverage table.",
    },
    "help.year": {
        "zh": "本批报告应属的年度（默认取最多的年度）。",
        "en": "The report year expected of this batch (default: the most common one).",
    },
    "help.need_baseline": {
        "zh": "--write-baseline 和 --prune-baseline 需要同时给出 --baseline 文件",
        "en": "--write-baseline and --prune-baseline need --baseline FILE",
    },
    "help.format_conflict": {
        "zh": "--format {fmt} 与输出文件 {path} 的扩展名（{implied} 格式）不一致，请去掉 --format 或改用相符的扩展名",
        "en": "--format {fmt} contradicts the output file {path} (a {implied} file): drop --format or change the extension",
    },
    "help.binary": {
        "zh": "--format {fmt} 生成的是二进制文件，请用 -o 指定输出文件",
        "en": "--format {fmt} writes a binary file: give --output FILE",
    },
}
