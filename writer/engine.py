"""Run the rules on drafts: choose rules, stamp severity, sort; batch over files and folders.

A batch (a folder or several files) is checked on the available cores by a process pool; each
file's outcome — findings, unreadable, not a report, an unexpected failure — belongs to that file
alone, and results come back in the order the files were listed.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Callable

from .errors import InputError
from .models import SEVERITY_RANK, Finding, Report, Severity
from .parallel import pool, workers
from .rules import BY_CODE, RULES, Rule

# A file found in a folder is taken for a report only when it runs to a few hundred characters and
# has a report's title or speaks of 法治/依法行政; notes (说明.md, 目录.txt) are listed as skipped.
NOT_REPORT = "不像年度报告，已跳过"
REPORT_MIN_CHARS = 300
_ABOUT = re.compile(r"法治|依法行政|法制")
ANNOTATED = ".审阅"  # <name>.审阅.docx: fzwriter's own output, never an input
FIXED = ".版式"  # <name>.版式.docx: the layout fixed by --fix-layout, never an input either


def choose_rules(select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored prefix."""
    known = [r.code for r in RULES]

    def norm(codes):
        out = []
        for c in codes or []:
            for part in str(c).replace("，", ",").split(","):
                part = part.strip().upper()
                if not part:
                    continue
                if not any(k.startswith(part) for k in known) and not part.startswith(("FG", "WD", "FM")):
                    raise InputError(None, f"未知的规则代码或前缀“{part}”；用 fzwriter rules 查看全部规则")
                out.append(part)
        return out

    sel, ign = norm(select), norm(ignore)
    chosen = []
    for cls in RULES:
        if sel and not any(cls.code.startswith(s) for s in sel):
            continue
        if any(cls.code.startswith(i) for i in ign):
            continue
        chosen.append(cls())
    return chosen


def lint_report(report: Report, rules: list[Rule], severity: dict[str, Severity] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        for f in rule.check(report):
            if severity and f.rule in severity:
                f.severity = severity[f.rule]
            findings.append(f)
    findings.sort(key=_order)
    return findings


def _order(f: Finding) -> tuple[int, int, str]:
    """Findings in reading order; one rule's findings at one place keep the order it gave them."""
    return f.location.paragraph, f.location.start, f.rule


@dataclass
class FileResult:
    path: str
    report: Report | None = None
    error: str | None = None  # why the file could not be read (Chinese), or None
    findings: list[Finding] = field(default_factory=list)
    figures: dict[str, int] | None = None  # coverage of the figure checks, when they ran
    skipped: str | None = None  # a file in a folder that is not a report: why it was not linted
    previous: str | None = None  # the previous year's report it was compared with
    annotated: str | None = None  # the commented copy written by --annotate
    fixed: str | None = None  # the copy with its layout corrected, written by --fix-layout
    notes: list[str] = field(default_factory=list)  # what the user should know (Chinese), for stderr
    problem: str | None = None  # an output that could not be written (Chinese): exit 2
    statements: list | None = None  # counts stated for the whole area, for the batch's comparison (county.py)
    earlier: tuple | None = None  # --last-round: (where the first round's findings came from, the findings)
    passages: list | None = None  # … where each of them stands in this draft (rounds.passages)
    round: object | None = None  # … and the comparison (rounds.Round)
    # the report's paragraphs as (text, heading level, in a table), 1-based paragraph n at n - 1:
    # what a viewer shows the findings on (`lint_paths(texts=True)`; kept when the report is slimmed)
    texts: list[tuple[str, int | None, bool]] | None = None

    def count(self, level: str) -> int:
        return sum(1 for f in self.findings if f.severity == level)

    @property
    def verdict(self) -> str:
        """What the reviewer does with it: 退回修改 (errors), 建议修改 (warnings), 通过."""
        if self.error:
            return "无法读取"
        if self.skipped:
            return "已跳过"
        if self.count("error"):
            return "退回修改"
        if self.count("warning"):
            return "建议修改"
        return "通过"

    @property
    def converted_from(self) -> str | None:
        """The format LibreOffice converted the draft from (".doc", ".wps" …), if it did."""
        return self.report.source if self.report is not None else None

    @property
    def read_as(self) -> str:
        """How the draft was read, for the summary: converted, a PDF's text, or as it is (empty)."""
        if self.converted_from:
            return f"由 {self.converted_from} 转换为 .docx 检查"
        if self.report is not None and self.report.kind == "pdf":
            return "PDF：只读取文字，无批注稿"
        return ""

    @property
    def parts_missing(self) -> list[str]:
        return sorted({f.section_id for f in self.findings if f.rule == "ST01" and f.section_id})


@dataclass
class Target:
    """One file to check; `listed` when the user named it (never skipped as not a report)."""

    path: str
    listed: bool = True
    error: str | None = None
    converted: str | None = None  # the .docx LibreOffice made of it (a .doc, .wps …), while the batch lasts


def collect(paths: list[str]) -> list[tuple[str, InputError | None]]:
    """Expand folders into their drafts; a missing path or an empty folder is an error entry."""
    out: list[tuple[str, InputError | None]] = []
    for t in targets(paths):
        out.append((t.path, InputError(t.path, t.error.removeprefix(f"{t.path}：")) if t.error else None))
    return out


def taken() -> set[str]:
    """The suffixes lint takes from a folder: every format it reads (.doc and .pdf too, reported
    when they cannot be read here rather than passed over)."""
    from .reader import INPUT_SUFFIXES

    return set(INPUT_SUFFIXES)


def targets(paths: list[str], suffixes: set[str] | None = None) -> list[Target]:
    """Expand folders into their drafts (every format fzwriter reads, by default: .doc and .pdf too,
    reported when they cannot be read here rather than passed over); a missing path or a folder
    without drafts is an error."""
    from .reader import FORMATS_CN

    wanted = suffixes if suffixes is not None else taken()
    out: list[Target] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and in_folder(p.relative_to(path), wanted))
            if not found:
                out.append(Target(raw, error=InputError(path, f"文件夹中没有报告文件（{FORMATS_CN}）").message))
            out.extend(Target(str(p), listed=False) for p in found)
        elif not path.exists():
            out.append(Target(raw, error=InputError(path, "文件不存在").message))
        else:
            out.append(Target(raw))
    return out


def in_folder(relative: PurePath, suffixes: set[str]) -> bool:
    """Whether a file at `relative` inside a folder given to lint is taken as a draft: one of
    `suffixes`, not Word's ~$ lock file, not hidden nor in a hidden folder, not a commented or fixed copy."""
    return (relative.suffix.lower() in suffixes and not relative.name.startswith(("~$", "."))
            and not relative.stem.endswith((ANNOTATED, FIXED))
            and not any(part.startswith(".") for part in relative.parts[:-1]))


def looks_like_report(report: Report) -> bool:
    """Long enough to report on a year, with a report's title or text about 法治 (web copies lose
    their titles); a one-paragraph note that names the reports is neither."""
    text = "".join(p.norm for p in report.paragraphs if not p.furniture)
    if len(re.sub(r"\s", "", text)) < REPORT_MIN_CHARS:
        return False
    return report.title is not None or bool(_ABOUT.search(text))


@dataclass
class Options:
    """What every file of a batch is checked with (picklable: it travels to the worker processes)."""

    codes: list[str]
    severity: dict[str, Severity] | None = None
    year: int | None = None
    region: str | None = None
    annotate: str | None = None  # folder for <name>.审阅.docx
    force: bool = False
    previous: Report | None = None  # --previous: one report for every input
    candidates: list[tuple[str, str | None, int | None]] | None = None  # --previous-dir: (path, region, year)
    slim: bool = False  # drop paragraphs from the returned report (batches: memory flat in size)
    converted: dict[str, str] = field(default_factory=dict)  # the .docx LibreOffice made of each file of the batch
    county: bool = False  # a batch: read what each report states for its whole area (county.py)
    last_round: list | None = None  # --last-round: the first round's reports (rounds.Entry)
    alone: bool = True  # one draft checked: it pairs with a first round of one report whatever its name
    texts: bool = False  # keep each paragraph's text in the result (FileResult.texts)
    inputs: list[str] = field(default_factory=list)  # every draft of the run: no output replaces one
    template: str | None = None  # a unit's template: the layout reference instead of GB/T 9704
    fix_layout: str | None = None  # folder for <name>.版式.docx
    fixed_names: list[str | None] | None = None  # their names, by target index
    exiting: bool = False  # lint_paths(exiting=True): the process ends once the results are out


class PatternStalled(Exception):
    """A pattern of the user's checklists cannot get through a draft in time: every other draft
    would stall on it as well, so the batch stops with this message (Chinese, naming the pattern)."""


def _check_one(path: str, listed: bool, out_name: str | None, opts: Options,
               fixed_name: str | None = None, converted: str | None = None, last: bool = False) -> FileResult:
    """One draft, within the CPU time [limits] max_seconds gives it: a draft that runs over is
    reported as not checked, or, when a pattern of the user's checklists is to blame, stops the batch.
    `last`: the run's last draft in a process that ends after it (Options.exiting): the collector is
    left off, as its first pass would walk every object the draft left (~9 ms at 200 pages) for
    nothing, and the draft's parsed parts are left to the process's end."""
    import gc

    from .guard import OverBudget, cpu_budget
    from .reader.limits import current

    seconds = current().max_seconds
    collecting = gc.isenabled()
    # a draft's objects are freed by reference counting as it is checked (those it keeps, with the
    # report, live until its result is out): the collector's passes meanwhile find next to nothing
    # (the peak memory of a 400-page lint is the same without them) and cost ~10 ms at 200 pages
    gc.disable()
    try:
        with cpu_budget(seconds):
            return _check_within(path, listed, out_name, opts, fixed_name, converted, last)
    except OverBudget:
        pass
    finally:
        if collecting and not last:
            gc.enable()
            _catch_up(gc)
    from . import checklists

    reason = f"{path}：检查超过 {seconds} 秒（CPU 时间）仍未完成，已停止，未能检查"
    if checklists.user_folder() is not None:
        from .patterns import culprit
        from .reader import read_report

        try:
            report = read_report(path, converted=converted)
        except InputError:
            report = None
        found = culprit([p.text for p in report.paragraphs]) if report is not None else None
        if found is not None:
            where, key, pattern = found
            raise PatternStalled(f"{where}：{key} 的正则表达式“{_short(pattern)}”在 {path} 上匹配超过 "
                                 f"{seconds} 秒仍未完成，检查已全部停止；请改写这个表达式（避免 (法+)+ 这类嵌套的重复），"
                                 "改完运行 fzwriter rules --check")
        reason += "（可能是自定义清单中的正则表达式过于复杂；可运行 fzwriter rules --check 检查）"
    else:
        reason += "；请把该文件反馈给 fzwriter 的维护者（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_seconds）"
    return FileResult(path=path, error=reason)


def _catch_up(gc) -> None:
    """The collections the paused collector would have made: the report, kept alive past _free's
    collection of the youngest generation, is garbage in an older one now, which only an automatic
    collection would reach, and a batch makes too few objects between drafts to set one off (600
    drafts grew to 180 MB)."""
    counts, limits = gc.get_count(), gc.get_threshold()
    for generation in (2, 1):
        if counts[generation] > limits[generation]:
            gc.collect(generation)
            return


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _check_within(path: str, listed: bool, out_name: str | None, opts: Options,
                  fixed_name: str | None = None, converted: str | None = None, last: bool = False) -> FileResult:
    from .reader import PARSED, read_report

    try:
        report = read_report(path, year=opts.year, region=opts.region, converted=converted)
    except InputError as exc:
        _free()
        return FileResult(path=path, error=exc.message)
    if report.kind not in ("docx", "txt", "md"):
        # a PDF's reader leaves webs of objects behind; the .docx and text readers none (~1.5 ms a
        # collection for nothing at 200 pages)
        _free()
    if opts.template:
        from .layout import use_template

        use_template(report, opts.template)
    result = FileResult(path=path, report=report, notes=list(report.notes))
    if not listed and not looks_like_report(report):
        result.skipped = NOT_REPORT
        result.report = _slim(report)
        return result
    _attach_previous(report, result, opts)
    result.findings = lint_report(report, [BY_CODE[c]() for c in opts.codes], opts.severity)
    if not last:  # the parsed parts (lxml trees, ~5 ms to free at 200 pages) go with the checking
        report.__dict__.pop(PARSED, None)
    _coverage(report, result, opts)
    _fix(report, result, fixed_name, opts)
    if opts.county:
        from .county import statements

        result.statements = statements(report)
    if opts.last_round is not None:
        from .rounds import pair, passages

        entry = pair(opts.last_round, path, report.region, report.year, opts.alone)
        if entry is not None:
            result.earlier = (entry.path, entry.findings)
            result.passages = passages(report, entry.findings)
    return _finish(report, result, out_name, opts)


def _fix(report: Report, result: FileResult, name: str | None, opts: Options) -> None:
    """--fix-layout: the copy with its layout corrected (a .docx only; the others are said so)."""
    if opts.fix_layout is None or name is None:
        return
    if report.kind != "docx" or report.source is not None:
        result.notes.append(f"{report.path}：不是 Word（.docx）文档，没有版式可修正"
                            + ("（请在 Word/WPS 中另存为 .docx 后再修正）" if report.source else ""))
        return
    from .layoutfix import fix_layout

    target = Path(opts.fix_layout) / name
    try:
        fix_layout(report, target, force=opts.force, inputs=opts.inputs)
        result.fixed = str(target)
    except InputError as exc:
        result.problem = exc.message
    finally:
        _free()


def _coverage(report: Report, result: FileResult, opts: Options) -> None:
    if any(c.startswith("FG") for c in opts.codes):
        from .figures import analyse

        fa = analyse(report)
        result.figures = {"extracted": len(fa.figures), "checkable": fa.checkable,
                          "inconsistent": sum(1 for f in result.findings if f.rule.startswith("FG"))}


def _finish(report: Report, result: FileResult, out_name: str | None, opts: Options) -> FileResult:
    """The commented copy, then the report slimmed for the trip back to the main process."""
    if opts.annotate is not None and out_name is not None and report.kind == "pdf":
        result.notes.append(f"{report.path}：PDF 里不能写批注，未生成批注稿；批注稿需要 Word 文件"
                            "（.docx，或 .doc/.wps 等能转换的格式），可请报送单位提供")
    elif opts.annotate is not None and out_name is not None:
        from .annotate import annotate

        target = Path(opts.annotate) / out_name
        try:
            annotate(report, result.findings, target, force=opts.force, inputs=opts.inputs)
            result.annotated = str(target)
        except InputError as exc:
            result.problem = exc.message
        finally:
            _free()
    if opts.texts:
        result.texts = [(p.text, p.level, p.in_table) for p in report.paragraphs]
    if opts.slim:
        result.report = _slim(report)
    return result


def _free() -> None:
    """A python-docx document (an annotated copy, a layout fix) or a PDF's layout objects are webs of
    reference cycles that only the collector frees; the youngest generation holds them right after
    use (~4 ms), instead of ~50 MB waiting for a full pass."""
    import gc

    gc.collect(0)


def _attach_previous(report: Report, result: FileResult, opts: Options) -> None:
    prev = opts.previous
    if prev is None and opts.candidates:
        from .previous import choose_previous  # only with --previous-dir: its patterns cost a start-up

        path, note = choose_previous(report, opts.candidates)
        if note:
            result.notes.append(note)
        if path is not None:
            from .reader import read_report

            try:
                prev = read_report(path, converted=opts.converted.get(path))
            except InputError as exc:
                result.notes.append(f"上年报告无法读取：{exc.message}")
    elif prev is not None and prev.year and report.year and prev.year != report.year - 1:
        result.notes.append(f"{report.path}：--previous 指定的 {prev.path} 是{prev.year}年度报告，"
                            f"不是{report.year - 1}年度的，未与上年对比")
        prev = None
    if prev is not None:
        report.previous = prev
        result.previous = prev.path


def _slim(report: Report) -> Report:
    """The report's metadata without its text, caches or previous year: what output needs."""
    return replace(report, paragraphs=[], previous=None)  # a new object: memo() caches stay behind


_WARM_TEXT = [
    "某县人民政府关于2024年法治政府建设情况的报告",
    "市委、市政府：",
    "2024年，某县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。",
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）强化组织领导。全年受理行政复议申请58件，审结53件（含上年结转5件），其中维持33件、撤销4件，纠错率7.5%；"
    "较上年的62件下降6.5%。",
    "| 项目 | 2024年 | 2023年 | 同比 |",
    "| 受理（件） | 58 | 62 | 下降6.5% |",
    "二、存在的不足和原因",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "四、2025年工作安排",
    "某县人民政府",
    "2025年1月20日",
]


def _warm(opts: Options) -> None:
    """Run every chosen rule once on a small made-up report, so the imports, regular expressions and
    data the rules load lazily are in memory before the workers are forked."""
    try:
        from lxml import etree  # noqa: F401 - the .docx reader's parser, imported by every worker otherwise

        from .reader import docx  # noqa: F401

        from .reader.build import build
        from .reader.raw import RawParagraph

        report = build([RawParagraph(text=t) for t in _WARM_TEXT], "warm.txt", "txt")
        lint_report(report, [BY_CODE[c]() for c in opts.codes], opts.severity)
    except Exception:  # noqa: BLE001 - an optimisation only: the workers load what they need themselves
        pass


def _run_one(index: int, target: Target, out_name: str | None, opts: Options,
             last: bool = False) -> tuple[int, FileResult]:
    """A worker's unit of work: any failure is this file's error, never the batch's."""
    try:
        fixed = opts.fixed_names[index] if opts.fixed_names else None
        result = _check_one(target.path, target.listed, out_name, opts, fixed, target.converted, last)
    except PatternStalled:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug on one draft must not stop the others
        result = FileResult(path=target.path, error=f"{target.path}：检查时出错（{type(exc).__name__}：{exc}），"
                                                    "请把该文件反馈给维护者")
    return index, result


def _read_meta(path: str, converted: str | None = None) -> tuple[str, str | None, int | None, str | None]:
    from .reader import read_report

    try:
        report = read_report(path, converted=converted)
    except InputError as exc:
        return path, None, None, exc.message
    except Exception as exc:  # noqa: BLE001
        return path, None, None, f"{path}：读取时出错（{type(exc).__name__}）"
    return path, report.region, report.year, None


def output_names(todo: list[Target], suffix: str = ANNOTATED) -> list[str | None]:
    """`<name>.审阅.docx` for each readable target; a name two inputs share gets its folder path, and
    then its format (报告.doc and 报告.docx in one folder: 报送_报告.doc.审阅.docx, 报送_报告.审阅.docx)."""
    def name(path: Path, full: bool, form: bool = False) -> str:
        stem = "_".join([*path.parent.parts[-3:], path.stem]) if full else path.stem
        if form and path.suffix.lower() not in (".docx", ""):
            stem += path.suffix.lower()
        return stem.replace(os.sep, "_") + suffix + ".docx"

    paths = [Path(t.path) if t.error is None else None for t in todo]
    first = [name(p, False) if p else None for p in paths]
    dup = {n for n in first if n and first.count(n) > 1}
    names = [name(p, True) if n in dup else n for p, n in zip(paths, first)]
    again = {n for n in names if n and names.count(n) > 1}
    names = [name(p, True, True) if n in again else n for p, n in zip(paths, names)]
    seen: dict[str, int] = {}
    out: list[str | None] = []
    for p, n in zip(paths, names):
        if n is None:
            out.append(None)
            continue
        if n in seen:  # same folder tail too: number them
            seen[n] += 1
            stem, ext = n.rsplit(".", 1)
            n = f"{stem}-{seen[n]}.{ext}"
        else:
            seen[n] = 1
        out.append(n)
    return out


def lint_paths(paths: list[str], rules: list[Rule], *, year: int | None = None,
               region: str | None = None, severity: dict[str, Severity] | None = None,
               annotate: str | Path | None = None, force: bool = False,
               previous: str | Path | None = None, previous_dir: str | Path | None = None,
               jobs: int | None = None, last_round: str | Path | None = None,
               progress: Callable[[int, int, str], None] | None = None,
               meanwhile: Callable[[], None] | None = None, texts: bool = False,
               template: str | Path | None = None, fix_layout: str | Path | None = None,
               exiting: bool = False) -> list[FileResult]:
    """Check every draft in `paths`, in parallel when there are several; results in input order.

    `annotate`: folder for the commented copies; `previous`: last year's report for every input;
    `previous_dir`: a folder of previous reports, paired with each input by unit and year;
    `last_round`: the first round's result (commented copies or JSON) to say what was fixed;
    `meanwhile`: work for this process while the workers check the files (after they started);
    `texts`: keep each report's paragraph text in its result (the page shows findings on it).
    `template`: a unit's template whose layout the drafts are held to (FM rules, the fix);
    `fix_layout`: folder for the copies with their layout corrected.
    `exiting`: the caller's process ends once it has the results out (the command line): the last
    draft checked here leaves the garbage collector off and its objects unfreed (see _check_one).
    """
    from .reader import convert_batch

    todo = targets(paths)
    # every draft of the run (and last year's report): no output may replace one, even with --force
    inputs = [t.path for t in todo if t.error is None] + ([str(previous)] if previous is not None else [])
    # folders it must not write, and a template it cannot use, are said before any work
    names = (_output_folder(annotate, "--annotate", todo, ANNOTATED, force, inputs) if annotate is not None
             else [None] * len(todo))
    fixed_names = _output_folder(fix_layout, "--fix-layout", todo, FIXED, force, inputs) if fix_layout else None
    if template is not None:
        from .layout import from_template

        from_template(template)
    previous_files = _previous_files(previous_dir)
    # every file LibreOffice must read, in one start: the drafts, last year's report, its folder
    wanted = [t.path for t in todo if t.error is None] + [str(previous)] * (previous is not None) + previous_files
    batch = convert_batch(wanted)
    converted, failed = (batch.docx, batch.errors) if batch is not None else ({}, {})
    try:
        for t in todo:
            if t.error is None and t.path in failed:
                t.error = f"{t.path}：{failed[t.path]}"
            t.converted = converted.get(t.path)
        return _lint_targets(todo, names, rules, year=year, region=region, severity=severity,
                             annotate=annotate, force=force, previous=previous, previous_files=previous_files,
                             converted=converted, failed=failed, jobs=jobs, progress=progress,
                             meanwhile=meanwhile, texts=texts, inputs=inputs, template=template,
                             fix_layout=fix_layout, fixed_names=fixed_names, last_round=last_round,
                             exiting=exiting)
    finally:
        if batch is not None:
            batch.close()  # the converted copies go once the commented copies are written


def _previous_files(folder: str | Path | None) -> list[str]:
    """The reports in the --previous-dir folder (read like a folder given to lint)."""
    if folder is None:
        return []
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "不是文件夹（--previous-dir 需要存放上年报告的文件夹）")
    from .reader import FORMATS_CN

    files = [t.path for t in targets([str(folder)]) if t.error is None]
    if not files:
        raise InputError(folder, f"文件夹中没有报告文件（{FORMATS_CN}）")
    return files


def _lint_targets(todo: list[Target], names: list[str | None], rules: list[Rule], *, year, region, severity,
                  annotate, force, previous, previous_files: list[str], converted: dict[str, str],
                  failed: dict[str, str], jobs, progress, meanwhile, texts: bool, inputs: list[str],
                  template, fix_layout, fixed_names: list[str | None] | None, last_round,
                  exiting: bool = False) -> list[FileResult]:
    from .reader import read_report

    opts = Options(codes=[r.code for r in rules], severity=severity, year=year, region=region,
                   force=force, converted=dict(converted), texts=texts, inputs=inputs,
                   template=str(template) if template is not None else None,
                   fix_layout=str(fix_layout) if fix_layout is not None else None, fixed_names=fixed_names,
                   exiting=exiting)
    if annotate is not None:
        opts.annotate = str(Path(annotate))
    if previous is not None:
        if str(previous) in failed:
            raise InputError(previous, failed[str(previous)])
        opts.previous = read_report(previous, converted=converted.get(str(previous)))
    if last_round is not None:
        from .rounds import load

        opts.last_round = load(last_round)
    live = [i for i, t in enumerate(todo) if t.error is None]
    jobs = workers(jobs, len(live))
    opts.alone = len(live) == 1
    opts.slim = len(todo) > 1
    # several reports: compared with each other (one county, one set of figures)
    opts.county = len(live) > 1 and "FG04" in opts.codes
    if previous_files:
        opts.candidates = _candidates(previous_files, opts.converted, jobs)
    results: list[FileResult | None] = [None] * len(todo)
    for i, t in enumerate(todo):
        if t.error is not None:
            results[i] = FileResult(path=t.path, error=t.error)
    done = 0
    try:
        if jobs == 1 or len(live) < 2:
            for i in live:
                results[i] = _run_one(i, todo[i], names[i], opts, opts.exiting and i == live[-1])[1]
                done += 1
                if progress:
                    progress(done, len(live), todo[i].path)
        else:
            _run_pool(todo, live, names, opts, jobs, results, progress, meanwhile)
            meanwhile = None
    except PatternStalled as exc:
        raise InputError(None, str(exc)) from None
    if meanwhile is not None:
        meanwhile()
    out = [r for r in results if r is not None]
    if opts.county:
        from .county import check as check_county

        changed = check_county(out, opts.codes, opts.severity)
        if opts.annotate is not None and changed:  # their copies, written before, get these comments too
            _annotate_again([r for r in out if r.path in changed and r.annotated], opts, jobs)
    if opts.last_round is not None:
        _compare_rounds(out, opts)
    return out


def _compare_rounds(results: list[FileResult], opts: Options) -> None:
    """Each report against its first round (after the comparison across reports has added its findings)."""
    from .rounds import compare

    live = [r for r in results if r.report is not None and not r.error and not r.skipped]
    batch = ({n for r in live for n in (r.report.region, Path(r.path).name) if n} if opts.county else None)
    for r in results:
        if r.report is None or r.error or r.skipped:
            continue
        if r.earlier is None:
            r.notes.append(f"{r.path}：上一轮结果中没有这份报告（按文件名、单位和年度都没有找到），本轮问题均按新发现列出")
            continue
        source, earlier = r.earlier
        r.round = compare(source, earlier, r.passages or [], r.findings, opts.codes, r.previous is not None,
                          batch)


def _annotate_one(path: str, findings: list[Finding], target: str, opts: Options) -> tuple[str | None, str | None]:
    """A commented copy written again with the findings the batch comparison added: (the copy, or the
    problem). It replaces the copy this run wrote a moment ago, never anything else."""
    from .annotate import annotate
    from .reader import read_report

    try:
        report = read_report(path, year=opts.year, region=opts.region, converted=opts.converted.get(path))
        annotate(report, findings, Path(target), force=True, inputs=opts.inputs)
        return target, None
    except InputError as exc:
        return None, exc.message
    except Exception as exc:  # noqa: BLE001 - one copy failing is that file's problem
        return None, f"{path}：生成批注稿时出错（{type(exc).__name__}）"
    finally:
        _free()


def _annotate_again(todo: list[FileResult], opts: Options, jobs: int) -> None:
    """The commented copies of the reports the comparison across reports added findings to."""
    if jobs == 1 or len(todo) < 2:
        done = [_annotate_one(r.path, r.findings, r.annotated, opts) for r in todo]
    else:
        with pool(min(jobs, len(todo))) as workers:
            done = list(workers.map(_annotate_one, [r.path for r in todo], [r.findings for r in todo],
                                    [r.annotated for r in todo], [opts] * len(todo)))
    for r, (written, problem) in zip(todo, done):
        r.annotated, r.problem = written, problem or r.problem


def _output_folder(folder: str | Path, option: str, todo: list[Target], suffix: str, force: bool,
                   inputs: list[str]) -> list[str | None]:
    """The names of the copies written to `folder` (created), checked before any work: an existing
    copy without --force, a device, or one of the drafts themselves is refused."""
    from .fsutil import check_output

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, f"已存在同名文件，{option} 需要一个文件夹")
    folder.mkdir(parents=True, exist_ok=True)
    names = output_names(todo, suffix)
    for n in names:
        if n is not None:
            check_output(folder / n, force, inputs)
    return names


def _run_pool(todo: list[Target], live: list[int], names: list[str | None], opts: Options, jobs: int,
              results: list, progress, meanwhile=None) -> None:
    """Check `live` files on `jobs` worker processes, results stored by index as they come."""
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    pending = deque(live)
    done = 0
    size = min(jobs, len(live))
    if sys.platform.startswith("linux"):
        _warm(opts)  # forked workers inherit what is imported and compiled here, instead of each paying it
    workers = pool(size)
    inflight: dict = {}  # future → index
    # a worker that dies (killed, out of memory) breaks the whole pool: the files it held are tried
    # once more in a fresh pool, and a file in flight at two breaks is reported, not tried again
    broken_at: dict[int, int] = {}

    def feed() -> None:
        # two files a worker: one running, one waiting, so no worker idles between results
        while pending and len(inflight) < 2 * size:
            i = pending.popleft()
            try:
                inflight[workers.submit(_run_one, i, todo[i], names[i], opts)] = i
            except BrokenProcessPool:
                pending.appendleft(i)
                return

    try:
        feed()
        if meanwhile is not None:  # the workers are forked by now: nothing of this reaches them
            meanwhile()
        while inflight or pending:
            if not inflight:  # the pool broke before taking these: a fresh one
                workers.shutdown(cancel_futures=True)
                workers = pool(min(size, len(pending)))
                feed()
                continue
            finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            for fut in finished:
                i = inflight.pop(fut)
                try:
                    _, result = fut.result()
                except BrokenProcessPool:
                    broken_at[i] = broken_at.get(i, 0) + 1
                    if broken_at[i] < 2:
                        pending.appendleft(i)
                        continue
                    result = FileResult(path=todo[i].path,
                                        error=f"{todo[i].path}：检查进程意外退出（可能内存不足），未能检查")
                results[i] = result
                done += 1
                if progress:
                    progress(done, len(live), todo[i].path)
            feed()
    except PatternStalled:
        # the other workers are stuck on the same pattern: ended now, not after their own budgets
        for process in list((getattr(workers, "_processes", None) or {}).values()):
            process.terminate()
        raise
    finally:
        workers.shutdown(cancel_futures=True)


def _candidates(files: list[str], converted: dict[str, str], jobs: int) -> list[tuple[str, str | None, int | None]]:
    """Unit and year of every report in the previous-year folder (read in parallel)."""
    docx = [converted.get(f) for f in files]
    if jobs == 1 or len(files) < 2:
        metas = [_read_meta(f, d) for f, d in zip(files, docx)]
    else:
        with pool(min(jobs, len(files))) as workers:
            metas = list(workers.map(_read_meta, files, docx))
    return [(p, region, year) for p, region, year, err in metas if err is None]


def exit_code(results: list[FileResult], strict: bool = False) -> int:
    if any(r.error or r.problem for r in results):
        return 2
    worst = min((SEVERITY_RANK[f.severity] for r in results for f in r.findings), default=9)
    if worst == 0 or (strict and worst <= 1):
        return 1
    return 0
