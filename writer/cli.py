"""Command line: parse → call → print → exit code. Logic lives in the library."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .clihelp import ChineseCommand, ChineseGroup, UsageProblem, usage_message
from .errors import InputError

# every command and group: Chinese help (no rich), -h as well as --help
_SETTINGS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    cls=ChineseGroup,
    add_completion=False,
    no_args_is_help=True,
    context_settings=_SETTINGS,
    help="fzwriter：法治政府建设年度报告起草与审校助手。检查草稿的必备部分、编号、公文要素、数字和措辞，并从往年报告中学习写法。",
)
command = app.command  # each command below passes cls=ChineseCommand


def echo(message: str = "", err: bool = False) -> None:
    """typer.echo with the control characters of file names, regions … escaped: a name holding a
    terminal escape sequence is shown, not obeyed."""
    from .text import printable

    typer.echo(printable(str(message)), err=err)


class Format(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        echo(f"fzwriter {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="显示版本号并退出。")) -> None:
    """法治政府建设年度报告起草与审校助手。"""


def _setup(stderr: bool = True):
    """The settings in force (fzwriter.toml) and the checklists they name, loaded before any draft so
    a broken file stops the command once; says which user checklist files are in force."""
    from . import checklists
    from .config import load_config
    from .reader import limits

    config, where = load_config()
    limits.use(config.limits.limits())
    checklists.use_folder(config.folder("checklists", where))
    from . import launch

    # the checklists live as long as the process: in the command's own, set apart from the collector
    # (~2 ms of collections); a program calling the CLI in-process keeps its collector as it was
    if launch.OWN_PROCESS:
        launch.for_good(checklists.load_all)
    else:
        checklists.load_all()
    for line in checklist_notes():
        echo(line, err=stderr)
    return config, where


def _progress_bar():
    """A progress bar on standard error, the terminal it is shown for when that is one: results on
    standard output stay clean (lint … --format json | …, or output captured through a terminal)."""
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), transient=True)


def _shown(path: Path) -> str:
    """`path` as the user would type it: relative to the current folder when it is under it."""
    from .checklists import _display

    return _display(path)


def checklist_notes() -> list[str]:
    """One line naming the user's checklist files in force (nothing when only bundled ones are)."""
    from . import checklists

    folder = checklists.user_folder()
    if folder is None:
        return []
    own = [_shown(path) for _, path, mine in checklists.sources() if mine]
    notes = []
    if own:
        rest = len(checklists.FILES) - len(own)
        notes.append(f"清单：使用 {'、'.join(own)}" + (f"；其余 {rest} 个为自带清单" if rest else ""))
    else:
        notes.append(f"清单：{_shown(folder)} 里没有 fzwriter 的清单文件，全部使用自带清单")
    for p in checklists.strangers():
        notes.append(f"清单：{_shown(p)} 不是 fzwriter 的清单文件名，未读取（可用：{'、'.join(checklists.FILES)}）")
    return notes


def _check_year(year: Optional[int]) -> Optional[int]:
    from .config import check_year

    if year is not None:
        try:
            check_year(year)
        except ValueError as exc:
            raise InputError("--year", str(exc)) from None
    return year


def _check_name(value: str, option: str, what: str, limit: int | None = None) -> str:
    from .config import MAX_NAME_CHARS, check_name

    try:
        return check_name(value, what, limit or MAX_NAME_CHARS)
    except ValueError as exc:
        raise InputError(option, str(exc)) from None


@command(cls=ChineseCommand, short_help="检查报告草稿")
def lint(
    paths: List[str] = typer.Argument(..., metavar="文件或文件夹…", help="报告文件（.docx/.doc/.wps/.rtf/.odt/.pdf/.txt/.md）或文件夹（检查其中全部报告）；.doc/.wps 等需要 LibreOffice。"),
    year: Optional[int] = typer.Option(None, "--year", metavar="年度", help="报告所述年度（默认从标题、开头段、正文推断）。"),
    region: Optional[str] = typer.Option(None, "--region", metavar="名称", help="本地区或本单位名称（默认从标题、落款、开头段推断）。"),
    fmt: Format = typer.Option(Format.text, "--format", metavar="text|json", help="输出格式：text（给人看，默认）或 json（给程序用）。"),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="规则", help="只运行这些规则（代码或前缀，如 ST、WD01；可重复或用逗号分隔）。"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="规则", help="不运行这些规则（代码或前缀）。"),
    strict: bool = typer.Option(False, "--strict", help="有警告也以退出码 1 结束。"),
    annotate: Optional[Path] = typer.Option(None, "--annotate", metavar="文件夹", help="把每份报告另存一份带 Word 批注的“<文件名>.审阅.docx”到这个文件夹（原文件不动）。"),
    summary: Optional[Path] = typer.Option(None, "--summary", metavar="汇总表", help="把汇总表写入 .xlsx（含问题清单）或 .csv 文件。"),
    previous: Optional[Path] = typer.Option(None, "--previous", metavar="上年报告", help="上一年度的报告：对比同比数字（FG05）和照搬的段落（WD07）。"),
    previous_dir: Optional[Path] = typer.Option(None, "--previous-dir", metavar="文件夹", help="存放上一年度报告的文件夹：按单位和年度为每份报告找到它的上年报告。"),
    template: Optional[Path] = typer.Option(None, "--template", metavar="模板", help="本单位的 Word 模板（.docx/.dotx）：版式检查（FM 规则）以它的页面设置、行距、页码位置和字体为准，代替 GB/T 9704 的数值。"),
    fix_layout: Optional[Path] = typer.Option(None, "--fix-layout", metavar="文件夹", help="把每份 .docx 另存一份版式修正稿“<文件名>.版式.docx”到这个文件夹：页面、行距、各部分字体字号、页码按国标（或 --template）改正，文字不动（原文件不动）。"),
    last_round: Optional[Path] = typer.Option(None, "--last-round", metavar="上一轮结果", help="上一轮的批注稿（.审阅.docx）、批注稿所在文件夹或 JSON 结果：逐条说明上一轮的问题已改正、仍存在还是无法核对，并列出新发现的问题。"),
    force: bool = typer.Option(False, "--force", help="批注稿、版式修正稿、汇总表已存在时覆盖。"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="进程数", help="同时检查的进程数（默认：本机空闲的处理器核数；最多为核数；少于 4 个文件时只用一个进程）。"),
) -> None:
    """检查报告草稿：必备部分、标题编号、公文要素、数字核对、过时或写错的表述等，逐条给出原文和修改建议。"""
    from . import launch
    from .engine import choose_rules, exit_code, lint_paths, targets
    from .output import to_json, to_text

    _check_year(year)
    if region is not None:
        region = _check_name(region, "--region", "地区或单位名称")
    config, where = _setup()
    rules = choose_rules(select or config.select, (ignore or []) + config.ignore)
    if previous is not None and previous_dir is not None:
        raise InputError(None, "--previous 和 --previous-dir 只能指定其中一个")
    if previous is not None or previous_dir is not None:
        from .previous import data

        data()  # a broken checklists/previous.yml is reported before any draft is read
    drafts: list[Path] = []
    if summary is not None:
        from .summary import check_target

        # never over one of the drafts, named or found in a folder, nor the previous year's report
        drafts = [Path(t.path) for t in targets(paths) if t.error is None and os.path.isfile(t.path)]
        drafts += [p for p in (previous,) if p is not None]
        check_target(summary, force, drafts)
    progress = None
    bar = None
    meanwhile = None
    if summary is not None and summary.suffix.lower() == ".xlsx":
        def meanwhile() -> None:
            import openpyxl  # noqa: F401 - 0.3 s of imports, while the drafts are being checked
    # a bar on the terminal, unless the results go to that same terminal as JSON: whatever reads the
    # terminal reads the bar's escape codes in with the JSON (text results are read by a person)
    bar_shown = sys.stderr.isatty() and not (fmt is Format.json and sys.stdout.isatty())
    if bar_shown and sum(1 for t in targets(paths) if t.error is None) > 1:
        bar = _progress_bar()
        task = bar.add_task("检查报告", total=None)

        def progress(n: int, total: int, name: str) -> None:
            if not bar.live.is_started:
                bar.start()
            bar.update(task, completed=n, total=total, description=f"检查 {Path(name).name[:30]}")
    try:
        results = lint_paths(paths, rules, year=year or config.year, region=region or config.region,
                             severity=config.severity, annotate=annotate, force=force,
                             previous=previous, previous_dir=previous_dir, jobs=jobs, last_round=last_round,
                             progress=progress, meanwhile=meanwhile,
                             template=template or config.folder("template", where), fix_layout=fix_layout,
                             exiting=launch.OWN_PROCESS)
    finally:
        if bar is not None:
            bar.stop()
    if where is not None:  # the header says where year/region came from: this file, not the command line
        credit_config(results, where, year is None and config.year, not region and config.region)
    for r in results:
        for line in (r.error, r.problem, *r.notes):
            if line:
                echo(f"fzwriter：{line}", err=True)
    from .wording import horizon_note

    horizon = horizon_note(r.report.year for r in results if r.report is not None)
    if horizon:  # once per run, not per file
        echo(f"fzwriter：{horizon}", err=True)
    if fmt is Format.json:
        echo(to_json(results))
    else:
        to_text(results, sys.stdout)
    if summary is not None:
        from .summary import write

        write(results, summary, force=force, inputs=drafts)
        if fmt is Format.text:
            echo(f"汇总表已保存：{summary}")
    raise typer.Exit(exit_code(results, strict or config.strict))


def credit_config(results, where: Path, year_set, region_set) -> None:
    """A value taken from fzwriter.toml is credited to it, not to the command line."""
    for r in results:
        if r.report is None:
            continue
        if year_set and r.report.year_source == "命令行参数":
            r.report.year_source = where.name
        if region_set and r.report.region_source == "命令行参数":
            r.report.region_source = where.name


@command(cls=ChineseCommand, short_help="列出全部规则；--check 检验清单")
def rules(
    check: bool = typer.Option(False, "--check", help="检验正在使用的清单文件：格式是否正确，条目自带的例句是否符合预期（改完清单后运行）。"),
    facts: bool = typer.Option(False, "--facts", help="列出日期类事实（会议、规划、法律）：适用年度、来源和核对日期。"),
) -> None:
    """列出全部规则：代码、名称、默认级别、说明。加 --check 检验清单（checklists），加 --facts 列出日期类事实。"""
    if check:
        raise typer.Exit(check_checklists())
    if facts:
        from .catalogue import dated_facts

        _setup()
        for line in dated_facts():
            _echo_wrapped(line)
        return
    from .catalogue import catalogue
    from .models import SEVERITY_CN
    from .text import display_width, wrap_columns

    listed = catalogue()  # read, not imported: listing stays quick
    room = _columns()
    lines = [(f"{code}  {name:<28} {SEVERITY_CN[severity]}  ", summary) for code, name, severity, summary in listed]
    if all(display_width(head + summary) <= room for head, summary in lines):
        for head, summary in lines:
            echo(head + summary)
        return
    # too wide for the terminal: code, level and name on one line, the description under them
    for code, name, severity, summary in listed:
        echo(f"{code}  {SEVERITY_CN[severity]}  {name}")
        for line in wrap_columns(summary, room - 6):
            echo("      " + line)


def _echo_wrapped(line: str) -> None:
    """`line` in lines that fit the terminal, continued two columns further in than it starts."""
    from .text import wrap_columns

    lead = len(line) - len(line.lstrip(" "))
    room = _columns()
    parts = wrap_columns(line[lead:], room - lead)
    echo(" " * lead + parts[0])
    rest = " ".join(parts[1:])
    for more in (wrap_columns(rest, room - lead - 2) if rest else []):
        echo(" " * (lead + 2) + more)


def _columns() -> int:
    """The terminal's width (80 when the output is not a terminal: a pipe, a file, the README)."""
    import shutil

    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((80, 24)).columns)
    return 80


def check_checklists() -> int:
    """`rules --check`: every checklist file in force, its format, its entries' examples. Exit code:
    0 all good, 1 an example misbehaves, 2 a file is broken."""
    from . import checklists
    from .config import load_config

    config, where = load_config()
    checklists.use_folder(config.folder("checklists", where))
    echo("读取的清单文件：")
    for name, path, mine in checklists.sources():
        echo(f"  {name:<17} {'自定义' if mine else '自带  '}  {_shown(path)}")
    for line in checklist_notes()[1:]:
        echo(line)
    broken = checklists.check_all()
    for exc in broken:
        echo(f"fzwriter：{exc.message}", err=True)
    if broken:
        echo(f"有 {len(broken)} 个清单文件格式不对，未检验例句；改正后再运行 fzwriter rules --check。")
        return 2
    echo(f"格式：{len(checklists.FILES)} 个清单文件全部正确。")
    for name, ids in checklists.missing_from_user():
        echo(f"提示：自带的 {name} 有而你的 {name} 没有的条目：{'、'.join(ids)}"
                   "（可能是 fzwriter 更新后新增的，可从自带清单复制过去）")
    from .selfcheck import verify_examples

    problems = verify_examples()
    for line in problems:
        echo(f"fzwriter：{line}", err=True)
    if problems:
        echo(f"例句：{len(problems)} 处与实际检查结果不符（见上）。")
        return 1
    echo("例句：清单例句全部符合预期。")
    return 0


@command(cls=ChineseCommand, short_help="从往年报告中学习")
def mine(
    paths: List[Path] = typer.Argument(None, metavar="文件或文件夹…", help="往年报告所在的文件夹或文件（默认：自带的五份报告）。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="文件", help="把模型保存为 JSON 文件。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
) -> None:
    """从往年报告中学习：各部分标题写法、举措的主题、常用表述和常报指标，打印摘要，可保存为模型。"""
    from .mine import mine as run_mine
    from .output import mine_summary
    from .resources import data_dir

    _setup()
    targets = list(paths) if paths else [data_dir("seeds")]
    inputs: list[Path] = []
    if output is not None:
        from .fsutil import check_output
        from .mine import collect

        inputs = collect(targets)
        check_output(output, force, inputs)  # before the work: never over one of its own inputs
    progress = None
    if sys.stderr.isatty():
        bar = _progress_bar()
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
        echo(f"fzwriter：已跳过 {s.path}：{s.reason}", err=True)
    if output is not None:
        from .fsutil import write_atomic

        write_atomic(output, model.dumps().encode("utf-8"), force=force, inputs=inputs)
        echo(f"模型已保存：{output}")


@command(cls=ChineseCommand, short_help="起草新一年的报告（.docx）")
def new(
    region: str = typer.Option(..., "--region", metavar="名称", help="地区或单位名称，如 秦州区、盐城市大丰区、清远市司法局。"),
    year: int = typer.Option(..., "--year", metavar="年度", help="报告所述年度，如 2025（次年的安排写 2026 年）。"),
    basis: Optional[Path] = typer.Option(None, "--from", metavar="文件", help="以这份往年报告（.docx/.doc/.wps/.pdf/.txt/.md 等）为参照，代替自带语料。"),
    template: Optional[Path] = typer.Option(None, "--template", metavar="文件", help="本单位的 Word 模板（.docx/.dotx）：沿用其版头、页眉页脚、页面和字体。"),
    level: Optional[str] = typer.Option(None, "--level", metavar="层级", help="层级：政府、党委政府联合、部门、乡镇街道（默认从名称推断）。"),
    to: Optional[str] = typer.Option(None, "--to", metavar="机关", help="主送机关，如“市委、市政府”（默认按上级区划生成）。"),
    issuer: Optional[str] = typer.Option(None, "--issuer", metavar="机关", help="落款的发文机关（默认按地区和层级生成；多个用顿号分隔）。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="文件", help="输出文件（默认：当前文件夹下“地区+年度+年法治政府建设年度报告.docx”）。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
) -> None:
    """起草新一年的报告：按 GB/T 9704 版式（或本单位模板）生成 .docx，含四个必备部分、上年的结构和数字作参照、当年适用的提法，待填处标【  】。"""
    from .scaffold import messages, scaffold

    region = _check_name(region, "--region", "地区或单位名称")
    # several organs (市委、市政府) may be named: twice a name's length
    to = _check_name(to, "--to", "主送机关", 120) if to is not None else None
    issuer = _check_name(issuer, "--issuer", "发文机关", 120) if issuer is not None else None
    config, where = _setup(stderr=False)
    templates = config.folder("templates", where)
    template = template or config.folder("template", where)  # the unit's template named in fzwriter.toml
    result = scaffold(region, year, level=level, basis=basis, template=template, to=to, issuer=issuer,
                      output=output, force=force, templates=templates)
    for line in messages(result, str(result.path)):
        echo(line)
    echo(f"下一步：在 Word/WPS 中填写【  】处、按提示写好各段并删除提示，然后运行 fzwriter lint \"{_shown(result.path)}\"。")


@command(cls=ChineseCommand, short_help="打开本机网页：审阅、起草、清单")
def serve(
    port: Optional[int] = typer.Option(None, "--port", min=1, max=65535, metavar="端口", help="使用这个端口（默认自动选一个空闲端口）。"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器（只显示地址）。"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="进程数", help="审阅一批报告时同时检查的进程数（默认：本机空闲的处理器核数）。"),
) -> None:
    """在本机启动 fzwriter 网页（只有本机能访问，地址中含每次启动时生成的口令）：拖入报告审阅、填表起草、查看清单，结果与命令行相同。按 Ctrl-C 停止。"""
    from .web.server import serve as run
    from .web.work import Settings

    config, where = _setup()
    settings = Settings.of(config, where)
    settings.jobs = jobs
    run(settings, port=port, browser=not no_browser, say=typer.echo)


checklists_app = typer.Typer(cls=ChineseGroup, no_args_is_help=True, context_settings=_SETTINGS,
                              help="检查清单（checklists）：fzwriter 据以检查的数据，如全会、法律、规范表述。"
                                   "导出一份到自己的文件夹修改，在 fzwriter.toml 中写 checklists = \"文件夹\" 即可启用。")
app.add_typer(checklists_app, name="checklists", short_help="导出、查看检查清单")


@checklists_app.command("export", cls=ChineseCommand, short_help="把自带清单复制到一个文件夹")
def checklists_export(
    folder: Path = typer.Argument(..., metavar="文件夹", help="复制到这个文件夹（不存在时新建）。"),
    force: bool = typer.Option(False, "--force", help="文件夹里已有同名清单文件时覆盖。"),
) -> None:
    """把 fzwriter 自带的清单文件复制到一个文件夹，作为修改的起点。"""
    from . import checklists
    from .fsutil import os_error_cn, write_atomic
    from .resources import data_dir

    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "已存在且不是文件夹")
    names = list(checklists.FILES)
    existing = [n for n in names if (folder / n).exists()]
    if existing and not force:
        raise InputError(folder, f"已有清单文件 {'、'.join(existing)}；如要覆盖，请加 --force")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(folder, f"无法建立文件夹：{os_error_cn(exc)}") from None
    for name in names:
        write_atomic(folder / name, (data_dir("checklists") / name).read_bytes(), force=True)
    shown = _shown(folder)
    echo(f"已复制 {len(names)} 个清单文件到 {shown}：{'、'.join(names)}")
    echo(f"下一步：在当前文件夹的 fzwriter.toml 中写一行 checklists = \"{shown}\"，"
               "再修改其中的文件（用不着改的文件可以删掉，删掉的仍用自带的），改完运行 fzwriter rules --check。")


@checklists_app.command("show", cls=ChineseCommand, short_help="列出正在使用的清单文件")
def checklists_show() -> None:
    """列出正在使用的清单文件：自带的还是自定义的（fzwriter.toml 的 checklists），以及文件位置。"""
    from . import checklists
    from .config import load_config

    config, where = load_config()
    checklists.use_folder(config.folder("checklists", where))
    for name, path, mine in checklists.sources():
        echo(f"{name:<17} {'自定义' if mine else '自带  '}  {_shown(path)}")
    for line in checklist_notes()[1:]:
        echo(line)


def _streams_never_fail() -> None:
    """Characters the terminal's encoding cannot show (a GBK console, an odd name in a zip) are
    replaced rather than raised."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def _output_failed(exc: OSError) -> None:
    """Standard output cannot be written (a full disk, a closed pipe): say so on stderr, exit 2, and
    keep Python from failing again while it flushes at exit."""
    import errno
    import os

    from .fsutil import os_error_cn

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    if exc.errno == errno.EPIPE:  # `fzwriter rules | head -1`: the reader has all it wanted
        sys.exit(141)
    _say(f"fzwriter：无法写出结果（标准输出）：{os_error_cn(exc)}")
    sys.exit(2)


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click would turn into a silent exit code: this one
    passes through click to `main`, through every `finally` on the way (temporary files removed)."""


def _interrupted(signum, frame):
    raise Interrupted()


def main(argv: Optional[List[str]] = None) -> None:
    """Console entry point: every failure becomes a Chinese message and exit code 2."""
    import signal

    _streams_never_fail()
    try:
        previous = signal.signal(signal.SIGINT, _interrupted)
    except ValueError:  # not the main thread: Ctrl-C stays Python's
        previous = None
    try:
        _main(argv)
    except (Interrupted, KeyboardInterrupt):  # outputs clean up after themselves (fsutil)
        _say("\nfzwriter：已中止（Ctrl-C）")
        sys.exit(130)
    except OSError as exc:
        if exc.filename is None:  # writing the results to standard output failed
            _output_failed(exc)
        from .fsutil import os_error_cn

        _say(f"fzwriter：{exc.filename}：{os_error_cn(exc)}")
        sys.exit(2)
    except Exception as exc:  # a bug: a Chinese message, the traceback only when asked for
        import os

        if os.environ.get("FZWRITER_DEBUG"):
            raise
        _say(f"fzwriter：内部错误（{type(exc).__name__}: {str(exc)[:200]}）；"
             "请把所用命令和文件报告给 fzwriter 的维护者（设置环境变量 FZWRITER_DEBUG=1 可看到详细信息）")
        sys.exit(2)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _say(line: str) -> None:
    try:
        from .text import printable

        sys.stderr.write(printable(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _main(argv: Optional[List[str]] = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv) or ["--help"]  # no arguments: the help
    try:
        code = app(args=args, prog_name="fzwriter", standalone_mode=False)
    except InputError as exc:
        echo(f"fzwriter：{exc.message}", err=True)
        sys.exit(2)
    except UsageProblem as exc:
        echo(f"fzwriter：用法错误：{exc}（用 fzwriter -h 查看用法）", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        _flush()
        sys.exit(exc.exit_code)
    except typer.Abort:
        echo("fzwriter：已中止", err=True)
        sys.exit(130)
    except Exception as exc:
        # click's usage errors (vendored inside typer in recent releases) carry these two
        if hasattr(exc, "format_message") and getattr(exc, "exit_code", None) == 2:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a group without its command: its help
                echo(exc.ctx.get_help())
                sys.exit(0)
            ctx = getattr(exc, "ctx", None)
            where = ctx.command_path if ctx is not None else "fzwriter"
            echo(f"fzwriter：用法错误：{usage_message(exc)}（用 {where} -h 查看用法）", err=True)
            sys.exit(2)
        raise
    _flush()
    sys.exit(code or 0)


def _flush() -> None:
    """Results still buffered are written now, where a failure can be reported (not at exit)."""
    sys.stdout.flush()


if __name__ == "__main__":
    main()
