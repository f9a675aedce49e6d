"""WD06 wording.formulation: a standard formulation written wrong.

Wrong::

    党政主要负责人切实履行推进法治政府建设第一负责人职责，坚持以习近平新时代中国特色社会主议思想为指导，
    对重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，认真贯彻《法治政府建设实施纲要(2021-2025)》。

Right::

    党政主要负责人切实履行推进法治建设第一责任人职责，坚持以习近平新时代中国特色社会主义思想为指导，
    对重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，认真贯彻《法治政府建设
    实施纲要（2021—2025年）》。

All data in checklists/formulations.yml: variants seen in reports (`formulations`, patterns); the
right forms (`standard`), from which any one-character variant is found (社会主议, 第一责任入) with the
right form in the suggestion; lists that must be complete and in order (`goals`: the 法治政府 goal,
the “四个亲自”); and documents cited by title (`documents`): cut short, with 年 missing from
the year range (a hyphen for the dash alone is common in published reports and is let pass), or with
a year range none of its editions has (《法治政府建设实施纲要（2022—2025年）》 for 2021—2025; a range
beyond every known edition may be a successor and is not judged).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import checklists
from ..text import fold
from ..wording import needles_of, rx
from .base import Rule

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = set("一二三四五六七八九十百千两")
_GOAL_TAIL = re.compile(r"的(法治政府)?(建设)?(总)?目标|的法治政府")
_LIST_SEP = "、"  # a comma ends the list: what follows it is another clause
# a year range as a title may write it: 2021-2025, 2021—2025年, 20212025年
_RANGE = re.compile(r"[(（]?\s?((?:19|20)\d\d)\s?[-－‐‑–—~～至到]?\s?((?:19|20)\d\d)\s?(年)?\s?[)）]?$")


class Formulation(Rule):
    code = "WD06"
    name = "wording.formulation"
    severity = "warning"
    summary = "规范表述写错：第一责任人职责、指导思想、法治政府建设目标、“四个亲自”、文件名称等"

    def check(self, report):
        data = checklists.formulations()
        year = report.year
        # an older goal is WD01's to report, but only in a year it is stale for: in a 2018 report the
        # 2015 goal is the current one and its list is checked here like any other
        stale = [f.pattern for f in checklists.facts().facts
                 if f.until is not None and year is not None and year > f.until]
        applicable = [f for f in data.formulations if f.since is None or (year is not None and year >= f.since)]
        finder = needles_of(tuple(f.wrong for f in applicable))
        forms = _forms(data.standard)
        goals = needles_of(tuple("|".join(map(re.escape, g.terms)) for g in data.goals))
        for p in report.body():
            text = p.norm
            taken: list[tuple[int, int]] = []
            # most paragraphs hold no variant: one search instead of one per formulation
            for k in finder.which(text):
                f = applicable[k]
                for m in rx(f.wrong).finditer(text):
                    taken.append((m.start(), m.end()))
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"“{p.text[m.start():m.end()]}”应为“{f.right}”：{f.why}。", f"改为“{f.right}”。")
            for start, end, why, right in _titles(text, p.text, data.documents):
                if not _overlaps(taken, start, end):
                    taken.append((start, end))
                    yield self.finding(report, p.index, start, end,
                                       f"文件名称“{p.text[start:end]}”与原文不符：{why}。", f"改为“{right}”。")
            for start, end, st in _near_forms(text, data.standard, forms):
                if not _overlaps(taken, start, end):
                    taken.append((start, end))
                    yield self.finding(report, p.index, start, end,
                                       f"“{p.text[start:end]}”应为“{st.form}”：{st.why}，有一字之差。",
                                       f"改为“{st.form}”。")
            # a list of terms joined by 、, of a goal one of whose terms the paragraph holds
            for goal in (data.goals[k] for k in goals.which(text)) if "、" in text else ():
                if year is None or year < goal.from_ or goal.until is not None and year > goal.until:
                    continue
                for start, end, items in _runs(text, goal.terms):
                    known = [t for t in items if t in goal.terms]
                    if len(known) < goal.min_terms or items == goal.terms:
                        continue
                    run = text[start:end]
                    if any(rx(s).search(run) for s in stale):
                        continue  # an older goal: WD01 says so
                    missing = [t for t in goal.terms if t not in items]
                    if missing and all(t in text for t in missing):
                        continue  # the list is spread over the paragraph, not cut short
                    extra = [t for t in items if t not in goal.terms]
                    tail = _GOAL_TAIL.match(text, end)
                    if tail:
                        end = tail.end()  # ……廉洁诚信的法治政府: the goal as the draft words it
                    yield self.finding(report, p.index, start, end,
                                       f"{goal.name}写得不完整或不规范：{_what(missing, extra)}。",
                                       f"写作“{'、'.join(goal.terms)}”。")


def _overlaps(spans, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _what(missing: list[str], extra: list[str]) -> str:
    what = []
    if missing:
        what.append(f"缺少“{'、'.join(missing)}”")
    if extra:
        what.append(f"多出“{'、'.join(extra)}”")
    return "，".join(what) or "顺序不对"


def _runs(text: str, terms: list[str]):
    """(start, end, items) of each list in `text` that holds at least one of `terms`: the items joined
    by 、 around them. An item at either end keeps only as much as a term is long, so the words
    that lead into the list (对法治建设重要工作亲自部署) are not an item."""
    hits = sorted((i, i + len(t)) for t in terms for i in _finds(text, t))
    longest = max(map(len, terms))
    done = -1
    for start, end in hits:
        if start < done:
            continue
        a = start
        while True:  # items before: joined by a separator, each no longer than a term (+2)
            k = a - 1
            if k < 0 or text[k] not in _LIST_SEP:
                break
            j = k
            while j > 0 and _CJK.match(text[j - 1]) and k - (j - 1) <= longest:
                j -= 1
            if j == k or (j > 0 and _CJK.match(text[j - 1])):
                # the words run on: the item is the last term-length stretch, and the list starts there
                length = min(longest, k - j)
                if length < 2:
                    break
                a = k - length
                break
            a = j
        b = end
        while b < len(text) and text[b] in _LIST_SEP:
            j = b + 1
            while j < len(text) and _CJK.match(text[j]) and j - (b + 1) < longest:
                j += 1
            if j == b + 1:
                break
            b = j
        done = b
        items = [x for x in re.split(f"[{_LIST_SEP}]", text[a:b]) if x]
        if len(items) >= 2:
            yield a, b, _trim_ends(items, terms)


def _finds(text: str, word: str) -> list[int]:
    """Where `word` stands in `text`, its occurrences not overlapping (as re.finditer finds them)."""
    if not word:
        return [m.start() for m in re.finditer("", text)]
    out = []
    i = text.find(word)
    while i != -1:
        out.append(i)
        i = text.find(word, i + len(word))
    return out


def _trim_ends(items: list[str], terms: list[str]) -> list[str]:
    """The first item less its lead-in words when it ends with a term (对重要工作亲自部署 → 重要工作亲自部署),
    the last less what follows a term it starts with."""
    first = next((t for t in terms if items[0].endswith(t)), None)
    last = next((t for t in terms if items[-1].startswith(t)), None)
    out = list(items)
    if first:
        out[0] = first
    if last:
        out[-1] = last
    return out


@lru_cache(maxsize=8)
def _anchors(forms: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(form, first half, second half): a phrase one character from a form holds one half intact."""
    return [(f, f[: (len(f) + 1) // 2], f[(len(f) + 1) // 2:]) for f in forms]


def _forms(standard):
    """The standard forms by their text, their halves, and which halves a paragraph holds."""
    by_form = {st.form: st for st in standard}
    anchors = _anchors(tuple(by_form))
    return by_form, anchors, needles_of(tuple(f"{re.escape(h)}|{re.escape(t)}" for _, h, t in anchors))


def _near_forms(text: str, standard, forms=None):
    """(start, end, entry) of each phrase in `text` that differs from a standard form in exactly one
    Chinese character (substituted), found from an intact half of the form. `forms`: `_forms(standard)`,
    made once per report."""
    by_form, anchors, halves = forms or _forms(standard)
    seen: set[tuple[int, int]] = set()
    for k in halves.which(text):  # the forms one of whose halves is in the paragraph, in one pass
        form, head, tail = anchors[k]
        if head not in text and tail not in text:
            continue  # most paragraphs hold neither half of most forms
        n = len(form)
        starts = set(_finds(text, head))
        starts |= {i + len(tail) - n for i in _finds(text, tail) if i + len(tail) - n >= 0}
        for i in sorted(starts):
            window = text[i:i + n]
            if len(window) < n or (i, i + n) in seen:
                continue
            diff = [k for k in range(n) if window[k] != form[k]]
            if len(diff) != 1:
                continue
            k = diff[0]
            got, want = window[k], form[k]
            if not _CJK.match(got) or got in _NUMERALS and want in _NUMERALS:
                continue
            st = by_form[form]
            if any(_holds(text, i + k, 1, other) for other in [*st.near, *(f for f in by_form if f != form)]):
                continue  # the character is right in a phrase of its own sense, or of another standard form
            seen.add((i, i + n))
            yield i, i + n, st


def _holds(text: str, i: int, n: int, phrase: str) -> bool:
    """Whether `phrase` stands in `text` over the window text[i:i+n]."""
    lo = max(0, i - len(phrase))
    k = text.find(phrase, lo, i + n + len(phrase))
    return k != -1 and k < i + n and k + len(phrase) > i


def _titles(text: str, raw: str, documents):
    """(start, end, why, right) of each title in 《》 that cites one of `documents` otherwise than
    it is issued. Matched on the folded text; the year range is read in the draft's own `raw` text,
    since folding makes a dash a hyphen."""
    if "《" not in text and "<" not in text and "〈" not in text:
        return
    for m in re.finditer(r"[《<〈]([^《》<>〈〉]{4,60})[》>〉]", text):
        cited = m.group(1).strip()
        drafted = raw[m.start(1):m.end(1)].strip()
        cited_base = _unbracketed(cited)  # once per title, not once per document
        for doc in documents:
            why = _title_wrong(cited, _folded(doc.title), drafted, cited_base)
            if why:
                yield m.start(1), m.end(1), why, f"{m.group(0)[0]}{doc.title}{m.group(0)[-1]}"
                break
        else:
            head = text[:m.start()]
            if head.count("《") > head.count("》"):
                continue  # a title inside another's (《贯彻落实<…纲要(2016—2020年)>实施方案》): that one's name
            hit = _edition_wrong(cited, drafted, documents, cited_base)
            if hit:
                yield m.start(1), m.end(1), hit[0], f"{m.group(0)[0]}{hit[1]}{m.group(0)[-1]}"


@lru_cache(maxsize=64)
def _folded(title: str) -> str:
    """A document's title (checklist data) folded: once, not per title cited in the draft."""
    return fold(title)


def _unbracketed(title: str) -> str:
    """`title` up to its first bracket: re.split(r"[(（]", title, maxsplit=1)[0], without re."""
    cut = [i for i in (title.find("("), title.find("（")) if i != -1]
    return title[:min(cut)] if cut else title


@lru_cache(maxsize=64)
def _title_base(title: str) -> str:
    """A document's title (checklist data) up to its first bracket."""
    return _unbracketed(title)


def _edition_wrong(cited: str, raw: str, documents, cited_base: str | None = None) -> tuple[str, str] | None:
    """A known document cited with a year range none of its editions has, overlapping one of them
    (《法治政府建设实施纲要（2022—2025年）》 for 2021—2025): (why, the edition's title). A range beyond
    every known edition (a successor not in the data yet) is not judged."""
    cited_base = _unbracketed(cited) if cited_base is None else cited_base
    got = _RANGE.match(raw[len(cited_base):].strip()) if len(raw) > len(cited_base) else None
    if not got:
        return None
    lo, hi = int(got.group(1)), int(got.group(2))
    editions = []
    for doc in documents:
        title = _folded(doc.title)
        if _title_base(title) != cited_base:
            continue
        exp = _RANGE.match(title[len(cited_base):])
        if exp:
            editions.append((int(exp.group(1)), int(exp.group(2)), doc.title))
    if not editions or any((lo, hi) == (a, b) for a, b, _ in editions):
        return None
    near = [e for e in editions if lo <= e[1] and e[0] <= hi]  # the ranges overlap
    if len(near) != 1:
        return None
    a, b, title = near[0]
    return f"该文件的年份区间是{a}—{b}年，不是{lo}—{hi}年", title


def _title_wrong(cited: str, right: str, raw: str, cited_base: str | None = None) -> str | None:
    """Why `cited` (folded; `raw` as drafted) is `right` (folded) written otherwise, or None."""
    base = _title_base(right)
    cited_base = _unbracketed(cited) if cited_base is None else cited_base
    if cited_base != base:
        # cut short: 《习近平法治思想》 or 《习近平法治思想(2025年版)》 for 《习近平法治思想学习纲要》
        if len(cited_base) >= 6 and base.startswith(cited_base) and len(base) - len(cited_base) >= 2:
            return f"应为“{right}”，少了“{base[len(cited_base):]}”"
        return None
    rest, want = raw[len(base):].strip(), right[len(base):]
    if not rest or not want:
        return None  # 《法治政府建设实施纲要》: the usual short citation
    got, exp = _RANGE.match(rest), _RANGE.match(want)
    if not got or not exp or got.group(1, 2) != exp.group(1, 2):
        return None  # another edition or another document: not this one
    if not exp.group(3) or got.group(3):
        # a hyphen for the dash alone (2021-2025年) is common in published reports and not reported
        return None
    dash = "" if re.search(r"\d\s?—\s?\d", rest) else "，年份区间宜用一字线“—”"
    return f"年份后缺“年”{dash}"
