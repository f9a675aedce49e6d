"""The page's API through Starlette's test client: the token and Host checks, uploads (size limit, names
never used on disk, removed once processed), results identical to `lint --format json`, the CLI's
messages for bad files, drafts with `new`'s notices, the checklists page."""

import io
import json

import pytest
from starlette.testclient import TestClient

from helpers import ROOT, run_cli, seed
from writer.engine import choose_rules
from writer.reader import limits
from writer.web.app import create_app
from writer.web.work import Settings, Workspace

TOKEN = "t0ken-for-tests_0123456789abcdef"
PORT = 8765
DRAFT = ROOT / "examples" / "草稿-有问题.docx"


@pytest.fixture
def work(tmp_path):
    root = tmp_path / "private"
    root.mkdir(mode=0o700)
    w = Workspace(root, Settings(rules=choose_rules()))
    yield w
    w.close()


@pytest.fixture
def client(work):
    with TestClient(create_app(TOKEN, PORT, work), base_url=f"http://127.0.0.1:{PORT}") as c:
        yield c


def api(path: str) -> str:
    return f"/{TOKEN}/api/{path}"


def upload(client, name: str, data: bytes, folder: bool = False):
    return client.put(api("uploads"), params={"name": name, "folder": "1" if folder else "0"}, content=data)


def review(client, files: list[tuple[str, bytes]], **options) -> dict:
    ids = []
    for name, data in files:
        r = upload(client, name, data)
        assert r.status_code == 200, r.text
        ids.append(r.json()["id"])
    r = client.post(api("reviews"), json={"files": ids, **options})
    assert r.status_code == 202, r.text
    return wait(client, r.json()["id"])


def wait(client, rid: str) -> dict:
    """As the page waits: each answer comes when another file is done (a long poll)."""
    status = client.get(api(f"reviews/{rid}")).json()
    for _ in range(100):
        if status["state"] in ("done", "failed"):
            return status
        status = client.get(api(f"reviews/{rid}"), params={"after": status["done"]}).json()
    raise AssertionError("review did not finish")


# ---------------------------------------------------------------------------- who may ask


def test_every_request_needs_the_token(client):
    assert client.get(f"/{TOKEN}/").status_code == 200
    assert "审阅" in client.get(f"/{TOKEN}/").text
    assert client.get(f"/{TOKEN}/static/app.js").status_code == 200
    assert client.get(f"/{TOKEN}", follow_redirects=False).headers["location"] == f"/{TOKEN}/"
    for path in ("/", "/static/app.js", "/api/info", f"/{TOKEN[:-1]}/", f"/{TOKEN}x/api/info",
                 f"/x{TOKEN}/static/app.js", "/favicon.ico"):
        r = client.get(path)
        assert r.status_code == 403, path
        assert "口令" in r.text
    # neither posting a file nor reading a result nor a download works without it
    assert client.put("/api/uploads", params={"name": "a.txt"}, content=b"x").status_code == 403
    assert client.get("/wrong/api/reviews/1/result.json").status_code == 403


def test_the_host_header_is_checked(client):
    """A page of another site reaching the port through its own name (DNS rebinding) is refused."""
    for host in (f"evil.example:{PORT}", "127.0.0.1", f"127.0.0.1:{PORT + 1}", f"localhost.evil:{PORT}", ""):
        r = client.get(f"/{TOKEN}/api/info", headers={"host": host})
        assert r.status_code == 400, host
        assert "主机名" in r.text
    assert client.get(f"/{TOKEN}/api/info", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_responses_forbid_framing_and_other_origins(client):
    r = client.get(f"/{TOKEN}/")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["referrer-policy"] == "no-referrer"  # the token is never sent on
    assert r.headers["x-content-type-options"] == "nosniff"


def test_the_page_loads_nothing_from_elsewhere():
    """Everything the page uses ships in the package: no address but its own in html, css or js."""
    import re

    static = ROOT / "writer" / "web" / "static"
    for path in static.iterdir():
        text = re.sub(r'xmlns="[^"]*"', "", path.read_text(encoding="utf-8"))  # a name, not a fetch
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), path.name
        assert "@import" not in text and "@font-face" not in text, path.name


# ---------------------------------------------------------------------------- the same results as lint


def test_review_json_is_what_lint_prints(client, tmp_path):
    """Byte for byte the JSON of `fzwriter lint A B --format json` on the same files."""
    files = [(DRAFT.name, DRAFT.read_bytes()), ("000.txt", seed("000").read_bytes())]
    status = review(client, files)
    assert status["state"] == "done", status
    page = client.get(api(f"reviews/{status['id']}/result.json"))
    assert page.headers["content-type"].startswith("application/json")
    assert "attachment" in page.headers["content-disposition"]
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    cli = run_cli("lint", DRAFT.name, "000.txt", "--format", "json", cwd=tmp_path)
    assert cli.returncode == 1, cli.stderr
    assert page.content.decode("utf-8") == cli.stdout
    # one file's view carries the same entry, and the table is the batch summary, worst first
    cli_files = json.loads(cli.stdout)["files"]
    for k, expected in enumerate(cli_files):
        entry = client.get(api(f"reviews/{status['id']}/files/{k}")).json()
        assert {key: entry[key] for key in expected} == expected
        assert len(entry["paragraphs"]) >= max(f["location"]["paragraph"] for f in expected["findings"])
    errors = [sum(f["severity"] == "error" for f in f_["findings"]) for f_ in cli_files]
    assert [row["cells"][4] for row in status["rows"]] == sorted(errors, reverse=True)
    assert status["summary"] == json.loads(cli.stdout)["summary"]


def test_findings_point_at_their_evidence_in_the_text(client):
    status = review(client, [(DRAFT.name, DRAFT.read_bytes())])
    entry = client.get(api(f"reviews/{status['id']}/files/0")).json()
    assert entry["findings"]
    for f in entry["findings"]:
        loc = f["location"]
        if loc["paragraph"]:
            text = entry["paragraphs"][loc["paragraph"] - 1]["text"]
            assert f["evidence"] in text or text[loc["start"]:loc["end"]] in f["evidence"], f


def test_downloads_are_the_commands_outputs(client):
    from docx import Document
    from openpyxl import load_workbook

    status = review(client, [(DRAFT.name, DRAFT.read_bytes()), ("000.txt", seed("000").read_bytes())])
    rid = status["id"]
    docx = client.get(api(f"reviews/{rid}/files/0/annotated.docx"))
    assert docx.status_code == 200
    assert "%E5%AE%A1%E9%98%85.docx" in docx.headers["content-disposition"]  # 草稿-有问题.审阅.docx
    doc = Document(io.BytesIO(docx.content))
    entry = client.get(api(f"reviews/{rid}/files/0")).json()
    assert len([c for c in doc.comments if c.author == "fzwriter"]) == len(entry["findings"])
    book = load_workbook(io.BytesIO(client.get(api(f"reviews/{rid}/summary.xlsx")).content))
    assert book.sheetnames == ["汇总", "问题清单"]
    assert {book["汇总"].cell(row=r, column=1).value for r in (2, 3)} == {DRAFT.name, "000.txt"}


# ---------------------------------------------------------------------------- uploads


def test_uploads_are_size_limited_by_the_readers_limits(client, work):
    before = limits.current()
    limits.use(limits.Limits(max_file_mb=1))
    try:
        big = b"x" * (2**20 + 1)
        r = upload(client, "big.txt", big)
        assert r.status_code == 413
        assert r.json()["error"] == "big.txt：文件过大（1 MB，上限 1 MB），不像一份报告（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_file_mb）"

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(3):
                yield b"y" * 2**19
        r = client.put(api("uploads"), params={"name": "streamed.txt"}, content=chunks())
        assert r.status_code == 413
        assert "上限 1 MB" in r.json()["error"]
        assert list((work.root / "uploads").iterdir()) == []  # nothing of either kept
        assert upload(client, "small.txt", b"x" * 1000).status_code == 200
    finally:
        limits.use(before)


def test_a_client_path_is_never_used_on_disk(client, work, tmp_path):
    for name in ("../../escape.txt", "..\\..\\escape.txt", "/etc/escape.txt", "a/../../escape.txt", "\x00.txt", ""):
        r = upload(client, name, b"some text")
        assert r.status_code == 200
        assert "/" not in r.json()["name"] and "\\" not in r.json()["name"]
    stored = [p.name for p in (work.root / "uploads").iterdir()]
    assert len(stored) == 6
    assert all(n.split(".")[0].isalnum() for n in stored)  # names fzwriter made
    assert not list(tmp_path.rglob("escape.txt"))


def test_uploads_are_removed_once_processed_and_everything_at_close(tmp_path):
    root = tmp_path / "private"
    root.mkdir()
    work = Workspace(root, Settings(rules=choose_rules()))
    with TestClient(create_app(TOKEN, PORT, work), base_url=f"http://127.0.0.1:{PORT}") as client:
        status = review(client, [(DRAFT.name, DRAFT.read_bytes())], previous=None)
        assert status["state"] == "done"
        assert list((root / "uploads").iterdir()) == []
        folder = root / "reviews" / status["id"]
        assert [p.name for p in folder.iterdir()] == ["out"]  # the commented copy only
    work.close()
    assert not root.exists()


def test_a_picked_folder_is_taken_as_lint_takes_a_folder(client):
    """Word's lock files, hidden files, fzwriter's own commented copies are skipped; a short note in
    a folder is not a report (skipped), as lint does with a folder."""
    for name in ("报告/~$草稿.docx", "报告/.隐藏.txt", "报告/.git/a.txt", "报告/草稿.审阅.docx", "报告/图.png"):
        r = upload(client, name, b"x", folder=True)
        assert r.json().get("skipped"), name
    ids = [upload(client, "报告/子/000.txt", seed("000").read_bytes(), folder=True).json()["id"],
           upload(client, "报告/说明.txt", "这里是2024年各单位的报告。".encode(), folder=True).json()["id"]]
    r = client.post(api("reviews"), json={"files": ids})
    status = wait(client, r.json()["id"])
    verdicts = {row["cells"][0]: row["cells"][3] for row in status["rows"]}
    assert verdicts == {"报告/子/000.txt": "退回修改", "报告/说明.txt": "已跳过"}


def test_bad_files_get_the_commands_messages_and_the_server_goes_on(client, tmp_path):
    bad = [("空的.docx", b""), ("坏的.docx", b"PK\x03\x04 not really a zip"), ("程序.exe", b"MZ\x90\x00"),
           ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)]
    status = review(client, bad + [("000.txt", seed("000").read_bytes())])
    assert status["state"] == "done"
    reasons = {row["cells"][0]: row["cells"][9] for row in status["rows"]}
    for name, data in bad:
        (tmp_path / name).write_bytes(data)
        cli = run_cli("lint", name, "--format", "json", cwd=tmp_path)
        assert cli.returncode == 2
        expected = json.loads(cli.stdout)["files"][0]["error"]
        assert f"{name}：{reasons[name]}" == expected
        assert str(tmp_path) not in expected and "private" not in reasons[name]
    assert status["rows"][0]["cells"][3] == "无法读取"
    assert client.get(api("info")).status_code == 200


def test_an_unreadable_previous_report_fails_the_review_with_its_message(client):
    prev = upload(client, "上年.docx", b"not a word file").json()["id"]
    ids = [upload(client, "000.txt", seed("000").read_bytes()).json()["id"]]
    rid = client.post(api("reviews"), json={"files": ids, "previous": prev}).json()["id"]
    status = wait(client, rid)
    assert status["state"] == "failed"
    assert status["error"].startswith("上年.docx：")
    assert client.get(api(f"reviews/{rid}/result.json")).status_code == 400


def test_options_are_checked_like_the_command_line(client):
    ids = [upload(client, "000.txt", seed("000").read_bytes()).json()["id"]]
    r = client.post(api("reviews"), json={"files": ids, "year": "1900"})
    assert r.status_code == 400 and "年度 1900 不在" in r.json()["error"]
    r = client.post(api("reviews"), json={"files": ids, "region": "a/b"})
    assert r.status_code == 400 and "“/”" in r.json()["error"]
    # the upload was taken by the refused request only if it ran: a used id is said to be gone
    r = client.post(api("reviews"), json={"files": ["nope"]})
    assert r.status_code == 400 and "失效" in r.json()["error"]
    r = client.post(api("reviews"), json={"files": ids + ids})
    assert r.status_code == 400 and "失效" in r.json()["error"]
    # a refused request takes nothing: the upload is still there to be checked
    r = client.post(api("reviews"), json={"files": ids, "previous": "nope"})
    assert r.status_code == 400
    assert wait(client, client.post(api("reviews"), json={"files": ids}).json()["id"])["state"] == "done"
    assert client.post(api("reviews"), content=b"{not json").status_code == 400
    assert client.get(api("reviews/none")).status_code == 404


def test_year_and_region_given_on_the_page_apply(client):
    status = review(client, [("000.txt", seed("000").read_bytes())], year="2023", region="秦州区")
    entry = client.get(api(f"reviews/{status['id']}/files/0")).json()
    assert entry["report"]["year"] == 2023 and entry["report"]["region"] == "秦州区"
    assert entry["sources"] == {"year": "页面填写", "region": "页面填写"}


# ---------------------------------------------------------------------------- drafts and checklists


def test_a_draft_is_what_new_writes_with_its_notices(client, tmp_path):
    from docx import Document

    r = client.post(api("drafts"), json={"region": "秦州区", "year": "2025"})
    assert r.status_code == 200, r.text
    made = r.json()
    assert made["name"] == "秦州区2025年法治政府建设年度报告.docx"
    cli = run_cli("new", "--region", "秦州区", "--year", "2025", cwd=tmp_path)
    assert cli.returncode == 0, cli.stderr
    said = [ln for ln in cli.stdout.splitlines() if not ln.startswith(("已生成", "下一步"))]
    assert [ln for ln in made["lines"] if not ln.startswith("已生成")] == said
    assert any(ln.startswith("已生成：秦州区2025年法治政府建设年度报告.docx（待填") for ln in made["lines"])
    got = client.get(api(f"drafts/{made['id']}/scaffold.docx"))
    assert "filename*=UTF-8''" in got.headers["content-disposition"]
    page = "\n".join(p.text for p in Document(io.BytesIO(got.content)).paragraphs)
    cli_doc = "\n".join(p.text for p in Document(tmp_path / made["name"]).paragraphs)
    assert page == cli_doc


def test_a_draft_with_a_unit_template_and_bad_fields(client):
    template = (ROOT / "examples" / "单位模板.docx").read_bytes()
    tid = upload(client, "单位模板.docx", template).json()["id"]
    r = client.post(api("drafts"), json={"region": "清远市司法局", "year": 2022, "template": tid})
    assert r.status_code == 200, r.text
    assert client.post(api("drafts"), json={"region": "", "year": 2025}).json()["error"] == "请填写地区或单位名称"
    r = client.post(api("drafts"), json={"region": "秦州区", "year": 2025, "level": "省委"})
    assert "层级“省委”不可用" in r.json()["error"]
    bad = upload(client, "模板.docx", b"not a template").json()["id"]
    r = client.post(api("drafts"), json={"region": "秦州区", "year": 2025, "template": bad})
    assert r.status_code == 400 and r.json()["error"].startswith("模板.docx：")


def test_the_checklists_page_shows_rules_and_dated_facts(client):
    from writer import checklists
    from writer.catalogue import catalogue

    data = client.get(api("checklists")).json()
    assert [r["code"] for r in data["rules"]] == [c[0] for c in catalogue()]
    assert [f["id"] for f in data["facts"]] == [f.id for f in checklists.facts().facts]
    assert all(f["source"] and (f["from"] or f["until"]) for f in data["facts"])
    # WD01's own words for the season: the current plan filled in, the 2021—2025 outline past its window
    bawu = next(f for f in data["facts"] if f["id"] == "八五普法")
    assert bawu["instead"] == "“九五”普法" and "现行依据" in bawu["years"]
    assert "未确认" in next(f for f in data["facts"] if f["id"] == "二十届五中全会")["years"]
    assert data["checked"].endswith("日")
    assert {f["name"] for f in data["files"]} == set(checklists.FILES)
    assert data["folder"] is None


def test_info_names_what_the_reader_takes(client):
    from writer.engine import taken

    info = client.get(api("info")).json()
    assert set(info["suffixes"]) == taken()
    assert info["max_file_mb"] == limits.current().max_file_mb


def test_the_settings_file_applies_as_it_does_to_lint(tmp_path):
    """fzwriter.toml in the folder serve starts in: the same rules, severities, year as lint there."""
    from writer.config import load_config

    (tmp_path / "fzwriter.toml").write_text('ignore = ["WD06"]\nyear = 2022\n[severity]\nST02 = "error"\n',
                                            encoding="utf-8")
    (tmp_path / DRAFT.name).write_bytes(DRAFT.read_bytes())
    config, where = load_config(tmp_path)
    (tmp_path / "private").mkdir()
    work = Workspace(tmp_path / "private", Settings.of(config, where))
    try:
        with TestClient(create_app(TOKEN, PORT, work), base_url=f"http://127.0.0.1:{PORT}") as client:
            status = review(client, [(DRAFT.name, DRAFT.read_bytes())])
            page = client.get(api(f"reviews/{status['id']}/result.json")).text
            entry = client.get(api(f"reviews/{status['id']}/files/0")).json()
            lists = client.get(api("checklists")).json()
    finally:
        work.close()
    cli = run_cli("lint", DRAFT.name, "--format", "json", cwd=tmp_path)
    assert page == cli.stdout
    found = json.loads(page)["files"][0]
    assert found["report"]["year"] == 2022 and entry["sources"]["year"] == "fzwriter.toml"
    assert not any(f["rule"] == "WD06" for f in found["findings"])
    st02 = next(r for r in lists["rules"] if r["code"] == "ST02")
    assert st02["set"] == "错误" and "WD06" not in lists["chosen"]


def test_last_years_report_is_used_as_previous_is(client, tmp_path):
    """The page's 上年报告 is lint's --previous: the same JSON (its "previous" named as the user named
    it); one of the wrong year gets lint's note, naming the files by their own names."""
    from test_batch import LAST, _this_year

    now, last = _this_year("甲县", "99.9%").encode(), LAST["甲县"].encode()
    old = LAST["甲县"].replace("2023年", "2022年").replace("2024年1月", "2023年1月").encode()
    for name, data in (("now.txt", now), ("last.txt", last), ("old.txt", old)):
        (tmp_path / name).write_bytes(data)
    prev = upload(client, "last.txt", last).json()["id"]
    ids = [upload(client, "now.txt", now).json()["id"]]
    rid = client.post(api("reviews"), json={"files": ids, "previous": prev}).json()["id"]
    status = wait(client, rid)
    page = client.get(api(f"reviews/{rid}/result.json")).text
    cli = run_cli("lint", "now.txt", "--previous", "last.txt", "--format", "json", cwd=tmp_path)
    assert page == cli.stdout
    assert {"FG05", "WD07"} <= {f["rule"] for f in json.loads(page)["files"][0]["findings"]}
    prev = upload(client, "old.txt", old).json()["id"]
    ids = [upload(client, "now.txt", now).json()["id"]]
    status = wait(client, client.post(api("reviews"), json={"files": ids, "previous": prev}).json()["id"])
    cli = run_cli("lint", "now.txt", "--previous", "old.txt", "--format", "json", cwd=tmp_path)
    assert status["notes"] == [line.removeprefix("fzwriter：") for line in cli.stderr.splitlines()]
    assert "2022年度" in status["notes"][0] and "old.txt" in status["notes"][0]


def test_progress_is_answered_file_by_file(client):
    """The page's long poll answers as files finish: counts that only grow, up to the total."""
    ids = [upload(client, f"{i}.txt", seed("000").read_bytes()).json()["id"] for i in range(12)]
    rid = client.post(api("reviews"), json={"files": ids}).json()["id"]
    seen = [client.get(api(f"reviews/{rid}")).json()]
    while seen[-1]["state"] not in ("done", "failed"):
        seen.append(client.get(api(f"reviews/{rid}"), params={"after": seen[-1]["done"]}).json())
    counts = [s["done"] for s in seen]
    assert seen[-1]["state"] == "done" and counts[-1] == 12
    assert counts == sorted(counts) and seen[0]["done"] < 12  # it was watched while it ran
    assert all(s["total"] == 12 for s in seen)


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
def test_last_years_report_may_be_a_doc_or_a_pdf(client, tmp_path):
    """上年报告 on the page takes what lint's --previous takes, .doc (through LibreOffice) and .pdf
    included, for a review and for a draft (new --from): the same results as the command line."""
    formats = ROOT / "tests" / "fixtures" / "formats"
    now = formats / "seed001.docx"
    for prev_file in (formats / "seed000.doc", formats / "seed000.pdf"):
        prev = upload(client, prev_file.name, prev_file.read_bytes()).json()["id"]
        ids = [upload(client, now.name, now.read_bytes()).json()["id"]]
        rid = client.post(api("reviews"), json={"files": ids, "previous": prev}).json()["id"]
        status = wait(client, rid)
        assert status["state"] == "done", status
        page = json.loads(client.get(api(f"reviews/{rid}/result.json")).text)
        cli = run_cli("lint", str(now), "--previous", str(prev_file), "--format", "json", cwd=tmp_path)
        assert cli.returncode in (0, 1), cli.stderr
        assert page["files"][0]["findings"] == json.loads(cli.stdout)["files"][0]["findings"]
        basis = upload(client, prev_file.name, prev_file.read_bytes()).json()["id"]
        r = client.post(api("drafts"), json={"region": "秦州区", "year": "2026", "basis": basis})
        assert r.status_code == 200, r.text
        assert any(prev_file.name in line for line in r.json()["lines"]), r.json()["lines"]
    info = client.get(api("info")).json()
    assert {".doc", ".pdf", ".wps"} <= set(info["suffixes"])
    js = (ROOT / "writer" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert '$("#r-previous").accept = INFO.suffixes' in js and "basis.accept = INFO.suffixes" in js
