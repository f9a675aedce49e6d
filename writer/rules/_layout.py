"""What the layout rules (FM01–FM10) share: findings on paragraphs, or one for the whole draft when
the same problem runs through too many paragraphs to list (a style, not a slip)."""

from __future__ import annotations

from typing import Callable, Iterator

from ..layout import Para, grouped, quote, where_list
from ..models import Finding, Report


def emit(rule, report: Report, items: list[tuple[Para, int, int, str]],
         whole: Callable[[list[Para]], str], suggestion: str, total: int = 0) -> Iterator[Finding]:
    """One finding per (paragraph, start, end, message), quoting the paragraph from `start`; when
    there are too many, or they are most of the `total` paragraphs of their kind (a style, not a
    slip), one finding for the whole draft with the message `whole(paragraphs)`."""
    if not items:
        return
    if grouped(items) or (len(items) >= 3 and 2 * len(items) >= total):
        yield rule.finding(report, None, 0, 0, whole([q for q, _, _, _ in items]), suggestion, evidence="")
        return
    for q, start, end, message in items:
        a, b = quote(q.p.text, start, end)
        yield rule.finding(report, q.p.index, a, b, message, suggestion)


def listed(items: list[Para]) -> str:
    return where_list(items)


def family_cn(family: str) -> str:
    """仿宋 → 仿宋体, 小标宋 → 小标宋体, 黑体 → 黑体."""
    return family if family.endswith("体") else family + "体"


def font_problems(look, want, tolerance: float) -> list[str]:
    """What is off in `look` (a Look) against `want` (a RoleRef), in words; empty when nothing."""
    from ..layout import family_of, size_cn

    out = []
    if look.family != want.family:
        if family_of(look.latin) == want.family:  # the right typeface, set for Latin text only
            shown = f"“{look.font}”" if look.font else "默认字体"
            out.append(f"只给西文设置了“{look.latin}”，汉字实际显示为{shown}（中文字体未设置）")
        elif look.font:
            out.append(f"字体为“{look.font}”")
        else:
            out.append("没有设置中文字体")
    if abs(look.size - want.size) > tolerance:
        out.append(f"字号为{size_cn(look.size)}")
    return out


def wanted(want) -> str:
    from ..layout import size_cn

    return f"{size_cn(want.size)}{family_cn(want.family)}（如“{want.font}”）"
