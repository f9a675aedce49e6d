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


# ---------------------------------------------------------------- issue 24: templates and user patterns

TEMPLATE_PIECES = [
    "@标题 ", "@正文 ", "@一级 ", "@提示 ", "@空行", "\n", "{{ year }}", "{{ region }}", "{{ parts.S1 }}",
    "{{ g.thought }}", "{{ blank }}", "{{ organs | join_cn }}", "{{ 3 | cn }}", "{% for t in themes %}",
    "{% endfor %}", "{% if level == '部门' %}", "{% endif %}", "{% else %}", "{{ t.heading }}", "{{ loop.index }}",
    "{{ 1/0 }}", "{{ 'x' * 10**9 }}", "{{ range(10**9) }}", "{{ cycler.__init__.__globals__ }}", "{{ ''.__class__ }}",
    "{{ no_such }}", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ 9 ** 99999 }}", "{{ [1,2] * 10**8 }}",
    "{% include 'report.j2' %}", "{% include 'nowhere.j2' %}", "{% set ns = namespace(s='x') %}",
    "{% for i in range(30) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "{{ 'x' | center(10**9) }}",
    "{{ lipsum(10**6) }}", "{{ plans | list }}", "{{ {}.pop() }}", "{{ [].append(1) }}", "{% if %}", "{{", "}}",
    "{% raw %}", "{# c #}", "@未知 ", "正文文字，", "【  】",
]


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(TEMPLATE_PIECES), st.text(max_size=8)), max_size=24).map("".join))
def test_user_templates_render_or_name_file_and_line(tmp_path_factory, template):
    """Whatever a template folder holds: blocks, or a Chinese InputError naming report.j2; no other
    exception, no command run, within seconds."""
    from writer.compose import render
    from writer.plan import plan

    folder = tmp_path_factory.mktemp("tpl")
    (folder / "report.j2").write_text(template, encoding="utf-8", errors="surrogatepass")
    start = time.perf_counter()
    try:
        blocks = render(_PLAN(), folder)
        assert all(b.kind for b in blocks)
    except InputError as exc:
        assert "report.j2" in exc.message or "nowhere.j2" in exc.message, exc.message
        assert any("\u4e00" <= c <= "\u9fff" for c in exc.reason)
    assert time.perf_counter() - start < 15


def _PLAN(cache=[]):  # noqa: B006 - one plan for every example
    if not cache:
        from writer.plan import plan

        cache.append(plan("秦州区", 2025))
    return cache[0]


REGEX_PIECES = ["法", "治", "理", "a", "b", ".", r"\d", r"\s", r"\w", "[法治]", "[^，]", "(", ")", "(?:", "|",
                "+", "*", "?", "{1,3}", "{2}", "^", "$", "(?=法)", "(?<!a)", r"\1", "(法+)+", "(a|a)+", "(a|ab|b)+",
                r"\S*\S*\S*", "[", "]", "{year}", "年"]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.lists(st.sampled_from(REGEX_PIECES), min_size=1, max_size=12).map("".join))
def test_user_checklist_patterns_load_or_are_refused_and_never_stall(tmp_path_factory, pattern):
    """A user's wording.yml with any pattern: refused with a message naming the file, or used by
    lint on a draft within its CPU budget (a runaway pattern is named)."""
    import yaml

    from writer import checklists
    from writer.engine import choose_rules, lint_paths
    from writer.reader import limits
    from writer.resources import data_dir

    folder = tmp_path_factory.mktemp("own")
    data = yaml.safe_load((data_dir("checklists") / "wording.yml").read_text(encoding="utf-8"))
    data["placeholders"].insert(0, {"pattern": pattern, "why": "自定义"})
    (folder / "wording.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    draft = folder / "稿.txt"
    draft.write_text(_DRAFT + "法" * 40 + "治" + "\n", encoding="utf-8")
    start = time.perf_counter()
    limits.use(limits.Limits(max_seconds=3))
    try:
        checklists.use_folder(folder)
        try:
            checklists.load_all()
        except InputError as exc:
            assert "wording.yml" in exc.message and "placeholders" in exc.message, exc.message
            return
        try:
            results = lint_paths([str(draft)], choose_rules(select=["WD04"]))
            assert results[0].error is None or "秒" in results[0].error
        except InputError as exc:  # the pattern ran away: named
            assert "wording.yml" in exc.message and "停止" in exc.message, exc.message
    finally:
        checklists.use_folder(None)
        limits.use(None)
    assert time.perf_counter() - start < 15


_DRAFT = "\n".join(["秦州区人民政府关于2024年法治政府建设情况的报告", "市委、市政府：",
                    "2024年，全区全年受理行政复议案件65件，审结60件。XX件待办。"] * 3) + "\n"
