"""Word the plan with the Jinja2 template (templates/report.j2) into tagged blocks for the docx writer.

Each line the template renders is one paragraph; its tag (`@一级`, `@提示` …) says what it is.
A user's own copy of the template folder (fzwriter.toml: templates = "folder") comes first.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from .errors import InputError
from .plan import PLACEHOLDER, Plan
from .text import int_to_cn

TAGS = {"标题": "title", "主送": "addressee", "正文": "body", "一级": "h1", "二级": "h2", "三级": "h3",
        "提示": "hint", "署名": "issuer", "日期": "date", "空行": "blank"}
TEMPLATE = "report.j2"


class Block(BaseModel):
    kind: str  # one of TAGS' values
    text: str


def _join_cn(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


# trim_blocks would join a line ending in {% endif %} to the next one; empty lines are dropped instead
def _env(folders: list[Path]):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(f) for f in folders]),
                             undefined=jinja2.StrictUndefined, lstrip_blocks=True,
                             autoescape=False, keep_trailing_newline=False)
    env.filters["cn"] = int_to_cn
    env.filters["join_cn"] = _join_cn
    return env


def render(plan: Plan, user_folder: Path | None = None) -> list[Block]:
    """The report as blocks: the template rendered with the plan, line by line."""
    import jinja2

    from .resources import data_dir

    folders = ([user_folder] if user_folder is not None else []) + [data_dir("templates")]
    if user_folder is not None and not (user_folder / TEMPLATE).is_file():
        raise InputError(user_folder, f"模板文件夹里没有 {TEMPLATE}（可从 fzwriter 自带的 templates/ 复制一份）")
    env = _env(folders)
    context = plan.model_dump()
    context["g"] = context.pop("guidance")
    context["blank"] = PLACEHOLDER
    try:
        template = env.get_template(TEMPLATE)
        text = template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(exc.filename or TEMPLATE, f"第{exc.lineno}行模板语法错误：{exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise InputError(template.filename, f"模板用到了不存在的数据：{exc.message}") from None
    return parse(text, template.filename)


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
