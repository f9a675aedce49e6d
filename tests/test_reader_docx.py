"""The .docx reader on what real drafts contain: split runs, tracked changes, fields, numbering."""

from docxfactory import make_docx, p

from writer.reader import read_report

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def texts(report):
    return [q.text for q in report.paragraphs]


def test_runs_are_joined_and_empty_paragraphs_skipped(tmp_path):
    body = p(runs=["2024年，", "秦州", "区坚持", "依法行政。"]) + p("") + p("第二段。")
    r = read_report(make_docx(tmp_path / "a.docx", body))
    assert texts(r) == ["2024年，秦州区坚持依法行政。", "第二段。"]
    assert r.region == "秦州区" and r.year == 2024


def test_tracked_changes_read_as_accepted(tmp_path):
    body = ("<w:p><w:r><w:t>全年受理行政复议案件</w:t></w:r>"
            '<w:del w:id="1" w:author="a"><w:r><w:delText>56</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t>65</w:t></w:r></w:ins>'
            "<w:r><w:t>件。</w:t></w:r>"
            '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>（旧位置）</w:t></w:r></w:moveFrom></w:p>')
    r = read_report(make_docx(tmp_path / "t.docx", body))
    assert texts(r) == ["全年受理行政复议案件65件。"]


def test_field_result_kept_and_code_dropped(tmp_path):
    body = ("<w:p><w:r><w:t>共</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText> = 12 + 30 </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t>42</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "<w:r><w:t>件，</w:t></w:r>"
            '<w:fldSimple w:instr=" DOCPROPERTY x "><w:r><w:t>其中受理40件。</w:t></w:r></w:fldSimple></w:p>')
    r = read_report(make_docx(tmp_path / "f.docx", body))
    assert texts(r) == ["共42件，其中受理40件。"]


def test_soft_line_break_kept_as_newline(tmp_path):
    body = "<w:p><w:r><w:t>一、主要举措和成效</w:t><w:br/><w:t>全年开展培训5次。</w:t></w:r></w:p>"
    r = read_report(make_docx(tmp_path / "b.docx", body))
    assert texts(r) == ["一、主要举措和成效\n全年开展培训5次。"]


def test_word_numbering_renders_chinese_labels(tmp_path):
    body = (p("主要举措和成效", num=(1, 0)) + p("加强组织领导", num=(1, 1)) + p("正文。")
            + p("健全制度", num=(1, 1)) + p("存在的不足和原因", num=(1, 0)) + p("问题一", num=(1, 1)))
    r = read_report(make_docx(tmp_path / "n.docx", body))
    assert texts(r) == ["一、主要举措和成效", "（一）加强组织领导", "正文。", "（二）健全制度",
                        "二、存在的不足和原因", "（一）问题一"]
    heads = [(q.level, q.number) for q in r.paragraphs if q.level]
    assert heads == [(1, 1), (2, 1), (2, 2), (1, 2), (2, 1)]
    assert r.paragraphs[2].section == ["一、主要举措和成效", "（一）加强组织领导"]


def test_numbering_from_style(tmp_path):
    body = p("主要举措和成效", style="CnList1") + p("正文一段。") + p("存在的不足和原因", style="CnList1")
    r = read_report(make_docx(tmp_path / "s.docx", body))
    assert texts(r)[0] == "一、主要举措和成效"
    assert texts(r)[2] == "二、存在的不足和原因"


def test_heading_style_without_number_is_a_heading(tmp_path):
    body = p("主要举措和成效", style="Heading1") + p("全年开展执法检查5次。")
    r = read_report(make_docx(tmp_path / "h.docx", body))
    assert r.paragraphs[0].level == 1 and r.paragraphs[0].outline == 1
    assert r.paragraphs[1].section == ["主要举措和成效"]


def test_tables_in_body_order_and_not_headings(tmp_path):
    cell = lambda t: f"<w:tc>{p(t)}</w:tc>"
    table = f"<w:tbl><w:tr>{cell('指标')}{cell('数量')}</w:tr><w:tr>{cell('1.受理')}{cell('65件')}</w:tr></w:tbl>"
    body = p("前文。") + table + p("后文。")
    r = read_report(make_docx(tmp_path / "tb.docx", body))
    assert texts(r) == ["前文。", "指标", "数量", "1.受理", "65件", "后文。"]
    assert [q.in_table for q in r.paragraphs] == [False, True, True, True, True, False]
    assert all(q.level is None for q in r.paragraphs)
    assert [q.index for q in r.paragraphs] == [1, 2, 3, 4, 5, 6]


def test_full_width_headings_and_digits(tmp_path):
    body = p("一、主要举措和成效") + p("（一）加强组织领导") + p("１．健全学法制度") + p("（１）细化清单")
    r = read_report(make_docx(tmp_path / "w.docx", body))
    assert [(q.level, q.number) for q in r.paragraphs] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert r.paragraphs[2].text == "１．健全学法制度"  # evidence keeps the draft's own characters


def test_text_box_content_not_mixed_into_paragraph(tmp_path):
    body = ('<w:p><w:r><w:t>正文段落。</w:t></w:r><w:r><w:drawing><w:txbxContent>'
            "<w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>")
    r = read_report(make_docx(tmp_path / "x.docx", body))
    assert texts(r) == ["正文段落。"]


def test_frame_title_addressee_signoff(tmp_path):
    body = (p("秦州区人民政府关于2024年法治政府建设情况的报告") + p("市委、市政府：")
            + p("2024年，秦州区坚持以习近平新时代中国特色社会主义思想为指导。") + p("特此报告。")
            + p("秦州区人民政府") + p("2025年1月13日"))
    r = read_report(make_docx(tmp_path / "fr.docx", body))
    assert r.title == "秦州区人民政府关于2024年法治政府建设情况的报告"
    assert r.addressee == "市委、市政府：" and r.issuer == "秦州区人民政府" and r.date == "2025年1月13日"
    assert r.region == "秦州区" and r.region_source == "标题" and r.year == 2024 and r.year_source == "标题"


def test_table_cells_carry_coordinates_and_nested_tables_are_read_once(tmp_path):
    import docx

    from writer.reader import read_report

    doc = docx.Document()
    doc.add_paragraph("某县2023年法治政府建设情况报告")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "件数"
    table.cell(1, 0).text = "受理"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "内表65件"
    path = tmp_path / "t.docx"
    doc.save(path)
    report = read_report(str(path))
    texts = [p.text for p in report.paragraphs]
    assert texts.count("内表65件") == 1
    cells = {p.text: p.cell for p in report.paragraphs if p.cell}
    assert cells["项目"] == (1, 0, 0) and cells["件数"] == (1, 0, 1) and cells["受理"] == (1, 1, 0)
    assert cells["内表65件"] == (2, 0, 0)
