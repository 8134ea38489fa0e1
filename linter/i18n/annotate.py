"""The Word comments' and the review sheets' words."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "annotate.head": {"zh": "{rule}（{severity}）", "en": "{rule} ({severity})"},
    # the terminal's line per file
    "annotate.line.error": {"zh": "{path}：{code} {message}", "en": "{path}: {code} {message}"},
    "annotate.line.skipped": {"zh": "{path}：已跳过（{reason}）", "en": "{path}: skipped ({reason})"},
    "annotate.line.unreadable": {
        "zh": "{path}：未写入批注副本：文件无法读取",
        "en": "{path}: no annotated copy written: the file could not be read",
    },
    "annotate.line.written": {"zh": "已写入 {path}：{n} 条批注", "en": "wrote {path}: {n} comment(s)"},
    "annotate.line.nearest": {"zh": "（其中 {n} 条附在最近的位置）", "en": " ({n} anchored at the nearest place)"},
    "annotate.line.removed": {"zh": "，替换了 {n} 条旧批注", "en": ", replacing {n} earlier one(s)"},
    "annotate.line.unplaced": {
        "zh": "；{n} 条问题找不到可批注的段落，未加批注",
        "en": "; {n} finding(s) without any paragraph to anchor on were not annotated",
    },
    "annotate.line.fixed": {"zh": "；{n} 处更正以修订方式写入", "en": "; {n} correction(s) written as tracked changes"},
    "annotate.error": {"zh": "错误", "en": "error"},
    "annotate.warning": {"zh": "警告", "en": "warning"},
    "annotate.info": {"zh": "提示", "en": "info"},
    "annotate.sep_comma": {"zh": "，", "en": ", "},
    "annotate.blank": {"zh": "空白", "en": "blank"},
    "annotate.basis": {"zh": "依据：", "en": "Basis: "},
    "annotate.where": {"zh": "位置：", "en": "Location: "},
    "annotate.related": {"zh": "相关：", "en": "Related: "},
    "annotate.more": {"zh": "等 {n} 处", "en": "and {n} more"},
    "annotate.sep": {"zh": "；", "en": "; "},
    "annotate.nearest": {
        "zh": "（该问题在文档中没有对应的段落或单元格，批注附在最近的位置：{where}）",
        "en": "(This finding has no paragraph or cell of its own in the document; the comment is anchored at the nearest place: {where}.)",
    },
    "annotate.moved": {
        "zh": "（该问题所在的单元格或段落位于内容控件中，批注放在那里时 LibreOffice 打开会丢失其文字，因此批注附在最近的位置：{where}）",
        "en": "(The cell or paragraph of this finding is inside a content control, where LibreOffice loses the text a comment is anchored on; the comment is anchored at the nearest place: {where}.)",
    },
    "annotate.table_first": {"zh": "表{n}的第一个单元格", "en": "the first cell of table {n}"},
    "annotate.title": {"zh": "标题「{text}」", "en": "the title “{text}”"},
    "annotate.heading": {"zh": "「{text}」", "en": "“{text}”"},
    "annotate.para": {"zh": "段落「{text}」", "en": "the paragraph “{text}”"},
    "annotate.a_table": {"zh": "表格的第一个单元格", "en": "the table's first cell"},
    "annotate.cell": {"zh": "单元格「{text}」", "en": "the cell “{text}”"},
    "annotate.RL-ANN-001": {
        "zh": "输出文件不能是被检查的原文件（原文件不会被修改）：{detail}",
        "en": "the output must not be the checked file (the original is never modified): {detail}",
    },
    "annotate.RL-ANN-002": {
        "zh": "只能给 Word 文档（.docx）加批注；该文件是 {detail}",
        "en": "only Word documents (.docx) can be annotated; this file is {detail}",
    },
    "annotate.RL-ANN-003": {
        "zh": "无法安全地修改该文档的 XML：{detail}",
        "en": "cannot edit this document's XML safely: {detail}",
    },
    "annotate.RL-ANN-004": {"zh": "无法写入输出文件：{detail}", "en": "cannot write the output file: {detail}"},
    "annotate.format-doc": {
        "zh": "Word 97-2003 / WPS 二进制文档（.doc/.wps）：批注副本需要 .docx，请在 Word/WPS 中另存为 .docx 后再生成",
        "en": "a Word 97-2003 / WPS binary document (.doc/.wps): annotated copies need .docx; save it as .docx in Word/WPS first",
    },
}
