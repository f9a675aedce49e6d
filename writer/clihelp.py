"""Chinese help and usage errors for the command line, without rich (it costs start-up time).

typer builds on click; these subclasses only override click's public hooks (format_help,
get_help_option, resolve_command), so the help reads the same whichever typer/click is installed.
"""

from __future__ import annotations

import difflib
import re
import shutil
import unicodedata

import typer.core

HELP_OPTION_HELP = "显示本帮助并退出。"


class UsageProblem(Exception):
    """A command line fzwriter cannot run, already worded in Chinese."""


def width(text: str) -> int:
    """Display width on a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, limit: int) -> list[str]:
    """Break `text` into lines of at most `limit` columns: between CJK characters anywhere, Latin
    words whole; no line starts with closing punctuation."""
    tokens = re.findall(r"[A-Za-z0-9_./\\|:%+=\-\[\]<>'\"`{}]+|\s+|.", text)
    lines, line = [], ""
    for tok in tokens:
        if tok.isspace():
            tok = tok if set(tok) == {" "} else " "  # 【  】 keeps its two spaces
        if line and width(line) + width(tok) > limit and not tok.isspace():
            if tok in "，。、；：）」』”’！？》】":  # keep closing punctuation on its line
                line += tok
                continue
            carry = ""
            while line and line[-1] in "（「『“‘《【":  # and opening punctuation off its end
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line = carry
        if not (tok.isspace() and not line):
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _rows(formatter_width: int, rows: list[tuple[str, str]]) -> list[str]:
    if not rows:
        return []
    left = min(max(width(a) for a, _ in rows) + 2, 26)
    out = []
    for name, text in rows:
        pad = left - width(name)
        body = wrap(text, max(formatter_width - 4 - left, 20)) if text else [""]  # 2 for hanging punctuation
        if pad < 1:  # a long option name: its help on the next line
            out.append(f"  {name}")
            out.extend(f"  {' ' * left}{b}" for b in body)
            continue
        out.append(f"  {name}{' ' * pad}{body[0]}".rstrip())
        out.extend(f"  {' ' * left}{b}" for b in body[1:])
    return out


def _term_width() -> int:
    return max(min(shutil.get_terminal_size((80, 24)).columns, 100), 50)


def _param_rows(ctx, command) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    args, opts = [], []
    for p in command.get_params(ctx):
        if getattr(p, "hidden", False):
            continue
        text = getattr(p, "help", None) or ""
        if p.required:
            text = "必填。" + text
        if p.param_type_name == "argument":
            args.append((p.metavar or p.name, text))
        else:
            name = ", ".join(sorted(p.opts, key=len))
            if not getattr(p, "is_flag", False) and p.metavar:
                name += f" {p.metavar}"
            opts.append((name, text))
    return args, opts


def usage_line(ctx, command) -> str:
    pieces = []
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    if any(p.param_type_name == "option" for p in params):
        pieces.append("[选项]")
    for p in params:
        if p.param_type_name == "argument":
            name = p.metavar or p.name
            pieces.append(name if p.required else f"[{name}]")
    if isinstance(command, ChineseGroup):
        pieces.append("命令 [参数]…")
    return f"用法：{ctx.command_path} {' '.join(pieces)}".rstrip()


def _write_help(ctx, command, formatter) -> None:
    w = _term_width()
    lines = [usage_line(ctx, command), ""]
    w -= 2  # hanging closing punctuation may take two more columns
    if command.help:
        for para in command.help.strip().split("\n\n"):
            lines.extend(wrap(re.sub(r"\s*\n\s*", " ", para.strip()), w - 2))  # 【  】 keeps its spaces
            lines.append("")
    args, opts = _param_rows(ctx, command)
    if isinstance(command, ChineseGroup):
        cmds = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            cmds.append((name, sub.short_help or (sub.help or "").split("：")[0].split("。")[0]))
        if cmds:
            lines += ["命令："] + _rows(w, cmds) + [""]
    if args:
        lines += ["参数："] + _rows(w, args) + [""]
    if opts:
        lines += ["选项："] + _rows(w, opts) + [""]
    if isinstance(command, ChineseGroup):
        lines.append(f"用 {ctx.command_path} 命令 -h 查看各命令的用法。")
    if command.epilog:
        lines.append(command.epilog)
    formatter.write("\n".join(lines).rstrip() + "\n")


class _FlagValue:
    """The help flag's value as it is (True, or nothing): typer would build a pydantic TypeAdapter for
    it, importing pydantic on every run and doubling the start-up of `rules` and `-h`."""

    def coerce(self, value, param=None, ctx=None):
        return bool(value)


def _chinese_help_option(option):
    if option is not None:
        option.help = HELP_OPTION_HELP
        if hasattr(option, "_runtime_param"):  # typer ≥ 0.26 coerces every parameter through pydantic
            option._runtime_param = _FlagValue()
    return option


class ChineseCommand(typer.core.TyperCommand):
    def format_help(self, ctx, formatter) -> None:
        _write_help(ctx, self, formatter)

    def get_help_option(self, ctx):
        return _chinese_help_option(super().get_help_option(ctx))


class ChineseGroup(typer.core.TyperGroup):
    def format_help(self, ctx, formatter) -> None:
        _write_help(ctx, self, formatter)

    def get_help_option(self, ctx):
        return _chinese_help_option(super().get_help_option(ctx))

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = list(self.list_commands(ctx))
            near = difflib.get_close_matches(name, known, n=2)
            hint = f"是否想用 {'、'.join(near)}？" if near else ""
            raise UsageProblem(f"没有命令 {name}；{hint}可用的命令：{'、'.join(known)}")
        return super().resolve_command(ctx, args)


def _label(param) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return param.metavar or param.name or ""
    return "/".join(sorted(getattr(param, "opts", []) or [], key=len, reverse=True)) or (param.name or "")


def usage_message(exc) -> str:
    """click's usage errors (raised in English) in Chinese; the words come from the parameter, not
    from click's message, so a newer click's rewording does not leak English."""
    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    label = _label(param)
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if kind == "MissingParameter":
        if param is not None and param.param_type_name == "argument":
            return f"缺少{label.rstrip('…')}"
        return f"缺少必填选项 {label}" if label else "缺少必填选项"
    if kind == "NoSuchOption":
        name = getattr(exc, "option_name", "") or ""
        near = getattr(exc, "possibilities", None) or []
        return f"没有选项 {name}" + (f"；是否想用 {'、'.join(near)}？" if near else "")
    if kind == "BadOptionUsage":
        name = getattr(exc, "option_name", "") or ""
        if "requires an argument" in text or "requires" in text:
            return f"选项 {name} 后面缺少取值"
        return f"选项 {name} 的用法不对"
    if kind == "BadParameter":
        value = re.search(r"'([^']*)' is not", text)
        choices = text.split("is not one of", 1)[1] if "is not one of" in text else ""
        if "integer" in text or re.search(r"valid int\b", text):  # wording differs across typer versions
            detail = "应为整数，如 2025"
        elif choices:
            detail = "可选：" + "、".join(re.findall(r"'([^']+)'", choices))
        elif "boolean" in text or "bool" in text:
            detail = "应为 true 或 false"
        elif "does not exist" in text:
            detail = "文件不存在"
        else:
            detail = "取值不对"
        return f"{label} 的值{'“' + value.group(1) + '”' if value else ''}不合法（{detail}）"
    m = re.search(r"unexpected extra argument(?:s|\(s\))? \((.*)\)", text)
    if m:
        return f"多余的参数：{m.group(1)}"
    if "Missing command" in text:
        return "缺少命令"
    if re.search(r"[A-Za-z]{3,}", text):
        return "命令行写法不对"
    return text
