"""Command line: parse → call → print → exit code. Logic lives in the library."""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .errors import InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="fzwriter：法治政府建设年度报告起草与审校助手。检查草稿的必备部分、编号、公文要素、数字和措辞，并从往年报告中学习写法。",
)


class Format(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fzwriter {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="显示版本号并退出。")) -> None:
    """法治政府建设年度报告起草与审校助手。"""


@app.command()
def lint(
    paths: List[str] = typer.Argument(..., help="报告文件（.docx/.txt/.md）或文件夹（检查其中全部报告）。"),
    year: Optional[int] = typer.Option(None, "--year", help="报告所述年度（默认从标题、开头段、正文推断）。"),
    region: Optional[str] = typer.Option(None, "--region", help="本地区或本单位名称（默认从标题、落款、开头段推断）。"),
    fmt: Format = typer.Option(Format.text, "--format", help="输出格式：text（给人看）或 json（给程序用）。"),
    select: Optional[List[str]] = typer.Option(None, "--select", help="只运行这些规则（代码或前缀，如 ST、WD01；可重复或用逗号分隔）。"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="不运行这些规则（代码或前缀）。"),
    strict: bool = typer.Option(False, "--strict", help="有警告也以退出码 1 结束。"),
    annotate: Optional[Path] = typer.Option(None, "--annotate", help="把每份报告另存一份带 Word 批注的“<文件名>.审阅.docx”到这个文件夹（原文件不动）。"),
    summary: Optional[Path] = typer.Option(None, "--summary", help="把汇总表写入 .xlsx（含问题清单）或 .csv 文件。"),
    previous: Optional[Path] = typer.Option(None, "--previous", help="上一年度的报告：对比同比数字（FG05）和照搬的段落（WD07）。"),
    previous_dir: Optional[Path] = typer.Option(None, "--previous-dir", help="存放上一年度报告的文件夹：按单位和年度为每份报告找到它的上年报告。"),
    force: bool = typer.Option(False, "--force", help="批注稿、汇总表已存在时覆盖。"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="同时检查的进程数（默认：本机可用的处理器核数）。"),
) -> None:
    """检查报告草稿：必备部分、标题编号、公文要素、数字核对、过时或写错的表述等，逐条给出原文和修改建议。"""
    from .checklists import load_all
    from .config import load_config
    from .engine import choose_rules, exit_code, lint_paths, targets
    from .output import to_json, to_text

    load_all()
    config, _ = load_config()
    rules = choose_rules(select or config.select, (ignore or []) + config.ignore)
    if previous is not None and previous_dir is not None:
        raise InputError(None, "--previous 和 --previous-dir 只能指定其中一个")
    if previous is not None or previous_dir is not None:
        from .previous import data

        data()  # a broken checklists/previous.yml is reported before any draft is read
    if summary is not None:
        from .summary import check_target

        check_target(summary, force)
    progress = None
    bar = None
    meanwhile = None
    if summary is not None and summary.suffix.lower() == ".xlsx":
        def meanwhile() -> None:
            import openpyxl  # noqa: F401 - 0.3 s of imports, while the drafts are being checked
    if sys.stderr.isatty() and sum(1 for t in targets(paths) if t.error is None) > 1:
        from rich.progress import Progress

        bar = Progress(transient=True)
        task = bar.add_task("检查报告", total=None)

        def progress(n: int, total: int, name: str) -> None:
            if not bar.live.is_started:
                bar.start()
            bar.update(task, completed=n, total=total, description=f"检查 {Path(name).name[:30]}")
    try:
        results = lint_paths(paths, rules, year=year or config.year, region=region or config.region,
                             severity=config.severity, annotate=annotate, force=force,
                             previous=previous, previous_dir=previous_dir, jobs=jobs, progress=progress,
                             meanwhile=meanwhile)
    finally:
        if bar is not None:
            bar.stop()
    for r in results:
        for line in (r.error, r.problem, *r.notes):
            if line:
                typer.echo(f"fzwriter：{line}", err=True)
    if fmt is Format.json:
        typer.echo(to_json(results))
    else:
        to_text(results, sys.stdout)
    if summary is not None:
        from .summary import write

        write(results, summary, force=force)
        if fmt is Format.text:
            typer.echo(f"汇总表已保存：{summary}")
    raise typer.Exit(exit_code(results, strict or config.strict))


@app.command()
def rules(
    check: bool = typer.Option(False, "--check", help="用清单里的例句检验 checklists/ 的各条目（改完 YAML 后运行）"),
) -> None:
    """列出全部规则：代码、名称、默认级别、说明。"""
    from .output import SEVERITY_CN
    from .rules import RULES

    if check:
        from .checklists import load_all
        from .selfcheck import verify_examples

        load_all()
        problems = verify_examples()
        for line in problems:
            typer.echo(f"fzwriter：{line}", err=True)
        if problems:
            raise typer.Exit(1)
        typer.echo("清单例句全部符合预期。")
        return
    for r in RULES:
        typer.echo(f"{r.code}  {r.name:<28} {SEVERITY_CN[r.severity]}  {r.summary}")


@app.command()
def mine(
    paths: list[Path] = typer.Argument(None, help="往年报告所在的文件夹或文件（默认：自带的五份报告）"),
    output: Path = typer.Option(None, "-o", "--output", help="把模型保存为 JSON 文件"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
) -> None:
    """从往年报告中学习：各部分标题写法、举措的主题、常用表述和常报指标，打印摘要，可保存为模型。"""
    from .checklists import load_all
    from .mine import mine as run_mine
    from .output import mine_summary
    from .resources import data_dir

    load_all()
    targets = list(paths) if paths else [data_dir("seeds")]
    if output is not None and output.exists() and not force:
        raise InputError(output, "文件已存在；如要覆盖，请加 --force")
    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(transient=True)
        bar.start()
        task = bar.add_task("读取报告", total=None)

        def progress(n: int, total: int, name: str) -> None:
            bar.update(task, completed=n, total=total, description=f"读取 {name[:30]}")
    try:
        model = run_mine(targets, progress)
    finally:
        if progress is not None:
            bar.stop()
    mine_summary(model, sys.stdout)
    for s in model.skipped:
        typer.echo(f"fzwriter：已跳过 {s.path}：{s.reason}", err=True)
    if output is not None:
        from .fsutil import write_atomic

        write_atomic(output, model.dumps().encode("utf-8"), force=force)
        typer.echo(f"模型已保存：{output}")


@app.command()
def new(
    region: str = typer.Option(..., "--region", help="地区或单位名称，如 秦州区、盐城市大丰区、清远市司法局。"),
    year: int = typer.Option(..., "--year", help="报告所述年度，如 2025（次年的安排写 2026 年）。"),
    basis: Optional[Path] = typer.Option(None, "--from", help="以这份往年报告（.docx/.txt/.md）为参照，代替自带语料。"),
    template: Optional[Path] = typer.Option(None, "--template", help="本单位的 Word 模板（.docx/.dotx）：沿用其样式、页面、页眉页脚和版头。"),
    level: Optional[str] = typer.Option(None, "--level", help="层级：政府、党委政府联合、部门、乡镇街道（默认从名称推断）。"),
    to: Optional[str] = typer.Option(None, "--to", help="主送机关，如“市委、市政府”（默认按上级区划生成）。"),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="落款的发文机关（默认按地区和层级生成；多个用顿号分隔）。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认：当前文件夹下“地区+年度+年法治政府建设年度报告.docx”）。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
) -> None:
    """起草新一年的报告：按 GB/T 9704 版式（或本单位模板）生成 .docx，含四个必备部分、上年的结构和数字作参照、当年适用的提法，待填处标【  】。"""
    from .checklists import load_all
    from .config import load_config
    from .scaffold import scaffold

    load_all()
    config, where = load_config()
    templates = None
    if config.templates:
        templates = Path(config.templates)
        if not templates.is_absolute() and where is not None:
            templates = where.parent / templates
    result = scaffold(region, year, level=level, basis=basis, template=template, to=to, issuer=issuer,
                      output=output, force=force, templates=templates)
    for line in result.plan.notices:
        typer.echo(f"说明：{line}")
    typer.echo(f"已生成：{result.path}（待填 {result.placeholders} 处，填写提示 {result.hints} 条）")
    for f in result.findings:
        typer.echo(f"请注意：{f.rule} 第{f.location.paragraph}段：{f.message}")
    typer.echo(f"下一步：在 Word/WPS 中填写【  】处、按提示写好各段并删除提示，然后运行 fzwriter lint \"{result.path.name}\"。")


def usage_message(exc) -> str:
    """click's usage errors in Chinese (the kinds a user meets; anything else keeps click's words)."""
    kind = type(exc).__name__
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if not hint and param is not None:
        hint = "/".join(getattr(param, "opts", []) or [param.name or ""])
    hint = str(hint or "").replace("'", "")
    if kind == "MissingParameter":
        if getattr(param, "param_type_name", "") == "argument":
            return f"缺少参数 {hint or ''}（如要检查的文件）".strip()
        return f"缺少必填选项 {hint}"
    if kind == "NoSuchOption":
        name = getattr(exc, "option_name", "")
        near = getattr(exc, "possibilities", None) or []
        return f"没有选项 {name}" + (f"，是否想用 {'、'.join(near)}" if near else "")
    if kind == "BadParameter":
        detail = exc.format_message().split(":", 1)[-1].strip()
        if "integer" in detail:
            detail = "应为整数，如 2025"
        elif "is not one of" in detail:
            detail = "可选：" + "、".join(re.findall(r"'([^']+)'", detail.split("is not one of", 1)[1]))
        return f"{hint} 的值不合法（{detail}）"
    text = exc.format_message()
    m = re.match(r"No such command '(.+)'", text)
    if m:
        return f"没有命令 {m.group(1)}；可用：lint、new、mine、rules"
    return text


def main() -> None:
    """Console entry point: every failure becomes a Chinese message and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except InputError as exc:
        typer.echo(f"fzwriter：{exc.message}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("fzwriter：已中止", err=True)
        sys.exit(130)
    except Exception as exc:
        # click's usage errors (vendored inside typer in recent releases) carry these two
        if hasattr(exc, "format_message") and getattr(exc, "exit_code", None) == 2:
            typer.echo(f"fzwriter：用法错误：{usage_message(exc)}（用 fzwriter --help 查看用法）", err=True)
            sys.exit(2)
        raise
    sys.exit(code or 0)


if __name__ == "__main__":
    main()
