"""ST04 structure.numbering: heading numbers skip, repeat or mix levels.

Wrong::

    一、主要举措和成效  ……  三、存在的不足和原因      (二、 is skipped)
    （一）加强组织领导  （一）健全制度体系            (（一） repeats)
    一、主要举措和成效  1.加强组织领导               (1. directly under 一、, no （一）)

Right::

    一、主要举措和成效  （一）加强组织领导  1.健全学法制度  二、存在的不足和原因

Third-level items numbered straight through the whole part (1.–22. across （一）–（六）) are a
common house style and accepted.
"""

from __future__ import annotations

from ..structure import analyse
from ..text import int_to_cn
from .base import Rule

_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def show(level: int, n: int) -> str:
    if level == 1:
        return f"{int_to_cn(n)}、"
    if level == 2:
        return f"（{int_to_cn(n)}）"
    return f"{n}." if level == 3 else f"（{n}）"


class Numbering(Rule):
    code = "ST04"
    name = "structure.numbering"
    severity = "warning"
    summary = "标题编号跳号、重号或层级混用（一、后直接用 1.）"

    def check(self, report):
        st = analyse(report)
        heads = [report.para(i) for i in sorted(st.parent)]
        last_by_level: dict[int, int] = {}
        groups: dict[tuple, list] = {}
        for p in heads:
            if p.number is None:
                continue
            key = (st.parent.get(p.index), p.level)
            groups.setdefault(key, []).append(p)
        # position of each heading in its group, by paragraph number: list.index would compare
        # pydantic models field by field, quadratic in the number of headings
        position = {q.index: i for group in groups.values() for i, q in enumerate(group)}
        seen_groups: set[tuple] = set()
        for p in heads:
            if p.number is None:
                continue
            parent_idx = st.parent.get(p.index)
            key = (parent_idx, p.level)
            group = groups[key]
            pos = position[p.index]
            label = show(p.level, p.number)
            if parent_idx is not None:
                parent = report.para(parent_idx)
                if p.level - parent.level > 1 and key not in seen_groups:
                    missing = show(parent.level + 1, 1)
                    yield self.finding(
                        report, p.index, 0, len(label),
                        f"{_NAMES[p.level]}标题“{label}”直接出现在{_NAMES[parent.level]}标题"
                        f"“{parent.text.strip()[:20]}”之下，缺少“{missing}”这一级。",
                        "按“一、（一）1.（1）”逐级编号。")
            if pos == 0:
                continuing = p.level >= 3 and p.number == last_by_level.get(p.level, 0) + 1
                if p.number != 1 and not continuing:
                    yield self.finding(
                        report, p.index, 0, len(label),
                        f"{_NAMES[p.level]}标题从“{label}”开始编号，前面缺少“{show(p.level, 1)}”。",
                        "检查是否漏写或误删了前面的标题。")
            else:
                prev = group[pos - 1]
                if p.number == prev.number:
                    yield self.finding(
                        report, p.index, 0, len(label),
                        f"{_NAMES[p.level]}标题编号重复：第{prev.index}段和第{p.index}段都是“{label}”。",
                        f"改为“{show(p.level, prev.number + 1)}”并顺延后续编号。")
                elif p.number != prev.number + 1:
                    yield self.finding(
                        report, p.index, 0, len(label),
                        f"{_NAMES[p.level]}标题编号不连续：“{show(p.level, prev.number)}”（第{prev.index}段）"
                        f"之后是“{label}”。",
                        f"改为“{show(p.level, prev.number + 1)}”并顺延后续编号，或补上缺少的标题。")
            seen_groups.add(key)
            last_by_level[p.level] = p.number
