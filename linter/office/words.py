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
}


def say(key: str, lang: str, **params: object) -> str:
    entry = WORDS[key]
    return entry.get(lang, entry["en"]).format(**params)
