"""The one door to bundled data folders (checklists/, templates/, seeds/)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_NAMES = ("checklists", "templates", "seeds")


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """Return the folder `name`, from an installed wheel (writer/_data) or a source checkout."""
    if name not in _NAMES:
        raise ValueError(f"unknown data folder: {name}")
    here = Path(__file__).resolve().parent
    installed = here / "_data" / name
    if installed.is_dir():
        return installed
    source = here.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"data folder {name!r} not found under {here}")


def cache_dir() -> Path:
    """The user's own cache folder for fzwriter (never the shared temp folder, where another user
    could plant a file)."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fzwriter"
