"""Words the checks put into rule messages (the rule messages themselves are in the rule files)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "words.table": {"zh": "表{n}", "en": "table {n}"},
    "words.a_table": {"zh": "表格", "en": "a table"},
    # the places besides the statistics period that state a report's year (RL-META-001)
    "words.year_source.page": {"zh": "网页标题", "en": "the page's title"},
    "words.year_source.file": {"zh": "文件名", "en": "the file name"},
    # what a table cell should hold (RL-T2 and the other value rules)
    "words.kind.count": {"zh": "非负整数", "en": "a non-negative integer"},
    "words.kind.signed": {"zh": "整数（可写作「增N」「减N」）", "en": "an integer (「增N」 / 「减N」 accepted)"},
    "words.kind.amount": {"zh": "非负金额", "en": "a non-negative amount"},
    "words.kind.amount_wan": {"zh": "以万元为单位的非负金额", "en": "a non-negative amount in 「万元」"},
    # a table's blank cells
    "words.blank.whole": {"zh": "全表均为空白", "en": "the whole table"},
    "words.blank.columns": {"zh": "{names}列", "en": "columns {names}"},
    "words.blank.row": {"zh": "行「{label}」的{cols}", "en": "row 「{label}」: {cols}"},
    "words.blank.all": {"zh": "{cells}", "en": "{cells}"},
    "words.blank.more": {"zh": "{cells}等", "en": "{cells} and more"},
    "words.blank.unplaced": {
        "zh": "行「{row}」只有{figures}个数字（「{text}」），少于该行的{cells}个单元格",
        "en": "row 「{row}」 has {figures} figure(s) (「{text}」) for its {cells} cells",
    },
}
