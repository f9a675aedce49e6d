"""The page in a real browser (Debian's Chromium, headless, driven by selenium through the system
chromedriver) against a real `fzwriter serve`: upload a seed and a draft, see the batch table worst
first, open the seed and see each finding highlighted on its evidence, filter by severity and rule,
download the commented copy and open it with python-docx, draft a scaffold, read the checklists,
pick a folder."""

import json
import os

import pytest

import browser
from helpers import ROOT, run_cli, seed

if not browser.available():
    if os.environ.get("CI"):  # .ci/run installs Chromium: its absence there is a failure, not a skip
        raise RuntimeError(f"{browser.CHROMIUM} or {browser.CHROMEDRIVER} missing (apt-get install chromium chromium-driver)")
    pytest.skip("Chromium and chromedriver are not installed", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

DRAFT = ROOT / "examples" / "草稿-有问题.docx"


def ours(path):
    from docx import Document

    return [c for c in Document(path).comments if c.author == "fzwriter"]


def test_review_and_draft_in_chromium(tmp_path):
    work = tmp_path / "work"
    downloads = tmp_path / "downloads"
    work.mkdir()
    downloads.mkdir()
    source = seed("000")
    cli = run_cli("lint", str(source), "--format", "json", cwd=work)
    expected = json.loads(cli.stdout)["files"][0]["findings"]
    assert expected and {f["severity"] for f in expected} >= {"error", "warning"}

    with browser.serve(work) as address, browser.chromium(downloads) as d:
        wait = WebDriverWait(d, 30)
        d.get(address)
        wait.until(lambda d: ".docx" in d.find_element(By.ID, "accepted").text)
        assert d.title.startswith("fzwriter")

        # review: two files at once, the batch table worst first
        d.find_element(By.ID, "files").send_keys(f"{source}\n{DRAFT}")
        wait.until(lambda d: d.find_element(By.ID, "results").is_displayed())
        rows = d.find_elements(By.CSS_SELECTOR, "#table tbody tr")
        assert len(rows) == 2
        names = [r.find_element(By.CSS_SELECTOR, "td.file").text for r in rows]
        assert set(names) == {source.name, DRAFT.name}
        errors = [int(r.find_elements(By.TAG_NAME, "td")[4].text) for r in rows]
        assert errors == sorted(errors, reverse=True)
        assert "共 2 个文件" in d.find_element(By.ID, "totals").text

        # one report: every finding beside the text, highlighted on its evidence
        rows[names.index(source.name)].click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#rp-text mark"))
        cards = d.find_elements(By.CSS_SELECTOR, "#rp-findings .finding")
        assert [c.find_element(By.CSS_SELECTOR, ".code").text for c in cards] == [f["rule"] for f in expected]
        assert [c.find_element(By.CSS_SELECTOR, ".message").text for c in cards] == [f["message"] for f in expected]
        marked = {}
        for m in d.find_elements(By.CSS_SELECTOR, "#rp-text mark"):
            for i in m.get_attribute("data-findings").split():
                marked.setdefault(int(i), []).append(m.text)
        for i, f in enumerate(expected):
            if f["location"]["paragraph"]:
                text = "".join(marked[i])
                assert text and (text in f["evidence"] or f["evidence"] in text), (f, text)

        # filters: errors only, then one rule only
        for sev in ("warning", "info"):
            d.find_element(By.CSS_SELECTOR, f"#rp-filters input[value={sev}]").click()
        cards = d.find_elements(By.CSS_SELECTOR, "#rp-findings .finding")
        assert len(cards) == sum(f["severity"] == "error" for f in expected)
        assert all("error" in c.get_attribute("class") for c in cards)
        assert all(m.get_attribute("class") == "error" for m in d.find_elements(By.CSS_SELECTOR, "#rp-text mark"))
        for sev in ("warning", "info"):
            d.find_element(By.CSS_SELECTOR, f"#rp-filters input[value={sev}]").click()
        rule = expected[-1]["rule"]
        Select(d.find_element(By.ID, "rp-rule")).select_by_value(rule)
        cards = d.find_elements(By.CSS_SELECTOR, "#rp-findings .finding")
        assert [c.get_attribute("data-rule") for c in cards] == [f["rule"] for f in expected if f["rule"] == rule]

        # the commented copy, opened with python-docx: one comment per finding
        d.find_element(By.ID, "rp-docx").click()
        copy = browser.downloaded(downloads, ".审阅.docx")
        assert copy.name == f"{source.stem}.审阅.docx"
        assert len(ours(copy)) == len(expected)

        # draft: the form → the scaffold .docx and new's notices
        d.find_element(By.CSS_SELECTOR, "nav a[data-tab=draft]").click()
        form = d.find_element(By.ID, "draft-form")
        form.find_element(By.NAME, "region").send_keys("秦州区")
        year = form.find_element(By.NAME, "year")
        year.clear()
        year.send_keys("2025")
        d.find_element(By.ID, "draft-go").click()
        wait.until(lambda d: d.find_element(By.ID, "draft-result").is_displayed())
        lines = [li.text for li in d.find_elements(By.CSS_SELECTOR, "#draft-lines li")]
        assert any(line.startswith("已生成：秦州区2025年法治政府建设年度报告.docx（待填") for line in lines)
        d.find_element(By.ID, "draft-download").click()
        made = browser.downloaded(downloads, "年度报告.docx")
        from docx import Document

        assert "秦州区" in "".join(p.text for p in Document(made).paragraphs[:3])

        # checklists: every rule, the dated facts
        d.find_element(By.CSS_SELECTOR, "nav a[data-tab=lists]").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#ls-facts tbody tr"))
        from writer.catalogue import catalogue

        assert len(d.find_elements(By.CSS_SELECTOR, "#ls-rules tbody tr")) == len(catalogue())
        # a picked folder: what lint takes from a folder (not Word's lock file, not a picture)
        folder = tmp_path / "各单位"
        (folder / "子").mkdir(parents=True)
        (folder / "子" / source.name).write_bytes(source.read_bytes())
        (folder / "~$草稿.docx").write_bytes(b"lock")
        (folder / "图.png").write_bytes(b"png")
        d.find_element(By.CSS_SELECTOR, "nav a[data-tab=review]").click()
        d.find_element(By.ID, "folder").send_keys(str(folder))
        wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#table td.file")] == [f"各单位/子/{source.name}"])

        severe = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
        assert severe == [], severe  # no script error, no failed load
