"""The configuration's words: its mistakes, one per line with the file, the JSON path and the line."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "config.problem": {"zh": "{file}：{path}：{text}{line}", "en": "{file}: {path}: {text}{line}"},
    "config.line": {"zh": "（第 {line} 行）", "en": " (line {line})"},
    "config.unknown_setting": {"zh": "没有「{key}」这一设置项{hint}", "en": "unknown setting {key!r}{hint}"},
    "config.not_one_of": {
        "zh": "「{value}」不是可用的值（可用：{allowed}）{hint}",
        "en": "{value!r} is not one of {allowed}{hint}",
    },
    "config.wrong_type": {"zh": "应为{kind}，实为「{value}」", "en": "must be {kind}, not {value!r}"},
    "config.type.array": {"zh": "列表", "en": "a list"},
    "config.type.object": {"zh": "映射", "en": "a mapping"},
    "config.type.string": {"zh": "文字", "en": "text"},
    "config.type.integer": {"zh": "整数", "en": "a whole number"},
    "config.type.number": {"zh": "数字", "en": "a number"},
    "config.type.boolean": {"zh": "true 或 false", "en": "true or false"},
    "config.minimum": {"zh": "{value} 不能小于 {limit}", "en": "{value} must be at least {limit}"},
    "config.exclusiveMinimum": {"zh": "{value} 必须大于 {limit}", "en": "{value} must be more than {limit}"},
    "config.maximum": {"zh": "{value} 不能大于 {limit}", "en": "{value} must be at most {limit}"},
    "config.not_rule_pattern": {
        "zh": "「{value}」不是规则编号（如 RL-T3-002）、编号前缀（如 RL-T3）或规则名称（如 requests.balance）",
        "en": "{value!r} is not a rule id (RL-T3-002), id prefix (RL-T3) or rule name (requests.balance)",
    },
    "config.not_rule_id": {"zh": "「{value}」不是规则编号", "en": "{value!r} is not a rule id"},
    "config.empty": {"zh": "不能为空", "en": "must not be empty"},
    "config.other": {"zh": "不符合配置格式：{message}", "en": "{message}"},
    "config.cannot_read": {"zh": "无法读取：{detail}", "en": "cannot read: {detail}"},
    "config.cannot_parse": {"zh": "无法解析：{detail}", "en": "cannot parse: {detail}"},
    "config.ini": {"zh": "setup.cfg 格式错误", "en": "a setup.cfg syntax error"},
    "config.not_utf8": {"zh": "无法读取：不是 UTF-8 编码的文本", "en": "cannot read: not UTF-8 text"},
    "config.not_mapping": {"zh": "配置应为「键: 值」形式的映射", "en": "a configuration must be a mapping"},
    "config.edition": {
        "zh": "{edition} 不是内置的格式版本（{known}）",
        "en": "{edition} is not a bundled edition ({known})",
    },
    "config.yaml.duplicate": {
        "zh": "设置项「{key}」重复（第 {line} 行已有）",
        "en": "duplicate key '{key}', first at line {line}",
    },
    "config.yaml.syntax": {"zh": "YAML 语法错误（括号、引号或缩进不完整）", "en": "YAML syntax error"},
    "config.yaml.nested": {"zh": "YAML 嵌套层数过多", "en": "YAML nested too deeply"},
    "config.yaml.alias": {
        "zh": "YAML 别名展开过多或互相引用",
        "en": "too many YAML aliases, or aliases referring to each other",
    },
    "config.yaml.key": {"zh": "映射的键必须是简单的值", "en": "a mapping key must be a plain value"},
    "config.yaml.other": {"zh": "YAML 格式错误", "en": "a YAML error"},
}
