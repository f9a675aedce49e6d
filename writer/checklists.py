"""Load and validate the YAML data in checklists/; every error names the file and the key."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import InputError
from .resources import data_dir


def _check_regex(value: str) -> str:
    try:
        re.compile(value.replace("{year}", "2024").replace("{next}", "2025"))
    except re.error as exc:
        raise ValueError(f"不是合法的正则表达式（{exc}）") from None
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartSpec(_Strict):
    name: str
    short: str
    suggest: str
    required: bool
    min_chars: int = 0
    heading: list[str]
    inline: list[str] = []
    lead: list[str] = []
    causes: list[str] = []
    not_inline: list[str] = []

    @field_validator("heading", "inline", "lead", "causes", "not_inline")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        return [_check_regex(x) for x in v]


class PartsData(_Strict):
    source: str
    parts: dict[str, PartSpec]
    numbering: dict[int, str]
    heading_max_chars: int
    runin_max_chars: int

    @field_validator("parts")
    @classmethod
    def _ids(cls, v: dict[str, PartSpec]) -> dict[str, PartSpec]:
        missing = {"S1", "S2", "S3", "S4"} - set(v)
        if missing:
            raise ValueError(f"缺少必备部分 {sorted(missing)}")
        return v

    @field_validator("numbering")
    @classmethod
    def _num(cls, v: dict[int, str]) -> dict[int, str]:
        return {k: _check_regex(x) for k, x in v.items()}


class Malformed(_Strict):
    pattern: str
    why: str

    _p = field_validator("pattern")(classmethod(lambda cls, v: _check_regex(v)))


class TitleSpec(_Strict):
    must: str
    about: str
    max_chars: int
    malformed: list[Malformed] = []


class PatternSpec(_Strict):
    pattern: str
    max_chars: int

    _p = field_validator("pattern")(classmethod(lambda cls, v: _check_regex(v)))


class IssuerSpec(_Strict):
    suffix: str
    max_chars: int

    _p = field_validator("suffix")(classmethod(lambda cls, v: _check_regex(v)))


class DateSpec(_Strict):
    good: str
    like: list[str]

    @field_validator("good")
    @classmethod
    def _g(cls, v: str) -> str:
        return _check_regex(v)

    @field_validator("like")
    @classmethod
    def _l(cls, v: list[str]) -> list[str]:
        return [_check_regex(x) for x in v]


class FrameData(_Strict):
    source: str
    title: TitleSpec
    addressee: PatternSpec
    issuer: IssuerSpec
    date: DateSpec
    closing: str
    furniture: list[str]

    @field_validator("furniture")
    @classmethod
    def _f(cls, v: list[str]) -> list[str]:
        return [_check_regex(x) for x in v]


def _key_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc) or "（顶层）"


def load_yaml(path: Path, model: type[BaseModel]) -> Any:
    """Parse `path` and validate it against `model`; raise InputError naming file and key."""
    try:
        with path.open(encoding="utf-8") as fh:  # a stream keeps the file name in YAML's messages
            raw = yaml.safe_load(fh)
    except FileNotFoundError:
        raise InputError(path, "清单文件不存在") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(path, f"不是合法的 YAML：{exc}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = err["msg"].removeprefix("Value error, ")
        raise InputError(path, f"键 {_key_path(err['loc'])}：{msg}") from None


@lru_cache(maxsize=None)
def parts() -> PartsData:
    return load_yaml(data_dir("checklists") / "parts.yml", PartsData)


@lru_cache(maxsize=None)
def frame() -> FrameData:
    return load_yaml(data_dir("checklists") / "frame.yml", FrameData)


def load_all() -> None:
    """Validate every checklist now, so a broken file is reported once, before any draft."""
    parts()
    frame()
