"""Project settings: fzwriter.toml, or [tool.fzwriter] in pyproject.toml, in the current folder."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError
from .models import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: str | None = None
    year: int | None = None
    select: list[str] = []
    ignore: list[str] = []
    strict: bool = False
    severity: dict[str, Severity] = {}  # code → level, overriding the catalogue's default
    templates: str | None = None  # a folder with the user's own report.j2 for `fzwriter new`


def load_config(folder: Path | None = None) -> tuple[Config, Path | None]:
    """The settings that apply in `folder` (default: the current folder) and where they came from."""
    folder = folder or Path.cwd()
    own = folder / "fzwriter.toml"
    pyproject = folder / "pyproject.toml"
    if own.is_file():
        data, path = _read(own), own
    elif pyproject.is_file():
        data, path = _read(pyproject).get("tool", {}).get("fzwriter"), pyproject
        if data is None:
            return Config(), None
    else:
        return Config(), None
    try:
        return Config.model_validate(data), path
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(x) for x in err["loc"])
        raise InputError(path, f"配置项 {key} 有误：{err['msg']}") from None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path, f"不是合法的 TOML：{exc}") from None
