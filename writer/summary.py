"""The batch summary a reviewer works from: one row per file, worst first; as text, .xlsx or .csv.

The verdict says what to do with a report: 退回修改 (at least one error), 建议修改 (warnings only),
通过; a file that could not be read or is not a report says so, with the reason; a .doc/.wps …
LibreOffice converted, or a PDF read for its text only, says so in 格式.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from .engine import FileResult
from .errors import InputError
from .models import SEVERITY_CN

ORDER = {"无法读取": 0, "退回修改": 1, "建议修改": 2, "通过": 3, "已跳过": 4}
HEADER = ["文件", "单位", "年度", "结论", "错误", "警告", "缺少的部分", "数字不一致", "可核对数字", "无法读取的原因",
          "格式"]
ANNOTATED_COLUMN = "批注稿"  # with --annotate: a link to the commented copy to send back
FINDINGS_HEADER = ["文件", "单位", "段落", "规则", "级别", "问题", "原文", "建议"]
SUFFIXES = (".xlsx", ".csv")


def reason(result: FileResult) -> str:
    """Why a file was not checked, without the file name the message starts with."""
    text = result.error or result.skipped or ""
    return text.removeprefix(f"{result.path}：")


def _parts(result: FileResult) -> str:
    from . import checklists

    specs = checklists.parts().parts
    return "；".join(f"{pid} {specs[pid].short}" if pid in specs else pid for pid in result.parts_missing)


def ordered(results: list[FileResult]) -> list[FileResult]:
    """Worst first: unreadable, 退回修改, 建议修改, 通过, skipped; more errors, then warnings, first."""
    def key(ir):
        i, r = ir
        figs = (r.figures or {}).get("inconsistent", 0)
        return ORDER[r.verdict], -r.count("error"), -r.count("warning"), -figs, i
    return [r for _, r in sorted(enumerate(results), key=key)]


ROUND_COLUMNS = ["上轮已改正", "上轮仍存在", "上轮无法核对", "新发现"]  # with --last-round
EARLIER_HEADER = ["文件", "单位", "规则", "上一轮的问题", "原文", "本轮结果", "说明"]


def _rounds(results: list[FileResult]) -> bool:
    return any(r.round is not None for r in results)


def columns(results: list[FileResult]) -> list[str]:
    """The summary's columns: 批注稿 only when commented copies were written, the second round's
    counts only with --last-round."""
    return (HEADER + (ROUND_COLUMNS if _rounds(results) else [])
            + ([ANNOTATED_COLUMN] if any(r.annotated for r in results) else []))


def _round_cells(r: FileResult) -> list:
    rd = r.round
    if rd is None:
        return [""] * len(ROUND_COLUMNS)
    return [rd.count("fixed"), rd.count("remaining"), rd.count("unverifiable"), len(rd.new)]


def rows(results: list[FileResult]) -> list[list]:
    links = any(r.annotated for r in results)
    rounds = _rounds(results)
    out = []
    for r in ordered(results):
        rep = r.report
        checked = r.error is None and r.skipped is None
        figs = r.figures if checked else None
        shown = rep if checked else None  # a file that is not a report has no unit or year to show
        out.append([
            r.path,
            (shown.region or "") if shown is not None else "",
            (shown.year or "") if shown is not None else "",
            r.verdict,
            r.count("error") if checked else "",
            r.count("warning") if checked else "",
            _parts(r) if checked else "",
            figs["inconsistent"] if figs else "",
            figs["checkable"] if figs else "",
            reason(r),
            r.read_as,
        ] + (_round_cells(r) if rounds else []) + ([r.annotated or ""] if links else []))
    return out


def findings_header(results: list[FileResult]) -> list[str]:
    return FINDINGS_HEADER + (["本轮"] if _rounds(results) else [])


def finding_rows(results: list[FileResult]) -> list[list]:
    rounds = _rounds(results)
    out = []
    for r in results:
        fresh = set(r.round.new) if r.round is not None else None
        for n, f in enumerate(r.findings):
            row = [r.path, (r.report.region or "") if r.report is not None else "", f.location.paragraph or "全文",
                   f.rule, SEVERITY_CN.get(f.severity, f.severity), f.message, f.evidence, f.suggestion or ""]
            if rounds:
                row.append("" if fresh is None else "新发现" if n in fresh else "上一轮已指出")
            out.append(row)
    return out


def earlier_rows(results: list[FileResult]) -> list[list]:
    """Every finding of the first round and what became of it."""
    from .rounds import OUTCOMES

    order = {"remaining": 0, "unverifiable": 1, "fixed": 2}
    out = []
    for r in results:
        if r.round is None:
            continue
        for o in sorted(r.round.outcomes, key=lambda o: order[o.status]):
            out.append([r.path, (r.report.region or "") if r.report is not None else "", o.earlier.rule,
                        o.earlier.message, o.earlier.evidence or o.earlier.focus, OUTCOMES[o.status], o.why])
    return out


def width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


def text_table(results: list[FileResult]) -> list[str]:
    """The summary as aligned text lines (figures as 不一致/可核对)."""
    head = ["文件", "单位", "年度", "结论", "错误", "警告", "缺少的部分", "数字不一致/可核对", "无法读取的原因", "格式",
            "上轮 改正/仍在/无法核对/新"]
    body = []
    rounds = _rounds(results)
    for row in rows(results):
        figs = f"{row[7]}/{row[8]}" if row[8] != "" else ""
        second = "/".join(map(str, row[11:15])) if rounds and row[11] != "" else ""
        body.append([str(row[0]), str(row[1]), str(row[2]), row[3], str(row[4]), str(row[5]), row[6], figs, row[9],
                     row[10], second])
    # drop columns no file has a value in (no unreadable file: no reason column)
    keep = [i for i in range(len(head)) if i < 4 or any(b[i] for b in body)]
    table = [[head[i] for i in keep]] + [[b[i] for i in keep] for b in body]
    widths = [max(width(r[i]) for r in table) for i in range(len(keep))]
    lines = []
    for r in table:
        cells = [c + " " * (widths[i] - width(c)) for i, c in enumerate(r)]
        lines.append("  ".join(cells).rstrip())
    return lines


def check_target(path: Path, force: bool, inputs: list[Path] | tuple = ()) -> None:
    """Refuse a summary file fzwriter cannot write, before any draft is read: the shared output
    checks (a folder, an existing file without --force, one of the drafts being checked)."""
    from .fsutil import check_output

    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(path, "汇总表只能是 .xlsx（Excel/WPS 表格）或 .csv 文件")
    check_output(path, force, inputs)


def write(results: list[FileResult], path: Path, force: bool = False, inputs: list[Path] | tuple = ()) -> None:
    from .fsutil import write_atomic

    path = Path(path)
    data = to_xlsx(results, path.parent) if path.suffix.lower() == ".xlsx" else to_csv(results)
    write_atomic(path, data, force=force, inputs=inputs)


def to_csv(results: list[FileResult]) -> bytes:
    """UTF-8 with a BOM, so that Excel and WPS open it as Chinese text."""
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns(results))
    writer.writerows(rows(results))
    return buf.getvalue().encode("utf-8-sig")


def _cell(value):
    """A value openpyxl accepts: the control characters a worksheet cannot hold (from a file name, a
    draft's text) as their escapes, instead of an error after the whole batch."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if ILLEGAL_CHARACTERS_RE.search(value):
            return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


def to_xlsx(results: list[FileResult], folder: Path | None = None) -> bytes:
    """Sheet 汇总 (one row per file, worst first; its 批注稿 cells link to the commented copies, relative
    to `folder`, where the workbook is saved) and sheet 问题清单 (every finding)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    sheets = [(wb.active, "汇总", columns(results), rows(results), 40),
              (wb.create_sheet(), "问题清单", findings_header(results), finding_rows(results), 60)]
    if _rounds(results):
        sheets.append((wb.create_sheet(), "上一轮问题", EARLIER_HEADER, earlier_rows(results), 60))
    for ws, title, header, data, cap in sheets:
        ws.title = title
        ws.append(header)
        for row in data:
            ws.append([_cell(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text from a draft, never a formula
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(data) + 1, 1)}"
        for i, name in enumerate(header, start=1):
            longest = max([width(name)] + [width(r[i - 1]) for r in data])
            ws.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 6), cap)
            if longest > cap:  # long text wraps inside its column instead of running on
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    _link_copies(sheets[0][0], folder)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _link_copies(ws, folder: Path | None) -> None:
    """Each 批注稿 cell a link that opens the commented copy (relative: the folder can be moved)."""
    import os

    head = [c.value for c in ws[1]]
    if ANNOTATED_COLUMN not in head:
        return
    col = head.index(ANNOTATED_COLUMN) + 1
    for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
        if not cell.value:
            continue
        target = Path(cell.value)
        try:
            link = os.path.relpath(target.resolve(), (folder or Path.cwd()).resolve())
        except ValueError:  # another drive on Windows: an absolute link
            link = str(target.resolve())
        cell.hyperlink = link.replace(os.sep, "/")
        cell.value = target.name
        cell.style = "Hyperlink"

