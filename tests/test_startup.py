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
