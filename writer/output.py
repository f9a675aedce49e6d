"""Render lint results: text for people (plain, coloured on a terminal), JSON by the contract in design.md."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from .anchors import quoted
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
        if r.round is not None:
            entry["last_round"] = r.round.as_dict()
        files.append(entry)
    summary = {"files": len(results),
               "errors": sum(r.count("error") for r in results),
               "warnings": sum(r.count("warning") for r in results),
               "infos": sum(r.count("info") for r in results)}
    coverage = _coverage(results)
    if coverage is not None:
        summary["figures"] = coverage
    rounds = [r.round for r in results if r.round is not None]
    if rounds:
        summary["last_round"] = {**{k: sum(x.count(k) for x in rounds) for k in ("fixed", "remaining", "unverifiable")},
                                 "new": sum(len(x.new) for x in rounds)}
    import json  # here: the text output (the usual one) needs no JSON module

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
        fresh = set(r.round.new) if r.round is not None else None
        for n, f in enumerate(r.findings):
            where = f"第{f.location.paragraph}段" if f.location.paragraph else "全文"
            if f.location.section:
                where += " › " + safe(" › ".join(s[:24] for s in f.location.section))
            if fresh is not None:
                where += "  " + ("（新发现）" if n in fresh else "（上一轮已指出，仍存在）")
            add(f"  {c(f'{f.rule} {SEVERITY_CN[f.severity]}', f.severity)}  {where}")
            add(f"      {safe(f.message)}")
            if f.evidence:
                ev = f.evidence if len(f.evidence) <= 120 else f.evidence[:118] + "……"
                add(f"      {c('原文：', 'dim')}{safe(quoted(ev))}")
            if f.suggestion:
                add(f"      {c('建议：', 'dim')}{safe(f.suggestion)}")
        if r.figures is not None:
            add("  " + coverage_line(r.figures))
        if r.round is not None:
            lines.extend(round_lines(r.round, c))
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


def round_lines(rd, c=lambda text, style: text) -> list[str]:
    """The comparison with the first round: the counts, then each earlier finding and its outcome."""
    from .rounds import OUTCOMES

    out = [f"  与上一轮（{rd.source}）对比：已改正 {rd.count('fixed')} 处，仍存在 {rd.count('remaining')} 处，"
           f"无法核对 {rd.count('unverifiable')} 处；新发现 {len(rd.new)} 处"]
    style = {"fixed": "ok", "remaining": "warning", "unverifiable": "dim"}
    for status in ("remaining", "unverifiable", "fixed"):
        for o in (o for o in rd.outcomes if o.status == status):
            message = o.earlier.message if len(o.earlier.message) <= 60 else o.earlier.message[:58] + "……"
            why = f"（{o.why}）" if o.why else ""
            out.append(f"    {c(OUTCOMES[status], style[status])}  {o.earlier.rule} {message}{why}")
    return out


_FORM_CN = {"heading": "标题", "runin": "段首标题", "inline": "段内", "absent": "缺"}
_FORM_SHORT = {"heading": "标题", "runin": "段首", "inline": "段内", "absent": "缺"}  # a 4-column cell
_LEVEL_SHORT = {"党委政府联合": "联合", "乡镇街道": "乡镇"}


# above this many reports the parts table counts forms per part instead of listing reports: a table
# of a thousand rows is no summary (and rich took 1.7 s to lay it out)
MANY_REPORTS = 40
TERMINAL = 80  # columns when the output is not a terminal (a pipe, a file): what every terminal has


def columns(out: TextIO) -> int:
    """The width to lay text out in: the terminal's (at most 120) when `out` is one, else 80."""
    import shutil

    if hasattr(out, "isatty") and out.isatty():
        return max(60, min(shutil.get_terminal_size((TERMINAL, 24)).columns, 120))
    return TERMINAL


def _required() -> list[str]:
    """The parts the regulation requires (checklists/parts.yml), in order."""
    from . import checklists

    return [pid for pid, spec in checklists.parts().parts.items() if spec.required]


def _form(report, pid: str) -> str:
    return _FORM_CN[report.parts[pid].form] if pid in report.parts else "缺"


def _short_form(report, pid: str) -> str:
    return _FORM_SHORT[report.parts[pid].form] if pid in report.parts else "缺"


def _table(title: str, *cols: tuple[str, dict]):
    """A compact table: no outer border, one space between columns, long cells cut with …"""
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, title_justify="left")
    for name, opts in cols:
        table.add_column(name, **{"overflow": "ellipsis", **opts})
    return table


def _parts_table(model, required: list[str]):
    nowrap = {"no_wrap": True}
    cell = {"no_wrap": True, "min_width": 4}  # two Chinese characters, never cut
    if len(model.reports) <= MANY_REPORTS:
        table = _table("各报告的必备部分（标题 / 段首 = 段首标题 / 段内 / 缺）",
                       ("报告", {**nowrap, "max_width": 22}), ("地区/单位", {**nowrap, "max_width": 12}),
                       ("年度", cell), ("层级", cell), *((p, cell) for p in required))
        for r in model.reports:
            table.add_row(r.path, r.region or "?", str(r.year or "?"), _LEVEL_SHORT.get(r.level, r.level or "?"),
                          *(_short_form(r, p) for p in required))
        return table
    forms = list(_FORM_CN.values())
    table = _table(f"必备部分的写法（{len(model.reports)} 份报告，按份数）", ("部分", {}), *((f, {}) for f in forms))
    for pid in required:
        counts = Counter(_form(r, pid) for r in model.reports)
        table.add_row(pid, *(str(counts[f]) for f in forms))
    return table


def mine_summary(model, out: TextIO) -> None:
    """The readable summary of `fzwriter mine`: parts × reports, themes, phrases, indicators, laid
    out for the terminal's width (80 columns when written to a file or a pipe)."""
    from rich.console import Console

    console = Console(file=out, width=columns(out), highlight=False)
    console.print(f"共读取 {len(model.reports)} 份报告" + (f"，跳过 {len(model.skipped)} 份" if model.skipped else ""))
    for group in model.copies:
        console.print(f"同一单位同一年度的报告按一份计：{'、'.join(group)}")
    required = _required()
    console.print(_parts_table(model, required))
    if len(model.reports) > MANY_REPORTS:
        lacking = [r for r in model.reports if any(_form(r, p) == "缺" for p in required)]
        if lacking:
            shown = "、".join(f"{r.path}（{'、'.join(p for p in required if _form(r, p) == '缺')}）"
                             for r in lacking[:20])
            more = "……" if len(lacking) > 20 else ""
            console.print(f"缺少必备部分的报告（{len(lacking)} 份）：{shown}{more}（每份报告的各部分见 -o 保存的模型）")
    wrap = {"overflow": "fold"}
    sk = _table("各部分标题的常见写法", ("部分", {"no_wrap": True}), ("标题写法", wrap), ("报告数", {"justify": "right"}))
    for pid, variants in model.skeleton.items():
        for v in variants[:4]:
            sk.add_row(pid, v.text, str(v.reports))
    console.print(sk)
    th = _table("举措成效部分的主题（按出现的报告数）", ("主题", {"ratio": 2}), ("报告数", {"justify": "right"}),
                ("标题示例", {"ratio": 3}))
    for g in model.themes[:15]:
        name = g.name if g.fitted else f"（未归类）{g.name[:20]}"
        th.add_row(name, str(g.reports), "；".join(v.text[:24] for v in g.headings[:2]))
    console.print(th)
    ph = _table("常用表述（至少两份报告出现；{year}{region}{n} 为替换位）", ("位置", {"no_wrap": True}),
                ("表述", wrap), ("报告数", {"justify": "right"}))
    for p in [p for p in model.phrases if p.pattern][:20]:
        ph.add_row(p.part, p.text, str(p.reports))
    console.print(ph)
    ind = _table("常报指标", ("指标", {"ratio": 2}), ("次数", {"justify": "right"}),
                 ("数值（地区 年度）", {"ratio": 3, "no_wrap": True}))
    by_key: dict[str, list] = {}
    for v in model.indicators:
        by_key.setdefault(v.key, []).append(v)
    for key, values in sorted(by_key.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:15]:
        shown = "\n".join(f"{v.text} {v.region or '?'} {v.year or '?'}" for v in values[:4])
        ind.add_row(f"{values[0].label}", str(len(values)), shown)
    console.print(ind)
