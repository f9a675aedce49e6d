"""Start-up stays near Python's and typer's own (issue 15): `rules` lists the catalogue read from the
rule modules' source, and neither `rules` nor `-h` imports pydantic or the analyses."""

import subprocess
import sys

from writer.catalogue import catalogue
from writer.rules import RULES


def test_catalogue_read_from_source_is_the_registry():
    assert catalogue() == [(r.code, r.name, r.severity, r.summary) for r in RULES]


def test_rules_and_help_import_no_analysis():
    probe = ("import sys; from writer.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "heavy = [m for m in ('pydantic', 'writer.rules', 'writer.figures', 'writer.checklists', 'jieba', 'docx')"
             " if m in sys.modules]\n"
             "print(heavy, file=sys.stderr)")
    for args in (["rules"], ["lint", "-h"], ["new", "--help"], ["--version"]):
        r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, encoding="utf-8",
                           timeout=60)
        assert r.stderr.strip().splitlines()[-1] == "[]", (args, r.stderr)
        assert r.stdout.strip()


def test_lint_runs_without_pydantic(tmp_path):
    """pydantic validates the user's files (checklists on a cache miss, fzwriter.toml); a lint whose
    checklists are cached and that has no config file never imports it (~0.2 s of CPU)."""
    from helpers import seed

    probe = ("import sys; from writer.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print('pydantic' in sys.modules, 'writer.previous' in sys.modules, file=sys.stderr)")
    args = ["lint", str(seed("000")), "--format", "json"]
    for _ in range(2):  # the first run may fill the checklist cache, which validates
        r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                           encoding="utf-8", timeout=120, cwd=tmp_path)
    # nor, without --previous, the comparison with last year's report
    assert r.stderr.strip().splitlines()[-1] == "False False", r.stderr
    assert '"findings"' in r.stdout


def test_plain_settings_have_the_schemas_defaults():
    """config.Config and schema.ConfigModel declare the same settings with the same defaults."""
    from dataclasses import asdict

    from writer.config import Config
    from writer.schema import ConfigModel

    assert asdict(Config()) == ConfigModel().model_dump()


def test_cached_checklists_are_plain_and_equal_to_a_fresh_validation():
    from writer import checklists

    for name in checklists.FILES:
        loader = getattr(checklists, name.removesuffix(".yml"))
        cached = loader()
        assert isinstance(cached, checklists.Entry)
        fresh = checklists.plain(checklists.load_yaml(checklists.source(name), checklists.schema_of(name)))
        assert fresh == cached, name


def test_shipped_checklists_are_current():
    """writer/checklists.pickle holds every bundled checklist as a fresh validation gives it (rebuild
    with `python -m writer.checklists` after changing checklists/)."""
    from writer import checklists
    from writer.resources import data_dir

    shipped = checklists._shipped()
    assert set(shipped) == set(checklists.FILES)
    for name in checklists.FILES:
        path = data_dir("checklists") / name
        data = path.read_bytes()
        digest, value = shipped[name]
        assert digest == checklists._digest(name, data), f"{name}: run python -m writer.checklists"
        assert value == checklists.plain(checklists.validate(path, data, checklists.schema_of(name))), name


def test_first_run_on_a_machine_needs_no_pydantic(tmp_path):
    """With an empty cache folder the bundled checklists come from the shipped validation."""
    import os

    from helpers import seed

    probe = ("import sys; from writer.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print('pydantic' in sys.modules, file=sys.stderr)")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    r = subprocess.run([sys.executable, "-c", probe, "lint", str(seed("000")), "--format", "json"],
                       capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path, env=env)
    assert r.stderr.strip().splitlines()[-1] == "False", r.stderr
    assert '"findings"' in r.stdout


def test_converter_and_pdf_reader_load_only_for_their_files(tmp_path):
    """A batch of .docx/.txt loads neither the LibreOffice door nor the PDF extractor; a PDF loads the
    extractor only."""
    from pathlib import Path

    from helpers import seed

    fixtures = Path(__file__).parent / "fixtures" / "formats"
    probe = ("import sys; from writer.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('writer.reader.convert', 'writer.reader.pdf', 'pdfminer', 'olefile')"
             " if m in sys.modules), file=sys.stderr)")
    for files, loaded in (([fixtures / "seed001.docx", seed("000")], "[]"),
                          ([fixtures / "seed001.pdf"], "['pdfminer', 'writer.reader.pdf']")):
        r = subprocess.run([sys.executable, "-c", probe, "lint", *map(str, files), "--format", "json"],
                           capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path)
        assert r.stderr.strip().splitlines()[-1] == loaded, r.stderr
        assert '"findings"' in r.stdout


def test_only_serve_imports_the_web_server(tmp_path):
    """Starlette and uvicorn are loaded by `serve` alone: the other commands start as before."""
    from helpers import seed

    probe = ("import sys; from writer.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print([m for m in ('starlette', 'uvicorn', 'anyio', 'writer.web') if m in sys.modules], file=sys.stderr)")
    for args in (["rules"], ["lint", str(seed("000")), "--format", "json"], ["serve", "-h"], ["--help"]):
        r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, encoding="utf-8",
                           timeout=120, cwd=tmp_path)
        assert r.stderr.strip().splitlines()[-1] == "[]", (args, r.stderr)


def test_warm_new_runs_without_pydantic_and_reads_the_same_model(tmp_path):
    """`new` reads the seeds' model as plain objects kept in the cache folder (writer.seedmodel): a
    second `new` imports no pydantic, and what it reads equals the validated model."""
    from writer import checklists, mine, seedmodel

    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    probe = ("import sys; from writer.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print('pydantic' in sys.modules, file=sys.stderr)")
    outputs = []
    for i in range(2):  # the first may validate the model (and checklists) and fill the cache
        out = tmp_path / f"draft{i}.docx"
        r = subprocess.run([sys.executable, "-c", probe, "new", "--region", "秦州区", "--year", "2026", "-o", str(out)],
                           capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path, env=env)
        assert out.is_file(), r.stderr
        outputs.append(r.stdout.replace(out.name, "X"))
    assert r.stderr.strip().splitlines()[-1] == "False", r.stderr
    assert outputs[0] == outputs[1] and "秦州区2024年" in outputs[1]
    assert list((tmp_path / "cache" / "fzwriter").glob("model-*.pickle"))
    assert seedmodel.default_model() == checklists.plain(mine.default_model())
    from writer.resources import data_dir

    assert seedmodel.seed_files() == mine.collect([data_dir("seeds")])


def test_the_quick_exit_keeps_exit_codes_output_and_exit_handlers(tmp_path):
    """writer.launch ends a finished command with os._exit after the exit handlers and a flush: the
    exit code, every byte of the results and what the handlers write (the pattern cache) are as a
    normal exit leaves them."""
    import json
    import os

    from helpers import seed

    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    many = tmp_path / "many"
    many.mkdir()
    for i in range(40):  # results far larger than a pipe's buffer
        (many / f"{i:02d}.txt").write_text(seed("000").read_text(encoding="utf-8"), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "writer", "lint", str(many), "--format", "json"],
                       capture_output=True, env=env, timeout=300)
    assert len(r.stdout) > 100_000
    data = json.loads(r.stdout.decode("utf-8"))
    assert len(data["files"]) == 40
    levels = {f["severity"] for x in data["files"] for f in x["findings"]}
    assert r.returncode == (1 if "error" in levels else 0), (r.returncode, levels)
    assert list((tmp_path / "cache" / "fzwriter").glob("regex-lint-*.marshal"))  # atexit ran
    # a file that cannot be read: 2, with its message
    r = subprocess.run([sys.executable, "-m", "writer", "lint", str(tmp_path / "无此文件.docx")],
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert r.returncode == 2 and "无此文件.docx" in r.stderr
    # results that cannot be written (a full disk): said, and 2
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            r = subprocess.run([sys.executable, "-m", "writer", "lint", str(seed("000"))], stdout=full,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env, timeout=60)
        assert r.returncode == 2 and "无法写出结果" in r.stderr


def test_the_cli_called_in_process_leaves_the_collector_as_it_was(capsys):
    """Only the command's own process (writer.launch) leaves a lone draft's objects to its end and
    sets the checklists apart from the collector; a program calling the CLI in-process keeps its
    collector running and nothing of its own frozen."""
    import gc

    from helpers import seed

    from writer import launch
    from writer.cli import main

    assert not launch.OWN_PROCESS
    frozen = gc.get_freeze_count()
    try:
        main(["lint", str(seed("000")), "--format", "json"])
    except SystemExit as exc:
        assert exc.code in (0, 1)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert '"findings"' in capsys.readouterr().out
