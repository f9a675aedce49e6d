"""Which required parts (S1–S5) a report has, and in what form.

One implementation, used by the structure rules and by `mine`. A part is found as
  heading — its own numbered or styled heading (规定 satisfied fully);
  runin   — the lead sentence of a paragraph, a heading run into the text;
  inline  — only an unheaded paragraph or a passing sentence;
  absent  — nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import checklists
from .models import Paragraph, Report, memo
from .text import sentence_at, sentences

PART_IDS = ("S1", "S2", "S3", "S4", "S5")


@dataclass
class Part:
    id: str
    form: str = "absent"  # heading | runin | inline | absent
    paragraph: int | None = None  # where it is (heading or sentence paragraph)
    start: int = 0
    end: int = 0
    evidence: str = ""
    headings: list[int] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)  # paragraphs that belong to it
    chars: int = 0  # length of its text
    causes: str | None = None  # S2: the cause words found, if any
    near: tuple[int, int, int, str] | None = None  # a mention that does not count: (para, start, end, why)
    others_only: tuple[int, int, int] | None = None  # S3 under its heading speaks only of others' duty: where
    empty: bool = False  # … or states the duty and nothing the leaders did
    shared: bool = False  # named in another part's heading (三、存在的问题和下一步打算)

    @property
    def present(self) -> bool:
        return self.form != "absent"


@dataclass
class Structure:
    parts: dict[str, Part]
    part_of: dict[int, str]  # paragraph index → part id
    parent: dict[int, int | None]  # heading paragraph → its parent heading (None at top)
    top_level: int | None


@lru_cache(maxsize=64)
def _cues(year: int | None) -> dict[str, dict[str, list[re.Pattern]]]:
    """Compile the checklist cues with the report's year substituted."""
    never = "(?!x)x"
    subs = {"{year}": str(year) if year else never, "{next}": str(year + 1) if year else never}
    out: dict[str, dict[str, list[re.Pattern]]] = {}
    for pid, spec in checklists.parts().parts.items():
        kinds = {}
        for kind in ("heading", "inline", "lead", "causes", "not_inline", "own", "acts"):
            pats = []
            for rx in getattr(spec, kind):
                for k, v in subs.items():
                    rx = rx.replace(k, v)
                pats.append(re.compile(rx))
            kinds[kind] = pats
        out[pid] = kinds
    return out


def _any(pats: list[re.Pattern], text: str) -> re.Match | None:
    for rx in pats:
        m = rx.search(text)
        if m:
            return m
    return None


def analyse(report: Report) -> Structure:
    """Find S1–S5 in `report` (cached on the report object)."""
    return memo(report, "structure", _analyse)


def _analyse(report: Report) -> Structure:
    cues = _cues(report.year)
    spec = checklists.parts()
    body = report.body()
    heads = [p for p in body if p.level is not None]
    top = min((p.level for p in heads), default=None)
    parts = {pid: Part(pid) for pid in PART_IDS}

    # 1. classify headings; unmatched top-level headings are themes of S1
    head_part: dict[int, str | None] = {}
    secondary: list[tuple[str, Paragraph]] = []
    parent: dict[int, int | None] = {}
    stack: list[Paragraph] = []
    for p in heads:
        while stack and stack[-1].level >= p.level:
            stack.pop()
        parent[p.index] = stack[-1].index if stack else None
        inherited = next((head_part[h.index] for h in reversed(stack) if head_part.get(h.index)), None)
        title = p.heading or p.norm
        matches = [pid for pid in ("S3", "S2", "S5", "S4", "S1")
                   if (pid != "S1" or p.level == top) and _any(cues[pid]["heading"], title)]
        found = matches[0] if matches else None
        for other in matches[1:]:
            if other != "S1":
                secondary.append((other, p))
        if found is None and p.level == top:
            found = "S1"
        if found is not None and p.level != top and found == inherited:
            found = None  # a sub-heading that restates its parent's part
        head_part[p.index] = found
        if found:
            part = parts[found]
            part.headings.append(p.index)
            if part.form == "absent":
                _set_heading(part, p)
        stack.append(p)
    for pid, p in secondary:
        if not parts[pid].present:
            _set_heading(parts[pid], p)
            parts[pid].shared = True

    # 2. membership: each paragraph belongs to its nearest classified heading
    part_of: dict[int, str] = {}
    stack = []
    for p in body:
        if p.level is not None:
            while stack and stack[-1].level >= p.level:
                stack.pop()
            stack.append(p)
        owner = next((head_part[h.index] for h in reversed(stack) if head_part.get(h.index)), None)
        if owner:
            part_of[p.index] = owner

    last_s1 = max((i for i in parts["S1"].headings), default=0)

    # 3. an unheaded plans paragraph (2025年,秦州区将……) and the items that follow it
    def claim_plans(p: Paragraph, m: re.Match) -> None:
        _set(parts["S4"], "inline", p, *_sentence_at(p.norm, m.start()))
        lead_label = p.text[:20].rstrip("，,。") + "……"
        current: list[str] = []
        for q in body:
            if q.index < p.index:
                continue
            if q.index > p.index and q.level is not None and top is not None and q.level <= top:
                break
            part_of[q.index] = "S4"
            if q.index == p.index:
                continue
            if q.level is not None:
                parts["S4"].headings.append(q.index)
                parent[q.index] = None  # items under the lead, not under the last theme
                current = q.section[-1:]
            q.section = [lead_label] + current

    if not parts["S4"].present:
        for p in body:
            if p.level is not None or p.index <= last_s1 or part_of.get(p.index) in ("S2", "S3", "S5"):
                continue
            m = _any(cues["S4"]["lead"], p.norm)
            if m:
                claim_plans(p, m)
                break

    # 4. parts stated only in a sentence
    runin_max = spec.runin_max_chars
    for pid in ("S4", "S2", "S3", "S1"):
        part = parts[pid]
        if part.present:
            continue
        near: list = [None, 0, 0, ""]
        for p in body:
            owner = part_of.get(p.index)
            if pid == "S1":
                break
            if pid == "S4" and p.index <= last_s1:
                continue
            if pid == "S2" and owner in ("S4", "S3"):
                opening = _opens_part(p, owner, part_of, body)
                if opening and (hit := _sentence_hit(pid, p, cues[pid])) is not None and hit[0] == 0:
                    # 不足 (and 原因) as unheaded paragraphs opening the plans (or the duty): present
                    nxt = next((q for q in body if q.index > p.index), None)
                    _set(part, "inline", p, *hit)
                    part_of[p.index] = "S2"
                    if nxt is not None and nxt.level is None and _any(cues["S2"]["causes"], nxt.norm) \
                            and not _any(cues["S4"]["lead"], nxt.norm):
                        part_of[nxt.index] = "S2"
                    break
                continue
            if pid == "S3" and owner == "S2" and (hit := _own_duty_run_in(p, cues["S3"], cues["S2"])):
                # the duty run into the shortcomings' last paragraph (its heading lost): the part is there
                _set(part, "inline", p, *hit)
                break
            if pid == "S3" and owner in ("S2", "S4"):
                if near[0] is None:
                    missed = _sentence_hit(pid, p, cues[pid])
                    if missed is not None:
                        near[:] = [p.index, *missed, "下一年度工作安排" if owner == "S4" else "存在的不足"]
                continue
            hit = _sentence_hit(pid, p, cues[pid], near)
            if hit is None:
                continue
            start, end = hit
            sent = p.norm[start:end]
            lead = start == 0 or _ends_sentence(p.norm, start)
            runin = (len(sent) <= runin_max and "," not in sent and lead
                     and end < len(p.norm.rstrip()))
            _set(part, "runin" if runin else "inline", p, start, end)
            if pid == "S2":
                part_of[p.index] = "S2"
            break
        if not part.present and near[0] is not None:
            part.near = tuple(near)  # type: ignore[assignment]
    # 4b. plans dated the report year itself (2024年，秦州区将…… in a report on 2024): the part is
    # there, its year is wrong (WD02). Only after the shortcomings and the duty, where plans stand.
    if not parts["S4"].present and report.year and (parts["S2"].present or parts["S3"].present):
        after = max(x.paragraph or 0 for x in (parts["S2"], parts["S3"]) if x.present)
        misdated = _cues(report.year - 1)["S4"]["lead"]  # {next} read as the report year
        last_top = max((p.index for p in heads if p.level == top), default=0)
        for p in body:
            # in a part's paragraphs only after the last heading: plans whose heading was never written
            if p.level is not None or p.index <= max(after, last_s1) or (
                    part_of.get(p.index) in ("S2", "S3", "S5") and p.index < last_top):
                continue
            m = _any(misdated, p.norm)
            if m and re.match(r"^\d{4}年[,，][^。]{0,20}?(将|要)(继续|进一步|坚持|深入|持续|着力|全面|紧紧|重点|不断|聚焦|围绕|以)", p.norm):
                claim_plans(p, m)
                break
    if not parts["S1"].present:
        cands = [p for p in body if p.level is None and p.index not in part_of and len(p.norm) >= 60]
        # the opening paragraph counts only when it reports measures (figures), or nothing else does
        if len(cands) > 1 and not re.search(r"\d", cands[0].norm):
            cands = cands[1:]
        if cands:
            p = cands[0]
            _set(parts["S1"], "inline", p, *_sentence_at(p.norm, 0))
            for q in body:
                if q.index >= p.index and q.index not in part_of:
                    part_of[q.index] = "S1"

    # 5. size and causes
    for pid, part in parts.items():
        members = [report.para(i) for i, owner in part_of.items() if owner == pid]
        if pid == "S4" and part.form in ("inline", "runin") and not members:
            # plans run into another part's last paragraph (……责任。2025年是……): from there on
            p = report.para(part.paragraph)
            part.paragraphs = [p.index]
            part.chars = len(p.norm) - part.start
        elif part.form in ("heading",) or (pid in ("S4", "S1") and part.present):
            part.paragraphs = sorted(p.index for p in members)
            part.chars = sum(len(_content(p, top)) for p in members)
        elif part.present:
            p = report.para(part.paragraph)
            tail = p.norm[part.start:]
            part.paragraphs = [p.index]
            part.chars = len(tail) if pid == "S2" else part.end - part.start
    st = Structure(parts=parts, part_of=part_of, parent=parent, top_level=top)
    _find_causes(report, st, cues["S2"]["causes"])
    _others_only(report, st, cues["S3"])
    return st


def _others_only(report: Report, st: Structure, cues) -> None:
    """S3 under its own heading whose text urges or inspects others (督促各单位主要负责人履行……) and
    says nothing the unit's own leaders did or are: the part is there in name only."""
    s3 = st.parts["S3"]
    if s3.form != "heading":
        return
    texts = [report.para(i) for i in s3.paragraphs if report.para(i).level is None or report.para(i).runin]
    if not texts:
        return
    urging = next(((p, m) for p in texts if (m := _any(cues["not_inline"], p.norm))), None)
    if urging is None:
        # a statement of the duty and nothing done (认真履行……职责，全力推动……落地见效。): no act, no figure
        words = "".join(p.norm for p in texts)
        if len(words) < 150 and not re.search(r"\d|[一二三四五六七八九十两]次", words) and not _any(cues["acts"], words):
            p = texts[0]
            s3.others_only = (p.index, 0, len(p.norm))
            s3.empty = True
        return
    for p in texts:
        for a, b in sentences(p.norm):
            sent = p.norm[a:b]
            if _any(cues["not_inline"], sent):
                continue  # 督促各单位主要负责人切实履行……: the duty of others, whatever its verbs
            if _any(cues["own"], sent) or _any(cues["acts"], sent):
                return
    p, m = urging
    s3.others_only = (p.index, *_sentence_at(p.norm, m.start()))


def _find_causes(report: Report, st: Structure, causes: list[re.Pattern]) -> None:
    """S2's causes, read in its text: never in its heading (二、存在的不足和原因 promises them), never
    in the plans run into it (……不足。2025年，我局将……). A sub-heading 原因分析 with text counts."""
    s2 = st.parts["S2"]
    if not s2.present:
        return
    plans = _plan_spans_of(report, st)
    texts: list[str] = []
    if s2.form == "heading":
        members = [report.para(i) for i in s2.paragraphs if st.part_of.get(i) == "S2"]
        if s2.shared:  # a heading it shares with another part: what stands under it
            members = [report.para(i) for i, owner in st.part_of.items()
                       if owner == st.part_of.get(s2.paragraph) and i > s2.paragraph]
        for k, p in enumerate(members):
            if p.index in s2.headings[:1] or p.index == s2.paragraph:
                continue
            if p.level is not None and not p.runin:
                nxt = members[k + 1] if k + 1 < len(members) else None
                if "原因" in (p.heading or "") and nxt is not None and nxt.level is None:
                    s2.causes = p.heading
                    return
                continue
            texts.append(p.norm[:plans.get(p.index, len(p.norm))])
    else:
        p = report.para(s2.paragraph)
        texts.append(p.norm[s2.start:plans.get(p.index, len(p.norm))] if plans.get(p.index, len(p.norm)) > s2.start
                     else p.norm[s2.start:])
        # an unheaded causes paragraph after it (不足 and 原因 as two paragraphs)
        texts += [report.para(i).norm for i, owner in sorted(st.part_of.items()) if owner == "S2" and i > p.index]
    for t in texts:
        m = _any(causes, t)
        if m:
            s2.causes = m.group(0)
            return


def s2_text_start(report: Report) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of the first sentence of S2's own text, under its heading."""
    st = analyse(report)
    s2 = st.parts["S2"]
    owner = st.part_of.get(s2.paragraph) if s2.paragraph is not None else None
    for i in sorted(k for k, o in st.part_of.items() if o == owner and s2.paragraph is not None and k > s2.paragraph):
        p = report.para(i)
        if p.level is None and p.norm.strip():
            s, e = _sentence_at(p.norm, len(p.norm) - len(p.norm.lstrip()))
            return i, s, e
    return None


def _content(p: Paragraph, top: int | None) -> str:
    """Text a paragraph adds to its part: a part's own top heading adds nothing."""
    if p.level is not None and p.level == top and not p.runin:
        return ""
    return p.norm


def _ends_sentence(text: str, i: int) -> bool:
    """Whether text[:i], less trailing spaces, ends a sentence (without copying text[:i])."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i > 0 and text[i - 1] in "。!?"


def _set_heading(part: Part, p: Paragraph) -> None:
    part.form, part.paragraph = "heading", p.index
    label = p.text.strip() if not p.runin else p.text[:p.norm.find(p.heading) + len(p.heading) + 1]
    part.start = len(p.text) - len(p.text.lstrip())
    part.end = part.start + len(label)
    part.evidence = label


def _set(part: Part, form: str, p: Paragraph, start: int, end: int) -> None:
    part.form, part.paragraph, part.start, part.end = form, p.index, start, end
    part.evidence = p.text[start:end].strip()


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    return sentence_at(text, pos)


def _sentence_hit(pid: str, p: Paragraph, cues, near: list | None = None) -> tuple[int, int] | None:
    spans = sentences(p.norm)
    if pid == "S2":
        # a summary of shortcomings opens its paragraph; later in one (run into the measures' last
        # paragraph, its heading lost) only when the causes follow it there
        later = [(s, e) for s, e in spans[2:] if _any(cues["inline"], p.norm[s:e]) and _any(cues["causes"], p.norm[e:])]
        spans = spans[:2] + later[:1]
    for s, e in spans:
        sent = p.norm[s:e]
        if not _any(cues["inline"], sent):
            continue
        if _any(cues["not_inline"], sent):
            # the duty may still be the report's own in another clause of the sentence
            clauses = re.split(r"[,;]", sent)
            if not any(_any(cues["inline"], c) and not _any(cues["not_inline"], c) for c in clauses):
                if near is not None and near[0] is None:
                    near[:] = [p.index, s, e, "对他人履职情况的督查、考核或督促"]
                continue
        return s, e
    return None


def _opens_part(p: Paragraph, owner: str, part_of: dict[int, str], body: list[Paragraph]) -> bool:
    """Whether `p` is the first text paragraph of its part (right after the part's heading)."""
    before = [q for q in body if q.index < p.index]
    for q in reversed(before):
        if q.level is not None:
            return part_of.get(q.index) == owner
        return False
    return False


def _own_duty_run_in(p: Paragraph, s3, s2) -> tuple[int, int] | None:
    """The first sentence after the first of `p` that states the unit's own duty done (认真履行推进法治
    建设第一责任人职责), not a shortcoming of it (履行……不到位) nor another's (督促各单位……)."""
    for s, e in sentences(p.norm)[1:]:
        sent = p.norm[s:e]
        if _any(s3["own"], sent) and not _any(s3["not_inline"], sent) and not _any(s2["inline"], sent) \
                and not re.search(r"不够|不到位|有待|欠缺|仍需|不强|不高|不足", sent):
            return s, e
    return None


def plan_spans(report: Report) -> dict[int, int]:
    """Where the plans for the next year are: paragraph → offset their text starts at. The plans
    part's own paragraphs from 0; a plans passage run into another part's paragraph (……不足。2025年，
    我局将……) from its lead sentence on, and what follows it under a shared heading."""
    return memo(report, "plan_spans", _plan_spans)


def _plan_spans(report: Report) -> dict[int, int]:
    return _plan_spans_of(report, analyse(report))


def _plan_spans_of(report: Report, st: Structure) -> dict[int, int]:
    cues = _cues(report.year)["S4"]
    s4 = st.parts["S4"]
    out = {i: 0 for i, owner in st.part_of.items() if owner == "S4"}
    if s4.form in ("inline", "runin") and s4.paragraph is not None:
        out[s4.paragraph] = min(out.get(s4.paragraph, s4.start), s4.start)
    if s4.shared and s4.paragraph is not None:
        # a heading that names S4 beside another part (存在的不足及下一步工作打算): the plans begin at
        # the first sentence that looks ahead, and run to the end of what the heading holds
        owner = st.part_of.get(s4.paragraph)
        started = False
        for p in report.body():
            if p.index <= s4.paragraph or (st.part_of.get(p.index) != owner and not started):
                continue
            if st.part_of.get(p.index) != owner:
                break
            if started:
                out.setdefault(p.index, 0)
                continue
            for s, e in sentences(p.norm):
                sent = p.norm[s:e]
                if _any(cues["inline"], sent) or any(rx.search(sent) for rx in cues["lead"]):
                    out[p.index] = s
                    started = True
                    break
    return out
