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
