"""The office's messages: pairing decisions, the coverage table 报送情况, the export's headers."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ---- pairing decisions --------------------------------------------------------------------
    "pairing.title": {"zh": "跨年度配对：", "en": "Year-to-year pairing:"},
    "pairing.paired": {
        "zh": "{path}：已与上一年度报告 {previous}（{previous_body}{previous_year}年度）配对",
        "en": "{path}: paired with last year's report {previous} ({previous_body}, {previous_year})",
    },
    "pairing.copies": {
        "zh": "（{others} 是同一报告的另一份文件）",
        "en": " ({others}: another file of the same report)",
    },
    "pairing.missing": {
        "zh": "{path}：未配对，没有{body}{previous_year}年度的报告",
        "en": "{path}: not paired: no {previous_year} report of {body}",
    },
    "pairing.missing_all": {
        "zh": "未配对（没有同一单位上一年度的报告）{n} 个：{paths}",
        "en": "not paired (no report of the same body's year before), {n}: {paths}",
    },
    "pairing.ambiguous": {
        "zh": "{path}：未配对，{body}{previous_year}年度有 {n} 份数据不同的报告（{others}），无法确定用哪一份",
        "en": "{path}: not paired: {n} {previous_year} reports of {body} with different figures ({others}); which one is last year's is unclear",
    },
    "pairing.unknown_body": {
        "zh": "{path}：未配对，找不到报告单位名称（标题不符合「单位+年度+报告」的格式）",
        "en": "{path}: not paired: the report names no body (no title of the form body + year + report)",
    },
    "pairing.other_body": {
        "zh": "{path} 是{body}的报告，但 --previous 指定的 {previous} 是{previous_body}的报告，不是同一单位，已拒绝，未做跨年度检查",
        "en": "{path} is the report of {body} but --previous {previous} is the report of {previous_body}, another body: refused; the year-to-year rules did not run",
    },
    "pairing.wrong_year": {
        "zh": "{path} 是 {year} 年度报告，但 --previous 指定的 {previous} 是 {previous_year} 年度报告（应为 {year} 的上一年度），未做跨年度检查",
        "en": "{path} is the {year} report but --previous {previous} is the {previous_year} report (not the year before); the year-to-year rules did not run",
    },
    "previous_unreadable": {
        "zh": "{path}：上一年度报告无法读取，已跳过（{code} {message}）",
        "en": "{path}: last year's report could not be read, skipped ({code} {message})",
    },
    "previous_empty": {"zh": "{path}：文件夹中没有上一年度的报告", "en": "{path}: the folder holds no report"},
    "unknown": {"zh": "（未知单位）", "en": "(unknown body)"},
    # ---- 报送情况 --------------------------------------------------------------------------------
    "coverage.title": {"zh": "报送情况", "en": "Coverage"},
    "coverage.head": {"zh": "报送情况（{year} 年度{source}）：", "en": "Coverage ({year}{source}):"},
    "coverage.head_roster": {"zh": "，名册 {roster}", "en": ", roster {roster}"},
    "coverage.counts": {
        "zh": "应报 {bodies} 个单位，已报送 {submitted} 个，未报送 {missing} 个，重复报送 {duplicate} 个，年度不符 {wrong_year} 个，名册外 {unknown} 个",
        "en": "{bodies} bodies expected: {submitted} sent, {missing} missing, {duplicate} duplicate, {wrong_year} wrong year, {unknown} not in the roster",
    },
    "coverage.counts_free": {
        "zh": "{bodies} 个单位，重复报送 {duplicate} 个，年度不符 {wrong_year} 个",
        "en": "{bodies} bodies: {duplicate} duplicate, {wrong_year} wrong year",
    },
    "status.submitted": {"zh": "已报送", "en": "sent"},
    "status.missing": {"zh": "未报送", "en": "missing"},
    "status.duplicate": {"zh": "重复报送", "en": "duplicate"},
    "status.wrong_year": {"zh": "年度不符", "en": "wrong year"},
    "status.unknown": {"zh": "名册外", "en": "not in the roster"},
    "coverage.file": {"zh": "{path}（{year}年度，{verdict}）", "en": "{path} ({year}, {verdict})"},
    "coverage.unknown": {"zh": "{path}（{body}{closest}）", "en": "{path} ({body}{closest})"},
    "coverage.closest": {"zh": "，最接近：{name}", "en": "; closest: {name}"},
    "coverage.no_year": {"zh": "年度不明", "en": "year unknown"},
    "col.body": {"zh": "单位", "en": "body"},
    "col.kind": {"zh": "类型", "en": "kind"},
    "col.parent": {"zh": "上级单位", "en": "parent"},
    "col.status": {"zh": "报送情况", "en": "status"},
    "col.files": {"zh": "文件", "en": "files"},
    "col.verdicts": {"zh": "审核结果", "en": "verdicts"},
    "col.years": {"zh": "报告年度", "en": "report years"},
    "col.closest": {"zh": "名册中最接近的名称", "en": "closest roster name"},
    # ---- the 汇总 sheet ----------------------------------------------------------------------------
    "sum.title": {"zh": "汇总", "en": "summary"},
    "sum.verdict": {"zh": "状态", "en": "status"},
    "sum.files": {"zh": "文件数", "en": "files"},
    "sum.total": {"zh": "合计", "en": "total"},
    "sum.rule": {"zh": "规则", "en": "rule"},
    "sum.rule_title": {"zh": "规则名称", "en": "what it checks"},
    "sum.severity": {"zh": "级别", "en": "severity"},
    "sum.findings": {"zh": "问题数", "en": "findings"},
    "sum.folder": {"zh": "文件夹", "en": "folder"},
    # ---- the review sheet --------------------------------------------------------------------------
    "sheet.title": {"zh": "政府信息公开工作年度报告审核意见单", "en": "Annual report review sheet"},
    "sheet.body": {"zh": "报送单位", "en": "Body"},
    "sheet.file": {"zh": "文件", "en": "File"},
    "sheet.year": {"zh": "报告年度", "en": "Report year"},
    "sheet.verdict": {"zh": "审核结果", "en": "Verdict"},
    "sheet.date": {"zh": "审核日期", "en": "Date"},
    "sheet.day": {"zh": "{y}年{m}月{d}日", "en": "{y}-{m:02d}-{d:02d}"},
    "sheet.unknown_body": {"zh": "（未能识别）", "en": "(not recognised)"},
    "sheet.findings": {"zh": "审核意见", "en": "Findings"},
    "sheet.none": {"zh": "未发现问题。", "en": "No findings."},
    "sheet.unreadable": {
        "zh": "文件无法读取（{code}）：{message}",
        "en": "The file could not be read ({code}): {message}",
    },
    "sheet.n": {"zh": "序号", "en": "No."},
    "sheet.where": {"zh": "位置", "en": "Where"},
    "sheet.severity": {"zh": "级别", "en": "Severity"},
    "sheet.problem": {"zh": "问题", "en": "Problem"},
    "sheet.fix": {"zh": "更正", "en": "Correction"},
    "sheet.whole": {"zh": "全文", "en": "whole document"},
    "sheet.reviewer": {
        "zh": "审核人：＿＿＿＿＿＿＿＿　　复核人：＿＿＿＿＿＿＿＿",
        "en": "Reviewer: ____________    Checked by: ____________",
    },
    "sheet.written": {"zh": "已写入审核意见单 {path}：{n} 条意见", "en": "wrote the review sheet {path}: {n} item(s)"},
    "sheet.skipped_passed": {
        "zh": "{path}：通过，未写入副本（--only-failed）",
        "en": "{path}: passed, no copy written (--only-failed)",
    },
    # ---- rollup ---------------------------------------------------------------------------------
    "rollup.row": {"zh": "项目", "en": "row"},
    "rollup.notes": {"zh": "说明与核对", "en": "notes and checks"},
    "rollup.parent": {"zh": "汇总单位", "en": "parent body"},
    "rollup.all": {"zh": "（所给的全部报告）", "en": "(every report given)"},
    "rollup.year": {"zh": "报告年度", "en": "report year"},
    "rollup.summed": {"zh": "已汇总的报告（{n} 份）", "en": "reports summed ({n})"},
    "rollup.missing": {
        "zh": "缺少报告的下级单位（{n} 个，合计不完整）",
        "en": "children without a report ({n}: the sum is incomplete)",
    },
    "rollup.skipped": {"zh": "未计入的文件（{n} 个）", "en": "files left out ({n})"},
    "rollup.own": {"zh": "本级报告", "en": "the parent's own report"},
    "rollup.cell": {"zh": "单元格", "en": "cell"},
    "rollup.own_value": {"zh": "本级报告数值", "en": "parent's figure"},
    "rollup.sum": {"zh": "下级之和", "en": "children's sum"},
    "rollup.difference": {"zh": "差额", "en": "difference"},
    "rollup.written": {
        "zh": "已写入 {path}：汇总了 {n} 份报告；缺少 {missing} 个下级单位的报告；本级报告与下级之和不一致的单元格 {diff} 个",
        "en": "wrote {path}: {n} report(s) summed; {missing} child(ren) without a report; {diff} cell(s) of the parent's own report differ from the sum",
    },
    "rollup.no_parent": {"zh": "{name}：名册中没有这个单位", "en": "{name}: no such body in the roster"},
    # ---- export ---------------------------------------------------------------------------------
    "export.file": {"zh": "文件", "en": "file"},
    "export.body": {"zh": "报告单位", "en": "body"},
    "export.kind": {"zh": "类型", "en": "kind"},
    "export.parent": {"zh": "上级单位", "en": "parent"},
    "export.year": {"zh": "报告年度", "en": "report year"},
    "export.edition": {"zh": "格式版本", "en": "edition"},
    "export.verdict": {"zh": "审核结果", "en": "verdict"},
    "export.errors": {"zh": "错误", "en": "errors"},
    "export.warnings": {"zh": "警告", "en": "warnings"},
    "export.infos": {"zh": "提示", "en": "infos"},
    "export.code": {"zh": "代码", "en": "code"},
    "export.reason": {"zh": "原因", "en": "reason"},
    "export.previous_file": {"zh": "上一年度文件", "en": "previous year's file"},
    "export.rule": {"zh": "规则", "en": "rule"},
    "export.title": {"zh": "检查内容", "en": "what it checks"},
    "export.severity": {"zh": "级别", "en": "severity"},
    "export.checked": {"zh": "已读取的文件", "en": "files read"},
    "export.with_findings": {"zh": "有此问题的文件", "en": "files with a finding"},
    "export.pass_rate": {"zh": "通过率", "en": "pass rate"},
    "export.files": {"zh": "文件", "en": "files"},
    "export.sheet_reports": {"zh": "报告数据", "en": "reports"},
    "export.sheet_changes": {"zh": "同比变化", "en": "year on year"},
    "export.sheet_rules": {"zh": "规则通过率", "en": "pass rates"},
    "export.sheet_bodies": {"zh": "单位问题排行", "en": "bodies by findings"},
    "export.sheet_unread": {"zh": "未读取的文件", "en": "files not read"},
    "export.written": {
        "zh": "已写入 {path}：{reports} 份报告，{unread} 个文件未读取",
        "en": "wrote {path}: {reports} report(s), {unread} file(s) not read",
    },
    "export.bad_suffix": {
        "zh": "{path}：导出文件应以 .xlsx、.csv 或 .json 结尾",
        "en": "{path}: the export is written as .xlsx, .csv or .json",
    },
}


def say(key: str, lang: str, **params: object) -> str:
    entry = WORDS[key]
    return entry.get(lang, entry["en"]).format(**params)
