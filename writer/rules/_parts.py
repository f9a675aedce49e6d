"""Shared wording for findings about the required parts."""

from __future__ import annotations

from .. import checklists


def label(pid: str) -> str:
    spec = checklists.parts().parts[pid]
    return f"{pid}「{spec.short}」"


def full(pid: str) -> str:
    return checklists.parts().parts[pid].name


FORM_CN = {"heading": "单列标题", "runin": "段首引领句（小标题写在段落里）",
           "inline": "段落中的一句话", "absent": "未出现"}


def suggest_heading(pid: str, year: int | None) -> str:
    """The heading to propose for a part, with the report's year filled in when known."""
    text = checklists.parts().parts[pid].suggest
    if year is None:
        return text.replace("{year}年", "上一年度").replace("{next}年", "下一年度")
    return text.replace("{year}", str(year)).replace("{next}", str(year + 1))
