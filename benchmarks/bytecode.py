"""Compile fzwriter's modules to bytecode before timing, as `pip install .` does.

An editable install run with PYTHONDONTWRITEBYTECODE=1 (set on some machines, these included)
would otherwise compile some fifty modules from source at every start (~0.2 s), a cost no user
of the README's `pip install .` pays.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path


def compile_package(name: str = "writer") -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install . first")
    folder = Path(next(iter(spec.submodule_search_locations)))
    compileall.compile_dir(str(folder), quiet=1)
    return folder
