"""Render lint results: text for people (plain, coloured on a terminal), JSON by the contract in design.md."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from .engine import FileResult
from .models import SEVERITY_CN



def to_json(results: list[FileResult]) -> str:
    files = []
    for r in results:
        rep = None
        if r.report is not None and r.skipped is None:
            rep = {"title": r.report.title, "region": r.report.region, "year": r.report.year}
        entry = {"path": r.path, "report": rep, "error": r.error,
                 "findings": [f.as_dict() for f in r.findings]}
        if r.figures is not None:
            entry["figures"] = r.figures
        # additions to the contract, present only when they apply
        for key in ("skipped", "previous", "annotated", "fixed", "converted_from"):
            if getattr(r, key):
                entry[key] = getattr(r, key)
        files.append(entry)
    summary = {"files": len(results),
               "errors": sum(r.count("error") for r in results),
               "warnings": sum(r.count("warning") for r in results),
               "infos": sum(r.count("info") for r in results)}
    coverage = _coverage(results)
    if coverage is not None:
        summary["figures"] = coverage
    return json.dumps({"version": 1, "files": files, "summary": summary}, ensure_ascii=False, indent=1)


def _coverage(results: list[FileResult]) -> dict[str, int] | None:
    rows = [r.figures for r in results if r.figures is not None]
    if not rows:
        return None
    return {k: sum(row[k] for row in rows) for k in ("extracted", "checkable", "inconsistent")}


def coverage_line(c: dict[str, int]) -> str:
    return f"数字核对：提取{c['extracted']}处数字表述，可核对{c['checkable']}处，发现{c['inconsistent']}处不一致"


_ANSI = {"bold": "1", "error": "1;31", "warning": "33", "info": "36", "ok": "32", "dim": "2"}


def to_text(results: list[FileResult], out: TextIO, color: bool | None = None) -> None:
    """Findings file by file, then (for several files) the summary table, then totals.

    Plain text when `out` is not a terminal (pipes, files: fast, nothing to strip); colour only on one.
    """
    from .summary import reason, text_table

    if color is None:
        color = hasattr(out, "isatty") and out.isatty()

    def c(text: str, style: str) -> str:
        return f"\x1b[{_ANSI[style]}m{text}\x1b[0m" if color else text

    from .text import printable as safe  # names and quoted text: shown, never obeyed by a terminal

    lines: list[str] = []
    add = lines.append
    for r in results:
        if r.error:
            add(f"{c(safe(r.path), 'bold')}  {c('无法读取', 'error')}：{safe(reason(r))}")
            add("")
            continue
        if r.skipped:
            add(f"{c(safe(r.path), 'bold')}  {r.skipped}")
            add("")
            continue
        rep = r.report
        meta = []
        if rep.region:
            meta.append(f"地区/单位：{rep.region}（{rep.region_source}）")
        meta.append(f"年度：{rep.year}年（{rep.year_source}）" if rep.year else "年度：未能确定（可用 --year 指定）")
        if r.previous:
            meta.append(f"上年报告：{r.previous}")
        if r.read_as:
            meta.append(r.read_as)
        add(f"{c(safe(r.path), 'bold')}  " + safe("；".join(meta)))
        if not r.findings:
            add("  " + c("未发现问题", "ok"))
        for f in r.findings:
            where = f"第{f.location.paragraph}段" if f.location.paragraph else "全文"
            if f.location.section:
                where += " › " + safe(" › ".join(s[:24] for s in f.location.section))
            add(f"  {c(f'{f.rule} {SEVERITY_CN[f.severity]}', f.severity)}  {where}")
            add(f"      {safe(f.message)}")
            if f.evidence:
                ev = f.evidence if len(f.evidence) <= 120 else f.evidence[:118] + "……"
                add(f"      {c('原文：', 'dim')}“{safe(ev)}”")
            if f.suggestion:
                add(f"      {c('建议：', 'dim')}{safe(f.suggestion)}")
        if r.figures is not None:
            add("  " + coverage_line(r.figures))
        if r.annotated:
            add(f"  批注稿：{safe(r.annotated)}")
        if r.fixed:
            add(f"  版式修正稿：{safe(r.fixed)}")
        add("")
    if len(results) > 1:
        add(c("汇总（按问题从重到轻）", "bold"))
        lines.extend(safe(line) for line in text_table(results))
        add("")
    errors = sum(r.count("error") for r in results)
    warnings = sum(r.count("warning") for r in results)
    infos = sum(r.count("info") for r in results)
    unread = sum(1 for r in results if r.error)
    skipped = sum(1 for r in results if r.skipped)
    checked = len(results) - skipped
    line = f"共检查 {checked} 个文件：错误 {errors} 处，警告 {warnings} 处，提示 {infos} 处"
    if unread:
        line += f"；{unread} 个文件无法读取"
    if skipped:
        line += f"；{skipped} 个文件不像年度报告，已跳过"
    add(line + "。")
    coverage = _coverage(results)
    if coverage is not None:
        add(coverage_line(coverage) + "。")
    out.write("\n".join(lines) + "\n")


_FORM_CN = {"heading": "标题", "runin": "段首标题", "inline": "段内", "absent": "缺"}


# above this many reports the parts are counted, not listed report by report: a table of a thousand
# rows is no summary (and rich took 1.7 s to lay it out)
MANY_REPORTS = 40


def _required() -> list[str]:
    """The parts the regulation requires (checklists/parts.yml), in order."""
    from . import checklists

    return [pid for pid, spec in checklists.parts().parts.items() if spec.required]


def _form(report, pid: str) -> str:
    return _FORM_CN[report.parts[pid].form] if pid in report.parts else "缺"


def _parts_table(model, required: list[str]):
    from rich.table import Table

    if len(model.reports) <= MANY_REPORTS:
        table = Table(title="各报告的必备部分（标题 / 段首标题 / 段内 / 缺）", show_lines=False)
        for col in ("报告", "地区/单位", "年度", "层级", *required):
            table.add_column(col)
        for r in model.reports:
            table.add_row(r.path[:24], r.region or "?", str(r.year or "?"), r.level or "?",
                          *(_form(r, p) for p in required))
        return table
    forms = list(_FORM_CN.values())
    table = Table(title=f"必备部分的写法（{len(model.reports)} 份报告，按份数）")
    for col in ("部分", *forms):
        table.add_column(col)
    for pid in required:
        counts = Counter(_form(r, pid) for r in model.reports)
        table.add_row(pid, *(str(counts[f]) for f in forms))
    return table


def mine_summary(model, out: TextIO) -> None:
    """The readable summary of `fzwriter mine`: parts × reports, themes, phrases, indicators."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=120, highlight=False)
    console.print(f"共读取 {len(model.reports)} 份报告" + (f"，跳过 {len(model.skipped)} 份" if model.skipped else ""))
    required = _required()
    console.print(_parts_table(model, required))
    if len(model.reports) > MANY_REPORTS:
        lacking = [r for r in model.reports if any(_form(r, p) == "缺" for p in required)]
        if lacking:
            shown = "、".join(f"{r.path}（{'、'.join(p for p in required if _form(r, p) == '缺')}）"
                             for r in lacking[:20])
            more = "……" if len(lacking) > 20 else ""
            console.print(f"缺少必备部分的报告（{len(lacking)} 份）：{shown}{more}（每份报告的各部分见 -o 保存的模型）")
    sk = Table(title="各部分标题的常见写法")
    for col in ("部分", "标题写法", "报告数"):
        sk.add_column(col)
    for pid, variants in model.skeleton.items():
        for v in variants[:4]:
            sk.add_row(pid, v.text, str(v.reports))
    console.print(sk)
    th = Table(title="举措成效部分的主题（按出现的报告数）")
    for col in ("主题", "报告数", "标题示例"):
        th.add_column(col)
    for g in model.themes[:15]:
        name = g.name if g.fitted else f"（未归类）{g.name[:20]}"
        th.add_row(name, str(g.reports), "；".join(v.text[:24] for v in g.headings[:2]))
    console.print(th)
    ph = Table(title="常用表述（至少两份报告出现；{year}{region}{n} 为替换位）")
    for col in ("位置", "表述", "报告数"):
        ph.add_column(col)
    for p in [p for p in model.phrases if p.pattern][:20]:
        ph.add_row(p.part, p.text, str(p.reports))
    console.print(ph)
    ind = Table(title="常报指标")
    for col in ("指标", "次数", "数值（地区 年度）"):
        ind.add_column(col)
    by_key: dict[str, list] = {}
    for v in model.indicators:
        by_key.setdefault(v.key, []).append(v)
    for key, values in sorted(by_key.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:15]:
        shown = "；".join(f"{v.text}（{v.region or '?'} {v.year or '?'}）" for v in values[:4])
        ind.add_row(f"{values[0].label}", str(len(values)), shown)
    console.print(ind)
