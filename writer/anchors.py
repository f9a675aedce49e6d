"""What a finding's comment covers and how a Word user finds a place, for --annotate and the second round.

A figure finding (FG01–FG05) is about a few figures of its sentence: its comment goes on the clause
of the figure the message is about (the rate, the change, the whole the parts exceed, the later of two
values), read from the figures the message quotes; a table row's comment goes on that figure's cell.
ST05 (a shortcomings passage without causes) goes on the clause that says there are shortcomings.
Word shows no paragraph numbers: `第19段` in a comment becomes the heading and the first words of
that paragraph. Nothing here decides whether there is a problem; a span that cannot be narrowed
leaves the evidence as it was.
"""

from __future__ import annotations

import re

from .models import Finding, Report

FIGURE_RULES = ("FG01", "FG02", "FG03", "FG04", "FG05")
_CLAUSE_MARKS = "，,；;。：:！!？?\n"
# where a message names the figure it is about, by rule (the figure printed right after the words)
_MARKERS = {"FG01": ("超过总数", "大于总数", "超过合计", "总数", "合计"), "FG04": ("此处为", "表中为")}
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\d)")
_SHORTCOMING = re.compile(r"不足|问题|差距|短板|薄弱")
_PARA_REF = re.compile(r"第(\d+)段")
PLACE_WORDS = 12  # characters of a paragraph quoted to find it by


def nest_quotes(text: str) -> str:
    """Quotes inside quotes as single ones: ““八五”普法” → “‘八五’普法”; text without nesting unchanged."""
    if text.count("“") < 2:
        return text
    out = []
    depth = 0
    for ch in text:
        if ch == "“":
            out.append("‘" if depth >= 1 else ch)
            depth += 1
        elif ch == "”" and depth > 0:
            depth -= 1
            out.append("’" if depth >= 1 else ch)
        else:
            out.append(ch)
    return "".join(out)


def quoted(words: str) -> str:
    """“words”, inner quotes single (the terminal's 原文 line and comments)."""
    return "“" + words.replace("“", "‘").replace("”", "’") + "”"


# ------------------------------------------------------------------------------- places in words

def place(report: Report, index: int) -> str:
    """Paragraph `index` as a Word user finds it: a heading by its words, a cell by its text, other
    paragraphs by the heading they stand under and their first words."""
    if not 0 < index <= len(report.paragraphs):
        return "全文"
    para = report.para(index)
    text = para.text.strip()
    if para.level is not None and not para.runin:
        return f"标题{quoted(_cut(text, 30))}"
    if para.cell is not None:
        return f"表格中的{quoted(_cut(text, 20))}"
    start = f"以{quoted(_cut(text, PLACE_WORDS))}开头的一段"
    heading = para.section[-1] if para.section else ""
    if heading and not text.startswith(heading[:PLACE_WORDS]):  # not its own run-in heading
        return f"{quoted(_cut(heading, 24))}下{start}"
    return start


def _cut(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "……"


def in_words(report: Report, text: str) -> str:
    """`第19段` of this report turned into where a Word user finds it (a paragraph of last year's
    report, `上年报告……第N段`, is left as written)."""
    def repl(m: re.Match) -> str:
        if "上年报告" in text[max(0, m.start() - 40):m.start()]:
            return m.group(0)
        return place(report, int(m.group(1)))

    return _PARA_REF.sub(repl, text) if "段" in text else text


# -------------------------------------------------------------------------------- narrow anchors

def _figures_in(text: str, paragraph: int):
    from .figures.numbers import extract_text
    from .text import fold

    return extract_text(paragraph, fold(text))


def _mentions(message: str, fig) -> int | None:
    """Where `message` quotes figure `fig` (as printed, or by its value), or None."""
    best = None
    k = message.find(fig.text)
    while k != -1:
        before = message[k - 1] if k else ""
        after = message[k + len(fig.text)] if k + len(fig.text) < len(message) else ""
        if not (before.isdigit() or before == ".") and not (after.isdigit() or (after == "." and fig.text[-1].isdigit())):
            best = k
            break
        k = message.find(fig.text, k + 1)
    value = fig.value
    for m in _NUMBER.finditer(message):
        if best is not None and m.start() >= best:
            break
        pct = message[m.end():m.end() + 1] == "%"
        if pct != (fig.unit == "%"):
            continue
        if abs(float(m.group(0)) - value) < 1e-9:
            best = m.start()
            break
    return best


def key_figure(finding: Finding, figures: list):
    """The figure the message is about, among `figures`: the one printed after the rule's marker
    words (总数, 此处为), else the first the message quotes; None when it quotes none of them."""
    message = finding.message
    at = [(pos, f) for f in figures if (pos := _mentions(message, f)) is not None]
    if not at:
        return None
    for word in _MARKERS.get(finding.rule, ()):
        k = message.find(word)
        if k != -1:
            after = [(pos, f) for pos, f in at if pos >= k + len(word)]
            if after:
                return min(after, key=lambda pf: pf[0])[1]
    return min(at, key=lambda pf: pf[0])[1]


def clause(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The clause of text[lo:hi] around [start, end): from the mark before it to its end (a figure
    closes its clause when the words after it are the clause's tail: 增长15.4%。)."""
    hi = len(text) if hi is None else hi
    a = start
    while a > lo and text[a - 1] not in _CLAUSE_MARKS:
        a -= 1
    b = end
    while b < hi and text[b] not in _CLAUSE_MARKS:
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def narrow(report: Report, finding: Finding, index: int, start: int, end: int) -> tuple[int, int] | None:
    """A narrower span of paragraph `index` inside [start, end) for the comment: the key figure's
    clause (FG), the shortcomings clause (ST05); None to keep [start, end)."""
    para = report.para(index)
    if finding.rule in FIGURE_RULES:
        figs = [f for f in _figures_in(para.text, index) if start <= f.start and f.end <= end]
        key = key_figure(finding, figs)
        if key is None:
            return None
        return clause(para.text, key.start, key.end, start, end)
    if finding.rule == "ST05" and not (para.level is not None and not para.runin):
        m = _SHORTCOMING.search(para.text, start, end)
        if m is None:
            return None
        return clause(para.text, m.start(), m.end(), start, end)
    return None


def cell_of(report: Report, finding: Finding, first: int, last: int) -> int | None:
    """Among the cells first..last of a table row, the one holding the figure the message is about
    (a cell holds a bare number: 79, 14.9%)."""
    figs = []
    for i in range(first, last + 1):
        text = report.para(i).text.strip()
        m = re.fullmatch(r"[+-]?(\d+(?:\.\d+)?)\s*(%?)", text.replace(",", ""))
        if m:
            figs.append(_Cell(i, text, float(m.group(1)), "%" if m.group(2) else ""))
    key = key_figure(finding, figs)
    return key.paragraph if key is not None else None


class _Cell:
    """A table cell's number, shaped as a figure for `key_figure`."""

    def __init__(self, paragraph: int, text: str, value: float, unit: str):
        self.paragraph, self.text, self.value, self.unit = paragraph, text, value, unit
