"""Render lint results: rich text for people, JSON by the contract in design.md."""

from __future__ import annotations

import json
from typing import TextIO

from .engine import FileResult

SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def to_json(results: list[FileResult]) -> str:
    files = []
    for r in results:
        rep = None
        if r.report is not None:
            rep = {"title": r.report.title, "region": r.report.region, "year": r.report.year}
        entry = {"path": r.path, "report": rep, "error": r.error,
                 "findings": [f.model_dump() for f in r.findings]}
        if r.figures is not None:
            entry["figures"] = r.figures
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


def to_text(results: list[FileResult], out: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=True)
    for r in results:
        if r.error:
            console.print(f"[bold]{escape(r.path)}[/bold]  [bold red]无法读取[/]：{escape(r.error)}")
            console.print()
            continue
        rep = r.report
        meta = []
        if rep.region:
            meta.append(f"地区/单位：{rep.region}（{rep.region_source}）")
        meta.append(f"年度：{rep.year}年（{rep.year_source}）" if rep.year else "年度：未能确定（可用 --year 指定）")
        console.print(f"[bold]{escape(r.path)}[/bold]  " + escape("；".join(meta)))
        if not r.findings:
            console.print("  [green]未发现问题[/]")
        for f in r.findings:
            where = f"第{f.location.paragraph}段" if f.location.paragraph else "全文"
            if f.location.section:
                where += " › " + " › ".join(s[:24] for s in f.location.section)
            console.print(f"  [{_STYLE[f.severity]}]{f.rule} {SEVERITY_CN[f.severity]}[/]  {escape(where)}")
            console.print(f"      {escape(f.message)}")
            if f.evidence:
                ev = f.evidence if len(f.evidence) <= 120 else f.evidence[:118] + "……"
                console.print(f"      [dim]原文：[/]“{escape(ev)}”")
            if f.suggestion:
                console.print(f"      [dim]建议：[/]{escape(f.suggestion)}")
        if r.figures is not None:
            console.print("  " + coverage_line(r.figures))
        console.print()
    errors = sum(r.count("error") for r in results)
    warnings = sum(r.count("warning") for r in results)
    infos = sum(r.count("info") for r in results)
    unread = sum(1 for r in results if r.error)
    line = f"共检查 {len(results)} 个文件：错误 {errors} 处，警告 {warnings} 处，提示 {infos} 处"
    if unread:
        line += f"；{unread} 个文件无法读取"
    console.print(line + "。")
    coverage = _coverage(results)
    if coverage is not None:
        console.print(coverage_line(coverage) + "。")


_FORM_CN = {"heading": "标题", "runin": "段首标题", "inline": "段内", "absent": "缺"}


def mine_summary(model, out: TextIO) -> None:
    """The readable summary of `fzwriter mine`: parts × reports, themes, phrases, indicators."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=120, highlight=False)
    console.print(f"共读取 {len(model.reports)} 份报告" + (f"，跳过 {len(model.skipped)} 份" if model.skipped else ""))
    parts = Table(title="各报告的必备部分（标题 / 段首标题 / 段内 / 缺）", show_lines=False)
    for col in ("报告", "地区/单位", "年度", "层级", "S1", "S2", "S3", "S4"):
        parts.add_column(col)
    for r in model.reports:
        parts.add_row(r.path[:24], r.region or "?", str(r.year or "?"), r.level or "?",
                      *(_FORM_CN[r.parts[p].form] if p in r.parts else "缺" for p in ("S1", "S2", "S3", "S4")))
    console.print(parts)
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
