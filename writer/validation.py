"""Chinese wording for what the libraries say in English: pydantic validation errors, YAML and TOML
syntax errors, regular expression errors. Users edit fzwriter.toml and checklists/ by hand; the
message must tell them, in their language, what to change."""

from __future__ import annotations

import re
from typing import Any

# pydantic error type → what the value should be
_PYDANTIC = {
    "missing": "缺少这一项（必填）",
    "extra_forbidden": "不认识这个键（可能拼错了，或不该写在这一层）",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数，不能带小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文字（可加英文双引号）",
    "list_type": "应为列表（TOML 写作 [\"甲\", \"乙\"]；YAML 每项以“- ”开头）",
    "tuple_type": "应为列表",
    "set_type": "应为列表",
    "dict_type": "应为“键: 值”的一组设置",
    "model_type": "应为“键: 值”的一组设置",
    "model_attributes_type": "应为“键: 值”的一组设置",
    "none_required": "这里不应有值",
    "too_short": "项数太少",
    "too_long": "项数太多",
    "string_too_short": "不能为空",
    "greater_than": "数值太小",
    "greater_than_equal": "数值太小",
    "less_than": "数值太大",
    "less_than_equal": "数值太大",
}


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return f"“{value[:40]}{'…' if len(value) > 40 else ''}”"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组设置"
    return ""


def describe_error(err: dict) -> str:
    """One pydantic error (from `ValidationError.errors()`) in Chinese, with the value found."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        # our own validators speak Chinese already; pydantic prefixes its English words
        return str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ").removeprefix(
            "Assertion failed, ")
    if kind in ("literal_error", "enum"):
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        text = "应为以下之一：" + "、".join(choices) if choices else "取值不在可选范围内"
    else:
        text = _PYDANTIC.get(kind, "取值不合法")
    if kind != "missing" and "input" in err:
        shown = _shown(err["input"])
        if shown:
            text += f"（现为 {shown}）"
    return text


# PyYAML's problems → what to fix
_YAML = [
    ("mapping values are not allowed", "这里不能出现“键: 值”（缩进不对，或文字里的“: ”需要整段加引号）"),
    ("could not find expected ':'", "缺少冒号（“键: 值”）"),
    ("found character '\\t'", "含有制表符（Tab）；缩进只能用空格"),
    ("found a tab character", "含有制表符（Tab）；缩进只能用空格"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合，或项之间少了逗号"),
    ("did not find expected ',' or '}'", "花括号没有闭合，或项之间少了逗号"),
    ("did not find expected key", "缩进没有对齐，或少了“键:”"),
    ("did not find expected '-' indicator", "列表项的“- ”没有对齐"),
    ("did not find expected node content", "这里缺少内容"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("found unexpected ':'", "冒号用得不对（文字里的冒号需要整段加引号）"),
    ("expected <block end>", "缩进没有对齐"),
    ("expected ',' or ']'", "方括号列表没有闭合，或项之间少了逗号"),
    ("expected ',' or '}'", "花括号没有闭合，或项之间少了逗号"),
    ("found undefined alias", "用了未定义的别名（*）"),
    ("found unhashable key", "键不能是列表或一组设置"),
    ("found unknown escape character", "双引号里的反斜杠转义不对（正则表达式请用单引号或不加引号）"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("while scanning a simple key", "缺少冒号（“键: 值”）"),
    ("cannot start any token", "这个字符不能出现在行首（文字需要加引号）"),
]


def yaml_problem(exc: Exception) -> str:
    text = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''} {exc}"
    m = re.search(r"duplicate key (\S+)", text)
    if m:
        return f"键“{m.group(1)}”在同一层里写了两次"
    for needle, said in _YAML:
        if needle in text:
            return said
    return "格式有误（请检查缩进、冒号和引号）"


# tomllib's messages → what to fix
_TOML = [
    ("Expected '=' after a key", "键后面应有等号（键 = 值）"),
    ("Invalid value", "值的写法不对（文字要加英文双引号，如 region = \"秦州区\"）"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot declare", "同一个表写了两次"),
    ("Unclosed array", "方括号列表没有闭合"),
    ("Unclosed inline table", "花括号没有闭合"),
    ("Unterminated string", "引号没有闭合"),
    ("Illegal character", "文字里有不允许的字符"),
    ("Invalid statement", "这一行的写法不对（应为 键 = 值，或 [表名]）"),
    ("Invalid initial character for a key part", "键的写法不对（中文键名要加英文双引号）"),
    ("Expected newline or end of document", "一行只能写一项设置"),
]


def toml_problem(exc: Exception) -> str:
    msg = str(exc)
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
    if line is None and m:
        line, col = int(m.group(1)), int(m.group(2))
    said = next((s for needle, s in _TOML if needle in msg), "格式有误")
    where = f"第{line}行第{col}列：" if line else ""
    return f"{where}{said}"


# re's messages → what to fix
_REGEX = [
    ("missing ), unterminated subpattern", "左括号“(”没有对应的右括号"),
    ("unbalanced parenthesis", "多了一个右括号“)”"),
    ("unterminated character set", "方括号“[”没有闭合"),
    ("nothing to repeat", "* + ? 或 {n} 前面没有内容"),
    ("multiple repeat", "重复符号连用（如 ** 或 +?+）"),
    ("bad escape", "反斜杠“\\”后面的字符不能转义"),
    ("bad character range", "方括号里的范围写反了"),
    ("unknown extension", "“(?”后面的写法不对"),
    ("missing group name", "分组名称缺失"),
    ("look-behind requires fixed-width pattern", "向后查找“(?<=…)”里只能是定长的内容"),
]


def regex_problem(exc: re.error) -> str:
    msg = str(exc.msg if hasattr(exc, "msg") else exc)
    said = next((s for needle, s in _REGEX if needle in msg), "写法不对")
    pos = getattr(exc, "pos", None)
    return f"{said}，在第{pos + 1}个字符处" if isinstance(pos, int) else said
