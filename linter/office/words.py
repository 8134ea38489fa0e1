"""The office's messages: pairing decisions, the coverage table 报送情况, the export's headers."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ---- pairing decisions --------------------------------------------------------------------
    "pairing.title": {"zh": "跨年度配对：", "en": "Year-to-year pairing:"},
    "pairing.paired": {"zh": "{path}：已与上一年度报告 {previous}（{previous_body}{previous_year}年度）配对",
                       "en": "{path}: paired with last year's report {previous} ({previous_body}, {previous_year})"},
    "pairing.copies": {"zh": "（{others} 是同一报告的另一份文件）", "en": " ({others}: another file of the same report)"},
    "pairing.missing": {"zh": "{path}：未配对，没有{body}{previous_year}年度的报告",
                        "en": "{path}: not paired: no {previous_year} report of {body}"},
    "pairing.missing_all": {"zh": "未配对（没有同一单位上一年度的报告）{n} 个：{paths}",
                            "en": "not paired (no report of the same body's year before), {n}: {paths}"},
    "pairing.ambiguous": {"zh": "{path}：未配对，{body}{previous_year}年度有 {n} 份数据不同的报告（{others}），无法确定用哪一份",
                          "en": "{path}: not paired: {n} {previous_year} reports of {body} with different figures ({others}); which one is last year's is unclear"},
    "pairing.unknown_body": {"zh": "{path}：未配对，找不到报告单位名称（标题不符合「单位+年度+报告」的格式）",
                             "en": "{path}: not paired: the report names no body (no title of the form body + year + report)"},
    "pairing.other_body": {
        "zh": "{path} 是{body}的报告，但 --previous 指定的 {previous} 是{previous_body}的报告，不是同一单位，已拒绝，未做跨年度检查",
        "en": "{path} is the report of {body} but --previous {previous} is the report of {previous_body}, another body: refused; the year-to-year rules did not run"},
    "pairing.wrong_year": {
        "zh": "{path} 是 {year} 年度报告，但 --previous 指定的 {previous} 是 {previous_year} 年度报告（应为 {year} 的上一年度），未做跨年度检查",
        "en": "{path} is the {year} report but --previous {previous} is the {previous_year} report (not the year before); the year-to-year rules did not run"},
    "previous_unreadable": {"zh": "{path}：上一年度报告无法读取，已跳过（{code} {message}）",
                            "en": "{path}: last year's report could not be read, skipped ({code} {message})"},
    "previous_empty": {"zh": "{path}：文件夹中没有上一年度的报告", "en": "{path}: the folder holds no report"},
    "unknown": {"zh": "（未知单位）", "en": "(unknown body)"},
    # ---- 报送情况 --------------------------------------------------------------------------------
    "coverage.title": {"zh": "报送情况", "en": "Coverage"},
    "coverage.head": {"zh": "报送情况（{year} 年度{source}）：", "en": "Coverage ({year}{source}):"},
    "coverage.head_roster": {"zh": "，名册 {roster}", "en": ", roster {roster}"},
    "coverage.counts": {
        "zh": "应报 {bodies} 个单位，已报送 {submitted} 个，未报送 {missing} 个，重复报送 {duplicate} 个，年度不符 {wrong_year} 个，名册外 {unknown} 个",
        "en": "{bodies} bodies expected: {submitted} sent, {missing} missing, {duplicate} duplicate, {wrong_year} wrong year, {unknown} not in the roster"},
    "coverage.counts_free": {"zh": "{bodies} 个单位，重复报送 {duplicate} 个，年度不符 {wrong_year} 个",
                             "en": "{bodies} bodies: {duplicate} duplicate, {wrong_year} wrong year"},
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
}


def say(key: str, lang: str, **params: object) -> str:
    entry = WORDS[key]
    return entry.get(lang, entry["en"]).format(**params)
