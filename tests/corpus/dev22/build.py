#!/usr/bin/env python3
"""Build the issue-22 development material with the development corpus's builder: the same format, the same checks.

    python build.py OUTDIR            # verify corpus.yml, write .txt/.docx copies and expect.json
    python build.py --check           # verify only, write nothing
"""
import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent

spec = importlib.util.spec_from_file_location("dev_build", HERE.parent / "dev" / "build.py")
builder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(builder)
builder.HERE = HERE  # read this folder's corpus.yml and reports/

if __name__ == "__main__":
    builder.main()
