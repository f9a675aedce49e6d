"""`fzwriter new`: plan → template → docx → written atomically, then checked like any draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .compose import render
from .errors import InputError
from .models import Finding
from .plan import PLACEHOLDER, Plan, plan

# what an untouched scaffold is expected to show: its own placeholders and thin parts
EXPECTED = {"WD04", "ST05"}


@dataclass
class Scaffold:
    path: Path
    plan: Plan
    placeholders: int
    hints: int
    findings: list[Finding] = field(default_factory=list)  # anything lint finds beyond EXPECTED


def messages(result: Scaffold, shown: str) -> list[str]:
    """What `new` says of the scaffold it wrote, named `shown`: the plan's notices, the count of
    places to fill, anything lint finds beyond them (the page shows the same lines)."""
    lines = [f"说明：{line}" for line in result.plan.notices]
    lines.append(f"已生成：{shown}（待填 {result.placeholders} 处，填写提示 {result.hints} 条）")
    lines.extend(f"请注意：{f.rule} 第{f.location.paragraph}段：{f.message}" for f in result.findings)
    return lines


def default_name(region: str, year: int) -> str:
    return f"{region}{year}年法治政府建设年度报告.docx"


def scaffold(region: str, year: int, *, level: str | None = None, basis: Path | None = None,
             template: Path | None = None, to: str | None = None, issuer: str | None = None,
             output: Path | None = None, force: bool = False, templates: Path | None = None,
             model=None) -> Scaffold:
    from .docxout import build, open_template
    from .fsutil import write_atomic

    from .fsutil import check_output, is_regular

    out = Path(output) if output is not None else Path.cwd() / default_name(region.strip(), year)
    if out.suffix.lower() != ".docx":
        raise InputError(out, "输出文件应以 .docx 结尾")
    inputs = tuple(Path(src) for src in (basis, template) if src is not None)
    check_output(out, force, inputs)  # before any work: an output it must not write is said first
    for src in inputs:
        if src.exists() and not src.is_dir() and not is_regular(src):
            raise InputError(src, "不是普通文件（管道或设备），不予读取")
    # opened once, before any planning: a template it cannot use is reported first
    document = open_template(template) if template is not None else None
    if basis is not None and not Path(basis).is_file():
        raise InputError(basis, "文件不存在")
    the_plan = plan(region, year, level=level, basis_path=basis, to=to, issuer=issuer, model=model)
    blocks = render(the_plan, templates)
    title = next((b.text for b in blocks if b.kind == "title"), f"{region}{year}年法治政府建设年度报告")
    data = build(blocks, {"title": title, "year": year, "author": the_plan.organs[0] if the_plan.organs else ""},
                 document, notes=the_plan.notices)
    write_atomic(out, data, force=force, inputs=inputs)
    placeholders = sum(len(re.findall(re.escape(PLACEHOLDER) + "|【请填写[^】]*】", b.text))
                       for b in blocks if b.kind != "hint")
    hints = sum(1 for b in blocks if b.kind == "hint")
    return Scaffold(path=out, plan=the_plan, placeholders=placeholders, hints=hints,
                    findings=self_check(out, region, year))


def self_check(path: Path, region: str, year: int) -> list[Finding]:
    """Lint the scaffold as a reviewer would; what is left beyond its placeholders is worth saying."""
    from .engine import choose_rules, lint_paths

    result = lint_paths([str(path)], choose_rules(), year=year, region=region)[0]
    return [f for f in result.findings if f.rule not in EXPECTED]
