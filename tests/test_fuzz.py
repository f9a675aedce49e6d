"""Random and adversarial drafts through the reader and every rule (issue 15): numerals of every kind,
punctuation soup, invisible characters, very long lines, empty parts, fragments of real report
phrasing. Whatever comes in, the reader gives a report or a Chinese InputError naming the file, every
rule runs to the end, and each draft takes well under a second or two."""

import time
from pathlib import Path

from docxfactory import document, p
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from writer.engine import choose_rules, lint_report
from writer.errors import InputError
from writer.reader import read_report
from writer.reader.build import build
from writer.reader.raw import RawParagraph

NUMERALS = list("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿〇零两壹贰叁拾①②③⑩ⅠⅡⅢ.,%‰")
PUNCT = list("，。；：！？、（）()【】[]《》<>“”‘’\"'…—-·~～/\\|#*_ \u3000\u00a0\t\n")
INVISIBLE = list("\u200b\u200c\u200d\u2060\u00ad\ufeff\u202e")
HAN = list("法治政府建设年度报告受理审结案件行政复议执法纠错率合格维持撤销区县市乡镇街道委局主要负责人第一责任人"
           "存在不足原因安排举措成效党的二十大十九届全会七五八五普法秦州大丰清远司法局")
PLACEHOLDERS = ["XX", "××", "X件", "【  】", "【待填】", "（）", "___", "……%", "某某县", "X月X日"]
PHRASES = ["一、主要举措和成效", "（二）", "3.", "(4)", "二、存在的不足和原因", "究其原因，", "一方面", "另一方面",
           "三、党政主要负责人履行推进法治建设第一责任人职责情况", "四、2025年工作安排", "2024年，", "2025年将",
           "全年受理行政复议案件65件，审结60件，纠错6件，纠错率10%。", "较上年增长12.5%", "其中", "合计",
           "党的十九大精神", "二十届二中、三中全会", "法治大丰建设", "大丰区委", "2024年2月30日", "2022113",
           "|受理|65|60|", "【提示：写明本年度的主要做法】", "秦州区人民政府关于2024年法治政府建设情况的报告",
           "市委、市政府：", "秦州区人民政府", "2025年1月13日", "职能科学、权责法定、执法严明"]

pieces = st.one_of(
    st.text(alphabet=st.sampled_from(NUMERALS + PUNCT + INVISIBLE + HAN), max_size=40),
    st.sampled_from(PLACEHOLDERS + PHRASES),
    st.text(max_size=10),  # anything Unicode has
)
paragraph = st.lists(pieces, max_size=12).map("".join)
long_line = st.tuples(st.sampled_from(NUMERALS + PUNCT + HAN + PHRASES), st.integers(1000, 20000)).map(
    lambda t: t[0] * (t[1] // max(len(t[0]), 1)))
draft = st.lists(st.one_of(paragraph, paragraph, paragraph, long_line, st.just("")), max_size=40)

RULES = choose_rules()
BOUND = 5.0  # seconds for one draft of at most a few hundred thousand characters


def check_report(report) -> None:
    for f in lint_report(report, RULES):
        assert f.rule and f.message
        para = report.para(f.location.paragraph) if f.location.paragraph else None
        if para is not None:  # offsets point into the draft's own text
            own = para.original or para.text
            assert 0 <= f.location.start <= f.location.end <= len(own)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(draft, st.integers(2000, 2030))
def test_reader_and_rules_on_random_paragraphs(paras, year):
    start = time.perf_counter()
    raw = [RawParagraph(text=t, in_table=(i % 7 == 3), cell=(1, i, 0) if i % 7 == 3 else None)
           for i, t in enumerate(paras) if t.strip()]
    report = build(raw, "fuzz.txt", "txt")
    report.year = year
    check_report(report)
    assert time.perf_counter() - start < BOUND


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.one_of(st.binary(max_size=3000), draft.map(lambda ps: "\n".join(ps).encode("utf-8")),
                 draft.map(lambda ps: "\r\n".join(ps).encode("gb18030", "replace")),
                 draft.map(lambda ps: "\n".join(ps).encode("utf-16"))),
       st.sampled_from([".txt", ".md"]))
def test_text_reader_on_random_bytes(data, suffix):
    path = Path("fuzz" + suffix)
    start = time.perf_counter()
    try:
        report = read_report(path, data=data)
    except InputError as exc:
        assert exc.message.startswith(str(path)) and any("\u4e00" <= c <= "\u9fff" for c in exc.reason)
        return
    check_report(report)
    assert time.perf_counter() - start < BOUND


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(draft)
def test_docx_reader_on_random_paragraphs(paras):
    import io
    import zipfile

    from docxfactory import CT, DOC_RELS, NUMBERING, RELS, STYLES

    body = "".join(p(t, style=("Heading1" if i % 5 == 0 else None), num=((1, i % 3) if i % 4 == 1 else None))
                   for i, t in enumerate(paras))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, part in (("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("word/_rels/document.xml.rels", DOC_RELS),
                           ("word/styles.xml", STYLES), ("word/numbering.xml", NUMBERING),
                           ("word/document.xml", document(body))):
            zf.writestr(name, part.encode("utf-8", "surrogatepass"))
    path = Path("fuzz.docx")
    start = time.perf_counter()
    try:
        report = read_report(path, data=out.getvalue())
    except InputError as exc:  # control characters are not XML; nothing visible is no report
        assert exc.message.startswith(str(path))
        return
    check_report(report)
    assert time.perf_counter() - start < BOUND
