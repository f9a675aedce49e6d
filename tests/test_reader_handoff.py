"""The text reader hands its parsed parts and its walk to the layout reader: the layout is the one
the layout reader reads on its own, the parts go once the draft is checked (not kept with a result),
and a pickled or copied report carries none of them."""

from __future__ import annotations

import copy
import pickle

from docxfactory import layout_docx

from writer.layout import draft
from writer.reader import PARSED, read_report
from writer.reader.layout import read_layout


def _same(a, b) -> bool:
    return repr(a.sections) == repr(b.sections) and repr(a.paragraphs) == repr(b.paragraphs) \
        and repr(a.formats) == repr(b.formats) and repr(a.styles) == repr(b.styles) \
        and a.even_odd == b.even_odd and a.default_size == b.default_size


def test_layout_from_the_text_readers_parts_is_the_layout_read_alone(tmp_path):
    path = layout_docx(tmp_path / "d.docx", {"table": "表格中的一段文字", "lead": "\u3000\u3000"})
    report = read_report(path)
    parsed = getattr(report, PARSED)
    assert parsed.parts and parsed.walked
    d = draft(report)
    assert d is not None and _same(d.layout, read_layout(path))


def test_a_checked_drafts_result_keeps_no_parsed_parts(tmp_path):
    import gc

    from writer.engine import choose_rules, lint_paths

    from docxfactory import _fonts

    path = layout_docx(tmp_path / "d.docx", {"table": "表格中的一段文字", "rpr": {"body": _fonts("宋体")}})
    [result] = lint_paths([str(path)], choose_rules())
    assert gc.isenabled()
    assert result.report is not None and not hasattr(result.report, PARSED)  # the page keeps results
    # a process that ends with the run (the command line) leaves the last draft's objects to its end,
    # the collector off: the same findings
    try:
        [ending] = lint_paths([str(path)], choose_rules(), exiting=True)
        assert not gc.isenabled()
        assert getattr(ending.report, PARSED).parts
    finally:
        gc.enable()
    assert [(f.rule, f.evidence, f.message) for f in ending.findings] == \
        [(f.rule, f.evidence, f.message) for f in result.findings] and result.findings


def test_a_pickled_or_copied_report_carries_no_parsed_parts(tmp_path):
    path = layout_docx(tmp_path / "d.docx")
    report = read_report(path)
    for other in (pickle.loads(pickle.dumps(report)), copy.deepcopy(report)):
        parsed = getattr(other, PARSED)
        assert parsed.data is None and not parsed.parts and parsed.walked == []
        d = draft(other)  # the layout reader reads the file itself
        assert d is not None and _same(d.layout, read_layout(path))


def test_bytes_given_to_the_reader_are_not_handed_on(tmp_path):
    path = layout_docx(tmp_path / "d.docx")
    report = read_report(path, data=path.read_bytes())
    assert not hasattr(report, PARSED)
