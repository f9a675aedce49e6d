"""The second round: a revised draft checked against the first round's result (`lint --last-round`).

The first round is what the reviewer sent back: the commented copy (`<name>.审阅.docx`, made by
--annotate; its fzwriter comments are read, so a comment the reviewer deleted as not applying is not
carried over) or the JSON of `lint --format json`. Each earlier finding gets one outcome:

- 仍存在 (remaining): a finding of this round matches it — the same rule, on the same words
  allowing for edits: the text it is anchored on (the figure's clause, the stale words) or the
  sentence it quotes is at least MATCH similar to this round's (difflib ratio on width-folded text
  without spaces), or one contains the other; the message breaks ties;
- 已改正 (fixed): no finding matches, the rule ran, and the passage is still there and checked
  (for a figure finding: its clause is found again — numbers aside, so 受理79件 corrected to 受理81件
  is the same clause, when the words around it are the same — and its paragraph's figures are in
  relations the figure checks ran on), or the words a wording or structure finding was about are gone;
- 无法核对 (no longer checkable): the rule did not run this round (--select/--ignore), it needs
  last year's report and none was given, or a figure finding's sentence is gone or its figures are
  no longer checkable: nothing says the figure is now right.

This round's findings that match no earlier one are new. Matching is greedy, best pair first, one
to one. A finding's place is compared by its words, never by paragraph number (edits shift those).
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .errors import InputError
from .text import fold

MATCH = 0.6  # similarity of anchors or sentences above which two findings of one rule are one
PASSAGE = 0.6  # similarity above which an earlier sentence is found again in the revised draft
OUTCOMES = {"fixed": "已改正", "remaining": "仍存在", "unverifiable": "无法核对"}
_CODE = re.compile(r"^([A-Z]{2}\d{2})\s+\S+?：")
_NEEDS_PREVIOUS = ("WD07",)


@dataclass
class Earlier:
    """A finding of the first round, as the commented copy or the JSON gives it."""

    rule: str
    message: str
    evidence: str = ""  # the sentence (JSON) or the words the comment covered (copy)
    focus: str = ""  # the words the comment is on
    context: str = ""  # the paragraph (copy) or the sentence (JSON)
    section: list[str] = field(default_factory=list)
    section_id: str | None = None
    severity: str | None = None
    suggestion: str | None = None

    def as_dict(self) -> dict:
        d = {"rule": self.rule, "message": self.message, "evidence": self.evidence or self.focus}
        if self.section:
            d["section"] = self.section
        if self.section_id:
            d["section_id"] = self.section_id
        return d


@dataclass
class Entry:
    """One report of the first round: where it was, what it was, its findings."""

    path: str
    region: str | None
    year: int | None
    findings: list[Earlier]


@dataclass
class Passage:
    """Where an earlier finding's words are in the revised draft (worked out where the draft is)."""

    found: bool
    checked: bool = False  # its figures are in a relation the figure checks ran on


@dataclass
class Outcome:
    earlier: Earlier
    status: str  # fixed | remaining | unverifiable
    why: str = ""
    finding: int | None = None  # index of this round's finding, when remaining


@dataclass
class Round:
    """The comparison of one report with its first round."""

    source: str
    outcomes: list[Outcome]
    new: list[int]  # indices of this round's findings that are new

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def as_dict(self) -> dict:
        def one(o: Outcome) -> dict:
            d = o.earlier.as_dict()
            if o.why:
                d["why"] = o.why
            if o.finding is not None:
                d["finding"] = o.finding
            return d

        return {"source": self.source,
                **{k: [one(o) for o in self.outcomes if o.status == k] for k in OUTCOMES},
                "new": self.new}


# ------------------------------------------------------------------------------------ reading

def load(path: str | Path) -> list[Entry]:
    """The first round's reports from a JSON result, a commented copy, or a folder of copies."""
    path = Path(path)
    if path.is_dir():
        copies = sorted(p for p in path.rglob("*.docx") if p.stem.endswith(".审阅"))
        if not copies:
            raise InputError(path, "文件夹中没有 fzwriter 的批注稿（“文件名.审阅.docx”）；--last-round 需要上一轮的批注稿或 JSON 结果")
        return [_from_copy(p) for p in copies]
    if not path.is_file():
        raise InputError(path, "文件不存在（--last-round 需要上一轮的批注稿“.审阅.docx”、其所在文件夹或 JSON 结果）")
    if path.suffix.lower() == ".json":
        return _from_json(path)
    if path.suffix.lower() == ".docx":
        entry = _from_copy(path)
        if not entry.findings and not path.stem.endswith(".审阅"):
            raise InputError(path, "没有 fzwriter 的批注，不是上一轮的批注稿（--annotate 生成的“文件名.审阅.docx”）")
        return [entry]
    raise InputError(path, "不是上一轮的结果：--last-round 需要批注稿（.审阅.docx）、其所在文件夹，或 lint --format json 的输出（.json）")


def _from_json(path: Path) -> list[Entry]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
        files = data["files"]
        out = []
        for f in files:
            if f.get("error") or f.get("skipped"):
                continue
            rep = f.get("report") or {}
            found = []
            for x in f["findings"]:
                evidence = str(x.get("evidence") or "")
                found.append(Earlier(rule=str(x["rule"]), message=str(x["message"]), evidence=evidence,
                                     focus=focus_of(str(x["rule"]), str(x["message"]), evidence), context=evidence,
                                     section=list((x.get("location") or {}).get("section") or []),
                                     section_id=x.get("section_id"), severity=x.get("severity"),
                                     suggestion=x.get("suggestion")))
            out.append(Entry(str(f["path"]), rep.get("region"), rep.get("year"), found))
        return out
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise InputError(path, "不是 fzwriter lint --format json 的输出，无法作为上一轮结果读取") from None


def focus_of(rule: str, message: str, evidence: str) -> str:
    """The words a comment on this finding covers, worked out from its sentence alone (as --annotate
    narrows it: the figure's clause, the shortcomings clause)."""
    from .anchors import FIGURE_RULES, _figures_in, clause, key_figure
    from .models import Finding, Location

    if rule not in FIGURE_RULES or not evidence or evidence.lstrip().startswith("|"):
        return evidence
    f = Finding(rule=rule, name="", severity="warning", message=message, evidence=evidence,
                location=Location(paragraph=1))
    key = key_figure(f, _figures_in(evidence, 1))
    if key is None:
        return evidence
    a, b = clause(evidence, key.start, key.end)
    return evidence[a:b]


def _from_copy(path: Path) -> Entry:
    """The fzwriter comments of a commented copy, each with the words it covers and their paragraph."""
    from lxml import etree

    from .annotate import AUTHOR, _read
    from .reader import read_report
    from .reader.docx import _SKIP, W, block_paragraphs

    report = read_report(path)  # the copy is the draft plus comments: its unit, year and headings
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/comments.xml" not in names:
                return Entry(str(path), report.region, report.year, [])
            comments = etree.fromstring(z.read("word/comments.xml"))
            body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError):
        raise InputError(path, "批注稿已损坏，无法读取其中的批注") from None
    texts = {}
    for c in comments.iter(W + "comment"):
        if c.get(W + "author") != AUTHOR:
            continue  # the reviewer's own comments are not findings
        texts[c.get(W + "id")] = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
    # the text each range covers and the paragraph it starts in
    ranges: dict[str, list] = {}
    starts: dict[str, object] = {}
    covered: dict[str, str] = {}
    paragraph_of = {}
    for p, _ in block_paragraphs(body):
        for el in p.iter():
            paragraph_of[el] = p

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "commentRangeStart":
                ranges[child.get(W + "id")] = []
                starts[child.get(W + "id")] = paragraph_of.get(child)
            elif tag == W + "commentRangeEnd":
                cid = child.get(W + "id")
                if cid in ranges:
                    covered[cid] = "".join(ranges.pop(cid)).strip()
            elif tag == W + "t":
                for parts in ranges.values():
                    parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                for parts in ranges.values():
                    parts.append(" ")
            elif tag == W + "p":
                walk(child)
                for parts in ranges.values():
                    parts.append("\n")
            else:
                walk(child)

    walk(body)
    found = []
    for cid, text in texts.items():
        m = _CODE.match(text)
        if m is None:
            continue
        message = text[m.end():].split("\n建议：", 1)[0].split("\n（", 1)[0].strip()
        suggestion = text.split("\n建议：", 1)[1].split("\n", 1)[0] if "\n建议：" in text else None
        words = covered.get(cid, "")
        para = starts.get(cid)
        context, section = words, []
        if para is not None:
            got = _read(para)
            if got is not None:
                context = got[0]
                match = next((q for q in report.paragraphs if q.text.endswith(context)), None)
                if match is not None:
                    section = list(match.section)
        global_note = "针对全文的问题" in text
        found.append(Earlier(rule=m.group(1), message=message, evidence="" if global_note else words,
                             focus="" if global_note else words, context="" if global_note else context,
                             section=section, suggestion=suggestion))
    return Entry(str(path), report.region, report.year, found)


# ------------------------------------------------------------------------------------ pairing

def _stem(path: str) -> str:
    name = Path(path).name
    for suffix in (".审阅.docx",):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def pair(entries: list[Entry], path: str, region: str | None, year: int | None, alone: bool) -> Entry | None:
    """The first-round entry of the report at `path`: the same file, the same name, the commented copy
    of it; else the only one of the same unit and year; a single draft against a single entry pairs."""
    for test in (lambda e: e.path == path, lambda e: Path(e.path).name == Path(path).name,
                 lambda e: _stem(e.path) == Path(path).stem):
        hits = [e for e in entries if test(e)]
        if len(hits) == 1:
            return hits[0]
    if region and year:
        hits = [e for e in entries if e.region == region and e.year == year]
        if len(hits) == 1:
            return hits[0]
    if alone and len(entries) == 1:
        return entries[0]
    return None


# ------------------------------------------------------------------------------------ comparing

def _norm(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", fold(text or ""))


def _ratio(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return max(0.9, min(len(a), len(b)) / max(len(a), len(b)))
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sm.ratio() if sm.real_quick_ratio() >= MATCH * 0.8 else 0.0


SHORT = 6  # anchors this short (XX, 十九大) say little where they are: their heading must agree


def score(e: Earlier, rule: str, message: str, evidence: str, focus: str, section_id: str | None,
          section: list[str] | None = None) -> float:
    """How surely an earlier finding and one of this round are one (0: not at all)."""
    if e.rule != rule:
        return 0.0
    same_place = bool(e.section and section) and _ratio(" ".join(e.section), " ".join(section)) >= MATCH
    if e.section and section and not same_place and len(_norm(e.focus or e.evidence)) < SHORT:
        return 0.0
    if e.section_id and section_id and e.section_id != section_id:
        return 0.0
    said = _ratio(e.message, message)
    if not (e.focus or e.evidence) or not (focus or evidence):
        # about the whole report (a missing part, the frame): the rule and its part decide
        return 0.5 + 0.5 * said if (e.section_id == section_id or said >= MATCH) else 0.0
    words = max(_ratio(e.focus, focus), _ratio(e.evidence or e.focus, evidence))
    if e.context and e.context != e.focus:  # the copy: its paragraph holds this round's sentence
        words = max(words, _ratio(e.context, evidence) if _norm(evidence) in _norm(e.context) else 0.0)
    if words < MATCH:
        return 0.0
    return words + 0.1 * said + (0.1 if same_place else 0.0)


def passages(report, earlier: list[Earlier]) -> list[Passage]:
    """For each earlier finding: is its sentence still in the revised draft, and for a figure
    finding, are the figures there checked now? (Run where the draft's text is at hand.)"""
    from .anchors import FIGURE_RULES

    out = []
    checked_spans = None
    for e in earlier:
        words = e.focus or e.evidence
        if not words:
            out.append(Passage(found=False))
            continue
        best, where = 0.0, None
        target = _norm(words)
        blind = _digits(target)  # a figure's clause whose number was corrected is the same clause
        longer = _norm(e.context or e.evidence)
        for p in report.paragraphs:
            if p.furniture or p.hint:
                continue
            norm = _norm(p.text)
            if target in norm or (e.rule in FIGURE_RULES and len(blind) >= 3 and blind in _digits(norm)
                                  and _around(longer, target, norm)):
                best, where = 1.0, p
                break
            if len(longer) > len(target) and e.rule not in FIGURE_RULES:  # its sentence, edited
                # (a figure's own clause must be found: the sentence without it has nothing to check)
                r = _ratio(longer, norm)
                if r > best:
                    best, where = r, p
            if abs(len(norm) - len(target)) > 4 * len(target) and len(target) < len(norm):
                # a short anchor in a long paragraph: compare with its windows of the same length
                r = _window_ratio(target, norm)
            else:
                r = _ratio(words, p.text)
            if r > best:
                best, where = r, p
        if best < PASSAGE or where is None:
            out.append(Passage(found=False))
            continue
        checked = True
        if e.rule in FIGURE_RULES:
            if checked_spans is None:
                checked_spans = _checked_paragraphs(report)
            checked = where.index in checked_spans
        out.append(Passage(found=True, checked=checked))
    return out


def _around(longer: str, target: str, norm: str) -> bool:
    """Whether the words around a figure's clause (its sentence or paragraph) are here too, numbers
    aside: the same clause in another sentence (较上年的#件增长#%) is not the passage."""
    if len(longer) <= len(target):
        return True
    return _window_ratio(_digits(longer), _digits(norm)) >= PASSAGE


def _digits(text: str) -> str:
    return re.sub(r"\d+(?:[.,]\d+)*", "#", text)


def _window_ratio(target: str, text: str) -> float:
    """How much of a short `target` stands in a long `text` in runs of three characters or more
    (single characters match anywhere in a long paragraph and prove nothing)."""
    sm = SequenceMatcher(None, target, text, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks() if b.size >= 3)
    return matched / len(target) if target else 0.0


def _checked_paragraphs(report) -> set[int]:
    """Paragraphs holding a figure that a relation the figure checks ran on involves."""
    from .figures import analyse

    return {f.paragraph for c in analyse(report).checks for f in c.figures}


# a finding of the comparison across one batch's reports (county.py) names the other unit's report
_ACROSS = re.compile(r"在同批报告中不一致：本报告为[^，]*，(.+?)的报告（(.+?)）为")


def compare(source: str, earlier: list[Earlier], found: list[Passage], findings, codes: list[str],
            has_previous: bool, batch: set[str] | None = None) -> Round:
    """Each earlier finding's outcome and this round's new findings (see the module docstring).
    `batch`: the units and file names of the reports compared with each other this round (None: no
    comparison ran); a finding about another report is checkable only when that report is in it."""
    from .anchors import FIGURE_RULES

    now = [(f.rule, f.message, f.evidence, focus_of(f.rule, f.message, f.evidence), f.section_id, f.location.section)
           for f in findings]
    pairs = sorted(((score(e, *c), i, j) for i, e in enumerate(earlier) for j, c in enumerate(now)),
                   key=lambda t: -t[0])
    matched: dict[int, int] = {}
    used: set[int] = set()
    for s, i, j in pairs:
        if s <= 0:
            break
        if i in matched or j in used:
            continue
        matched[i] = j
        used.add(j)
    outcomes = []
    for i, e in enumerate(earlier):
        if i in matched:
            outcomes.append(Outcome(e, "remaining", finding=matched[i]))
            continue
        passage = found[i] if i < len(found) else Passage(found=False)
        if not any(e.rule.startswith(c) or c.startswith(e.rule) for c in codes):
            outcomes.append(Outcome(e, "unverifiable", "本轮未运行该规则"))
        elif not has_previous and (e.rule in _NEEDS_PREVIOUS or (e.rule == "FG05" and "上年报告" in e.message)):
            outcomes.append(Outcome(e, "unverifiable", "本轮没有给出上年报告（--previous），无法对比"))
        elif (m := _ACROSS.search(e.message)) and not (batch and (m[1] in batch or Path(m[2]).name in batch)):
            outcomes.append(Outcome(e, "unverifiable", f"本轮没有同批的{m[1]}的报告，无法对比"))
        elif e.rule in FIGURE_RULES and not passage.found:
            outcomes.append(Outcome(e, "unverifiable", "原句已改写或删除，找不到对应的数字"))
        elif e.rule in FIGURE_RULES and not passage.checked:
            outcomes.append(Outcome(e, "unverifiable", "该处数字已无法核对（缺少据以计算的数字）"))
        elif not passage.found and (e.focus or e.evidence):
            outcomes.append(Outcome(e, "fixed", "原文已删除或改写"))
        else:
            outcomes.append(Outcome(e, "fixed"))
    return Round(source=source, outcomes=outcomes, new=[j for j in range(len(findings)) if j not in used])

