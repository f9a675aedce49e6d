"""--annotate: one Word comment per finding, anchored exactly on its evidence; the draft kept as it was."""

from __future__ import annotations

import hashlib
import io
import importlib.util
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from commentsxml import read_comments
from docxfactory import CT, DOC_RELS, W_NS, make_docx, p
from helpers import ROOT, run_cli, seed

from writer.anchors import FIGURE_RULES, in_words
from writer.annotate import NOTE_GLOBAL, NOTE_LABEL, NOTE_WHOLE, annotate
from writer.engine import choose_rules, lint_report
from writer.models import Finding, Location
from writer.reader import read_report

DEV = ROOT / "tests" / "corpus" / "dev"


def _build_module():
    spec = importlib.util.spec_from_file_location("dev_build", DEV / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def defect_copies(tmp_path_factory):
    """Every defect copy of three dev reports as .docx: Heading styles (d01), Word list numbering
    (d02), typed headings with a table (d10) — written by the corpus's own build.py."""
    build = _build_module()
    data = build.load_corpus()
    out = tmp_path_factory.mktemp("copies")
    paths = []
    for r in data["reports"]:
        if r["id"] not in ("d01", "d02", "d10"):
            continue
        for d in r["defects"]:
            stem = f"{r['_stem']}__{d['id']}"
            text = r["_text"].replace(d["edit"]["old"], d["edit"]["new"], 1)
            path = out / f"{stem}.docx"
            build.build_docx(text, r, path, seed=stem)
            paths.append(path)
    return paths


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ours(path: Path) -> list[dict]:
    comments = read_comments(path)
    return [comments[k] for k in sorted(comments, key=int) if comments[k]["author"] == "fzwriter"]


def test_defect_copies_every_finding_a_comment_on_its_evidence(defect_copies, tmp_path):
    rules = choose_rules()
    checked = narrowed = 0
    for path in defect_copies:
        before = _sha(path)
        report = read_report(path)
        findings = lint_report(report, rules)
        target = tmp_path / f"{path.stem}.审阅.docx"
        annotate(report, findings, target)
        assert _sha(path) == before, "the input must never be touched"
        comments = _ours(target)
        assert len(comments) == len(findings)
        for f, c in zip(findings, comments):
            assert c["text"].startswith(f"{f.rule} ") and in_words(report, f.message) in c["text"]
            assert not re.search(r"第\d+段", c["text"].replace("上年报告", "")), c["text"]  # Word shows no numbers
            if f.suggestion:
                assert f.suggestion in c["text"]
            evidence = f.evidence.strip()
            if f.rule in FIGURE_RULES or f.rule == "ST05":
                narrowed += _narrowed(report, f, c)
                checked += 1
                continue
            if not f.location.paragraph:
                assert NOTE_GLOBAL in c["text"] and c["anchored"] == report.para(report.title_paragraph).text
                continue
            para = report.para(f.location.paragraph)
            if evidence and para.numbering and evidence == para.numbering.strip():
                # only Word's list number: not in the XML text, so the paragraph is marked and it says so
                assert NOTE_LABEL in c["text"] and c["anchored"] == para.text[len(para.numbering):]
                continue
            if evidence and para.numbering and evidence.startswith(para.numbering) and f.location.start == 0:
                # Word's list number leads the evidence: the anchor is the text the number is drawn before
                assert c["anchored"] == evidence[len(para.numbering):], (path.name, f.rule)
                checked += 1
                continue
            if evidence:
                assert c["anchored"] == evidence, (path.name, f.rule)
                checked += 1
    assert checked >= 20  # the copies carry findings with evidence to anchor
    assert narrowed >= 3  # figure findings among them, anchored on their figures


_CLAUSE = re.compile(r"[，,；;。：:]")


def _narrowed(report, f, c) -> int:
    """A figure or ST05 comment covers at most a clause of its evidence: for a figure finding the clause
    of a figure the message quotes (1 when narrowed, 0 when the evidence was kept whole)."""
    anchored = c["anchored"]
    if f.evidence.strip().startswith("|"):  # a table row: one of its cells, or the row
        cells = f.evidence.strip().strip("|").split("|")
        assert anchored in [x.strip() for x in cells] or anchored == "\n".join(x.strip() for x in cells)
        return int("\n" not in anchored)
    assert anchored in f.evidence or anchored in report.para(f.location.paragraph).text
    if anchored == f.evidence.strip():
        return 0
    assert not _CLAUSE.search(anchored.strip("，,；;。：:")), anchored
    if f.rule in FIGURE_RULES:
        numbers = re.findall(r"\d+(?:\.\d+)?%?", anchored) or re.findall(r"[一二三四五六七八九十百千万]+", anchored)
        assert any(n in f.message for n in numbers) or re.search(r"[一二三四五六七八九十百千]", anchored), (anchored, f.message)
    return 1


def test_annotated_copy_converts_to_pdf_with_its_comments(defect_copies, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = next(p for p in defect_copies if p.name.startswith("d10_"))
    report = read_report(path)
    findings = lint_report(report, choose_rules())
    target = tmp_path / "审阅.docx"
    annotate(report, findings, target)
    assert findings
    profile = tmp_path / "profile"  # a private profile: no clash with another LibreOffice
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", export, "--outdir", str(tmp_path), str(target)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "审阅.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    data = pdf.read_bytes()
    notes = re.findall(rb"/Subtype\s*/Text.*?/Contents\s*<([0-9A-Fa-f]+)>", data, re.S)
    assert len(notes) == len(findings)
    texts = [bytes.fromhex(n.decode()).decode("utf-16") for n in notes]
    assert {f.rule for f in findings} == {t.split()[0].lstrip("\ufeff") for t in texts}


def _docx_with_comment(path: Path, body: str) -> Path:
    """A draft that already carries a reviewer's comment (id 0) and its comments part."""
    ct = CT.replace("</Types>", '<Override PartName="/word/comments.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
    rels = DOC_RELS.replace("</Relationships>", '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>')
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}">'
                '<w:comment w:id="0" w:author="科长" w:initials="K"><w:p><w:r><w:t>请核实数字</w:t></w:r></w:p>'
                "</w:comment></w:comments>")
    return make_docx(path, body, content_types=ct, doc_rels=rels, extra={"word/comments.xml": comments})


def test_runs_split_formatting_tracked_changes_and_comments_kept(tmp_path):
    # a sentence across bold and plain runs, a tracked change in the middle, a reviewer's comment
    body = (p("某县人民政府关于2024年法治政府建设情况的报告")
            + '<w:p><w:commentRangeStart w:id="0"/>'
            '<w:r><w:rPr><w:b/></w:rPr><w:t>全年受理行政复议案件</w:t></w:r>'
            '<w:del w:id="1" w:author="a"><w:r><w:delText>56</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t>65</w:t></w:r></w:ins>'
            '<w:r><w:t>件，纠错6件，纠错率13%，</w:t></w:r>'
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
            '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">行政复议公信力进一步提升。</w:t></w:r></w:p>')
    src = _docx_with_comment(tmp_path / "draft.docx", body)
    before = _sha(src)
    report = read_report(src)
    finding = Finding(rule="FG02", name="figures.rate-mismatch", severity="error", message="纠错率与所列数字不符。",
                      evidence="行政复议案件65件，纠错6件", location=Location(paragraph=2, start=4, end=20),
                      suggestion="重新计算。")
    inside = Finding(rule="WD06", name="wording.formulation", severity="warning", message="示例",
                     evidence="公信力", location=Location(paragraph=2, start=30, end=33))
    target = tmp_path / "out.docx"
    annotate(report, [finding, inside], target)
    assert _sha(src) == before
    comments = read_comments(target)
    assert comments["0"]["author"] == "科长" and comments["0"]["text"] == "请核实数字"
    ours = _ours(target)
    assert [c["anchored"] for c in ours] == ["行政复议案件65件，纠错6件", "公信力"]
    assert ours[0]["text"] == "FG02 错误：纠错率与所列数字不符。\n建议：重新计算。"
    with zipfile.ZipFile(target) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<w:delText>56</w:delText>" in xml and "<w:ins " in xml
    # the bold run was split: both halves keep the bold, and so does the italic one
    assert re.search(r"<w:b/></w:rPr><w:t[^>]*>全年受理</w:t>", xml)
    assert re.search(r"<w:b/></w:rPr><w:t[^>]*>行政复议案件</w:t>", xml)
    assert re.search(r"<w:i/></w:rPr><w:t[^>]*>公信力</w:t>", xml)
    # reading the annotated copy gives the same text
    again = read_report(target)
    assert [q.text for q in again.paragraphs] == [q.text for q in report.paragraphs]


def test_evidence_not_found_marks_whole_paragraph_and_says_so(tmp_path):
    src = tmp_path / "draft.txt"
    src.write_text("某县2024年法治政府建设情况报告\n全年开展执法检查5次，发现问题12个。\n", encoding="utf-8")
    report = read_report(src)
    lost = Finding(rule="WD06", name="wording.formulation", severity="warning", message="示例",
                   evidence="并不在这一段里的话", location=Location(paragraph=2, start=0, end=3))
    missing = Finding(rule="ST01", name="structure.missing-part", severity="error", message="缺少必备部分",
                      evidence="", location=Location(paragraph=0))
    target = tmp_path / "out.docx"
    annotate(report, [lost, missing], target)
    first, second = _ours(target)
    assert first["anchored"] == "全年开展执法检查5次，发现问题12个。" and NOTE_WHOLE in first["text"]
    assert second["anchored"] == "某县2024年法治政府建设情况报告" and NOTE_GLOBAL in second["text"]


def test_text_draft_yields_docx_with_the_same_comments(tmp_path):
    src = tmp_path / seed("000").name
    shutil.copy(seed("000"), src)
    before = _sha(src)
    report = read_report(src)
    findings = lint_report(report, choose_rules())
    target = tmp_path / "out.docx"
    annotate(report, findings, target)
    assert _sha(src) == before
    comments = _ours(target)
    assert len(comments) == len(findings) > 0
    for f, c in zip(findings, comments):
        if f.rule in FIGURE_RULES or f.rule == "ST05":
            _narrowed(report, f, c)
        elif f.evidence and f.location.paragraph:
            assert c["anchored"] == f.evidence.strip()


def test_cli_annotate_folder_no_overwrite_without_force(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for s in ("000", "002"):
        shutil.copy(seed(s), drafts / seed(s).name)
    out = tmp_path / "审阅"
    res = run_cli("lint", str(drafts), "--annotate", str(out))
    assert res.returncode in (0, 1), res.stderr
    made = sorted(x.name for x in out.iterdir())
    assert made == sorted(f"{seed(s).stem}.审阅.docx" for s in ("000", "002"))
    assert "批注稿：" in res.stdout
    again = run_cli("lint", str(drafts), "--annotate", str(out))
    assert again.returncode == 2 and "--force" in again.stderr and ".审阅.docx" in again.stderr
    forced = run_cli("lint", str(drafts), "--annotate", str(out), "--force")
    assert forced.returncode in (0, 1)
    # the commented copies in the folder being checked are not taken for drafts
    inside = run_cli("lint", str(tmp_path), "--format", "json")
    assert ".审阅.docx" not in inside.stdout


def test_table_row_quoted_as_cells_is_anchored_on_the_row(tmp_path):
    from docxfactory import make_docx

    def cell(text):
        return f"<w:tc>{p(text)}</w:tc>"

    row = "<w:tr>" + "".join(cell(t) for t in ("纠错率", "19.9%", "12.6%")) + "</w:tr>"
    head = "<w:tr>" + "".join(cell(t) for t in ("指标", "2024年", "2023年")) + "</w:tr>"
    body = p("某县2024年法治政府建设情况报告") + p("全年行政复议主要数据如下。") + f"<w:tbl>{head}{row}</w:tbl>" + p("特此报告。")
    report = read_report(make_docx(tmp_path / "t.docx", body))
    index = next(q.index for q in report.paragraphs if q.text == "19.9%")
    assert report.para(index).cell is not None
    row_finding = Finding(rule="FG04", name="figures.conflict", severity="warning", message="示例",
                          evidence="| 纠错率 | 19.9% | 12.6% |", location=Location(paragraph=index))
    one_cell = Finding(rule="FG04", name="figures.conflict", severity="warning", message="示例",
                       evidence="12.6%", location=Location(paragraph=index + 1))
    annotate(report, [row_finding, one_cell], tmp_path / "out.docx")
    first, second = _ours(tmp_path / "out.docx")
    assert first["anchored"] == "纠错率\n19.9%\n12.6%" and NOTE_WHOLE not in first["text"]
    assert second["anchored"] == "12.6%"


def test_quotes_inside_quotes_and_places_in_words(tmp_path):
    from writer.anchors import in_words, nest_quotes, place
    from writer.output import to_text
    from writer.engine import lint_paths

    assert nest_quotes("“七五”普法") == "“七五”普法"
    assert nest_quotes("“深入实施“八五”普法规划”已过时") == "“深入实施‘八五’普法规划”已过时"
    src = tmp_path / "draft.txt"
    src.write_text("某县人民政府关于2024年法治政府建设情况的报告\n市委、市政府：\n一、主要举措和成效\n"
                   "（一）深化法治宣传。“七五”普法规划全面实施，全年开展普法活动120场。\n"
                   "全年开展普法活动120场，覆盖群众3万人次。\n", encoding="utf-8")
    report = read_report(src)
    runin = next(q for q in report.paragraphs if q.text.startswith("（一）"))
    body = next(q for q in report.paragraphs if q.text.startswith("全年"))
    heading = next(q for q in report.paragraphs if q.text.startswith("一、"))
    assert place(report, heading.index) == "标题“一、主要举措和成效”"
    assert place(report, runin.index) == "以“（一）深化法治宣传。‘七……”开头的一段"  # its own heading leads it
    said = in_words(report, f"与第{body.index}段不一致；上年报告（2023.docx）第{body.index}段")
    assert said == (f"与“（一）深化法治宣传”下以“全年开展普法活动120场……”开头的一段不一致；"
                    f"上年报告（2023.docx）第{body.index}段")  # last year's report keeps its number
    # the terminal's 原文 line: evidence that starts with a quote is not quoted twice
    out = io.StringIO()
    to_text(lint_paths([str(src)], choose_rules(["WD01"]), year=2024), out)
    assert "““" not in out.getvalue() and "原文：“‘七五’普法" in out.getvalue()
