"""Word the plan with the Jinja2 template (templates/report.j2) into tagged blocks for the docx writer.

Each line the template renders is one paragraph; its tag (`@一级`, `@提示` …) says what it is.
A user's own copy of the template folder (fzwriter.toml: templates = "folder") comes first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import InputError
from .plan import PLACEHOLDER, Plan
from .text import int_to_cn

TAGS = {"标题": "title", "主送": "addressee", "正文": "body", "一级": "h1", "二级": "h2", "三级": "h3",
        "提示": "hint", "署名": "issuer", "日期": "date", "空行": "blank"}
TEMPLATE = "report.j2"


@dataclass
class Block:
    kind: str  # one of TAGS' values
    text: str


def _join_cn(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


# A user's template is data, not a program: it is rendered in jinja2's immutable sandbox (no
# attributes starting with _, no changing lists or dicts, range() capped), and within bounds on what
# it builds — the text of a report is a few hundred KB, its rendering a fraction of a second.
MAX_OUTPUT_CHARS = 2_000_000  # all the text rendered: 8 times a 400-page report
MAX_VALUE_CHARS = 1_000_000  # one string or list made by * or ** in the template
MAX_TEMPLATE_BYTES = 1_000_000  # one template file (the bundled one is 5 KB)
RENDER_CPU_SECONDS = 10.0  # the bundled template renders in ~10 ms
RENDER_MEMORY = 768 * 2**20  # address space a rendering may add


class TemplateTooLarge(Exception):
    """What the template builds passes a bound; `what` says which, in Chinese."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def _bounded_loader(folders: list[Path]):
    """A loader reading only regular files of a modest size (a FIFO or /dev/zero named report.j2
    would block or fill the memory)."""
    import jinja2

    class Loader(jinja2.FileSystemLoader):
        def get_source(self, environment, template):
            import os
            import stat

            source, filename, uptodate = super().get_source(environment, template)
            try:
                st = os.stat(filename)
            except OSError:
                st = None
            if st is not None and not stat.S_ISREG(st.st_mode):
                raise InputError(filename, "不是普通文件，不能作为模板")
            if len(source) > MAX_TEMPLATE_BYTES:
                raise InputError(filename, f"模板文件过大（{len(source):,} 个字符，上限 {MAX_TEMPLATE_BYTES:,}）")
            return source, filename, uptodate

    return Loader([str(f) for f in folders])


# trim_blocks would join a line ending in {% endif %} to the next one; empty lines are dropped instead
def _env(folders: list[Path]):
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        # * and ** build values whose size the template chooses ('x' * 10**10, 10**10**10)
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_VALUE_CHARS:
                        raise TemplateTooLarge(f"用“*”构造的值过大（{len(seq):,} × {n:,}，上限 {MAX_VALUE_CHARS:,}）")
            if operator == "**" and isinstance(left, int) and isinstance(right, int):
                if abs(left) > 1 and right > 64:
                    raise TemplateTooLarge(f"乘方 {left}**{right} 过大")
            return super().call_binop(context, operator, left, right)

    env = Sandbox(loader=_bounded_loader(folders), undefined=jinja2.StrictUndefined, lstrip_blocks=True,
                  autoescape=False, keep_trailing_newline=False, bytecode_cache=_bytecode_cache())
    env.globals.pop("lipsum", None)  # lorem ipsum of any length: nothing a report needs
    env.filters["cn"] = int_to_cn
    env.filters["join_cn"] = _join_cn
    return env


def _bytecode_cache():
    """jinja2's own cache of compiled templates, in the user's cache folder (checked against each
    template's source): a template is compiled once, not at every `new`. Its own folder, as the
    sandbox compiles templates differently from a plain environment."""
    import jinja2

    from .resources import cache_dir

    folder = cache_dir() / "templates-sandbox"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compiled every time, as before
    return jinja2.FileSystemBytecodeCache(str(folder))


def _template_line(exc: BaseException, names: set[str]) -> tuple[str | None, int | None]:
    """The template file and line a rendering failed at, innermost first. jinja2 rewrites the traceback
    of an Exception so that its frames name the template's file and line; a BaseException (the CPU
    budget) keeps the compiled template's frames, whose lines the template maps back."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            found = (template.filename or code.co_filename, template.get_corresponding_lineno(tb.tb_lineno))
        elif code.co_filename in names or code.co_filename.endswith((".j2", ".jinja", ".jinja2")):
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


_ERRORS_CN = {
    "ZeroDivisionError": "除以零",
    "OverflowError": "数值过大",
    "TypeError": "数据类型不对",
    "ValueError": "取值不对",
    "KeyError": "没有这个键",
    "IndexError": "下标超出范围",
    "AttributeError": "没有这个属性",
}


def render(plan: Plan, user_folder: Path | None = None) -> list[Block]:
    """The report as blocks: the template rendered with the plan, line by line."""
    from .resources import data_dir

    folders = ([user_folder] if user_folder is not None else []) + [data_dir("templates")]
    if user_folder is not None and not (user_folder / TEMPLATE).is_file():
        raise InputError(user_folder, f"模板文件夹里没有 {TEMPLATE}（可从 fzwriter 自带的 templates/ 复制一份）")
    env = _env(folders)
    context = asdict(plan)
    context["g"] = context.pop("guidance")
    context["blank"] = PLACEHOLDER
    text, filename = _render(env, context, str(folders[0] / TEMPLATE))
    return parse(text, filename)


def _render(env, context: dict, default_name: str) -> tuple[str, str]:
    """The rendered text and the template's file; every failure an InputError naming file and line."""
    import jinja2

    from .guard import OverBudget, cpu_budget, memory_headroom

    filename = default_name
    try:
        template = env.get_template(TEMPLATE)
        filename = template.filename or default_name
        pieces: list[str] = []
        size = 0
        with cpu_budget(RENDER_CPU_SECONDS), memory_headroom(RENDER_MEMORY):
            for piece in template.generate(**context):
                size += len(piece)
                if size > MAX_OUTPUT_CHARS:
                    raise TemplateTooLarge(f"渲染结果过长（超过 {MAX_OUTPUT_CHARS:,} 个字符），不像一份报告")
                pieces.append(piece)
        return "".join(pieces), filename
    except InputError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(exc.filename or filename, f"第{exc.lineno}行模板语法错误：{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        where, line = _template_line(exc, {filename})
        raise InputError(where or filename, f"{_at(line)}找不到模板文件 {exc.name}") from None
    except OverBudget as exc:
        where, line = _template_line(exc, {filename})
        raise InputError(where or filename, f"{_at(line)}渲染超过 {RENDER_CPU_SECONDS:.0f} 秒仍未完成，已停止（模板中可能有过大的循环）") from None
    except Exception as exc:  # RecursionError, MemoryError, SecurityError, ZeroDivisionError …
        where, line = _template_line(exc, {filename})
        raise InputError(where or filename, _at(line) + _why(exc)) from None


def _at(line: int | None) -> str:
    return f"第{line}行：" if line else ""


def _why(exc: BaseException) -> str:
    import jinja2
    from jinja2.sandbox import SecurityError

    if isinstance(exc, TemplateTooLarge):
        return exc.what
    if isinstance(exc, RecursionError):
        return "宏或包含的模板递归过深（宏调用了自己？）"
    if isinstance(exc, MemoryError):
        return "渲染占用内存过多，已停止（模板构造了过大的值）"
    if isinstance(exc, SecurityError):
        return f"模板在安全沙箱中渲染，不允许这样用（{str(exc)[:120]}）"
    if isinstance(exc, jinja2.UndefinedError):
        return f"模板用到了不存在的数据：{exc.message}"
    if isinstance(exc, OverflowError) and "MAX_RANGE" in str(exc):
        return "range() 的范围过大（安全沙箱中最多 100,000 项）"
    kind = _ERRORS_CN.get(type(exc).__name__, "模板渲染出错")
    return f"{kind}（{type(exc).__name__}：{str(exc)[:120]}）"


def parse(text: str, source: str = TEMPLATE) -> list[Block]:
    blocks: list[Block] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        kind = "body"
        if line.startswith("@"):
            tag, _, rest = line[1:].partition(" ")
            if tag not in TAGS:
                raise InputError(source, f"渲染结果第{n}行的标签“@{tag}”不认识；可用：{' '.join('@' + t for t in TAGS)}")
            kind, line = TAGS[tag], rest.strip()
        if kind == "hint" and line and not line.startswith("【提示"):
            line = f"【提示：{line}】"
        if line or kind == "blank":
            blocks.append(Block(kind=kind, text=line))
    return blocks
