"""Project settings: fzwriter.toml, or [tool.fzwriter] in pyproject.toml, in the current folder."""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import InputError
from .fsutil import os_error_cn
from .models import Severity

# the report years fzwriter knows how to word (new, lint --year, year = … in the config)
FIRST_YEAR, LAST_YEAR = 2000, 2099


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"年度 {year} 不在 {FIRST_YEAR}—{LAST_YEAR} 之间")
    return year


@dataclass
class LimitsConfig:
    """[limits]: how large an input the reader accepts (writer/reader/limits.py has the defaults' reasons).
    Validated by schema.LimitsModel (same fields and defaults) when a config file sets it."""

    max_file_mb: int = 100
    max_part_mb: int = 40
    max_paragraphs: int = 20_000
    max_chars: int = 1_000_000
    max_seconds: int = 60

    def limits(self):
        from .reader.limits import Limits

        return Limits(**asdict(self))


# a region or unit name: the longest real one (新疆维吾尔自治区伊犁哈萨克自治州…人民政府办公室) is ~40 characters
MAX_NAME_CHARS = 60


def check_name(value: str, what: str = "名称", limit: int = MAX_NAME_CHARS) -> str:
    """A region, unit or organ name as given on the command line or in fzwriter.toml: a few dozen
    characters of one line, nothing a division name never holds."""
    value = value.strip()
    if not value:
        raise ValueError(f"{what}不能为空")
    if len(value) > limit:
        raise ValueError(f"{what}过长（{len(value):,} 个字符，上限 {limit} 个）")
    if any(not c.isprintable() for c in value):
        raise ValueError(f"{what}中有换行或控制字符")
    if any(c in value for c in "/\\"):
        raise ValueError(f"{what}中不应有“/”或“\\”")
    return value


@dataclass
class Config:
    """The settings in force. Plain, so that a run without a config file never imports pydantic;
    a file's settings are validated by schema.ConfigModel (same fields and defaults)."""

    region: str | None = None
    year: int | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    strict: bool = False
    severity: dict[str, Severity] = field(default_factory=dict)  # code → level, overriding the catalogue's default
    templates: str | None = None  # a folder with the user's own report.j2 for `fzwriter new`
    template: str | None = None  # the unit's Word template: for `new`, and the layout reference of `lint`
    checklists: str | None = None  # a folder whose YAML files replace the bundled ones of the same name
    limits: LimitsConfig = field(default_factory=LimitsConfig)

    def folder(self, key: str, where: Path | None) -> Path | None:
        """The path setting `key` (templates, checklists, template), relative to the file that set it."""
        value = getattr(self, key)
        if not value:
            return None
        path = Path(value).expanduser()
        if not path.is_absolute() and where is not None:
            path = where.parent / path
        return path


def load_config(folder: Path | None = None) -> tuple[Config, Path | None]:
    """The settings that apply in `folder` (default: the current folder) and where they came from."""
    here = folder is None
    if folder is None:
        try:
            folder = Path.cwd()
        except OSError:
            raise InputError(None, "当前文件夹已不存在或无法访问；请换到一个存在的文件夹再运行") from None
    own = folder / "fzwriter.toml"
    pyproject = folder / "pyproject.toml"
    if own.exists():
        path = own
        data = _read(path, Path(path.name) if here else path)
        label = path.name if here else str(path)
    elif pyproject.is_file():
        path = pyproject
        data = _read(path, Path(path.name) if here else path).get("tool", {}).get("fzwriter")
        if data is None:
            return Config(), None
        label = f"{path.name if here else path} 的 [tool.fzwriter]"
    else:
        return Config(), None
    from .schema import ConfigModel, ValidationError

    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as exc:
        from .validation import describe_error

        err = exc.errors()[0]
        loc = [str(x) for x in err["loc"]]
        key = ".".join(loc) or "（顶层）"
        line = _line_of(path, loc[-1]) if loc else None
        where = f"第{line}行，" if line else ""
        raise InputError(label, f"{where}配置项 {key}：{describe_error(err)}") from None
    values = model.model_dump()
    values["limits"] = LimitsConfig(**values["limits"])
    return Config(**values), path


def _read(path: Path, shown: Path) -> dict:
    """The TOML in `path`; errors name it as `shown`."""
    # imported here: most folders have no settings file, and the parser costs ~2 ms of every start
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    if not path.is_file():
        raise InputError(shown, "不是文件，无法作为配置文件读取")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(shown, f"无法读取配置文件：{os_error_cn(exc)}") from None
    except UnicodeDecodeError:
        raise InputError(shown, "不是 UTF-8 编码；请用 UTF-8 保存配置文件") from None
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib parses nested arrays and tables by recursion
        raise InputError(shown, "不是合法的配置文件：数组或表嵌套过深") from None
    except tomllib.TOMLDecodeError as exc:
        from .validation import toml_problem

        raise InputError(shown, f"不是合法的 TOML：{toml_problem(exc)}") from None


def _line_of(path: Path, key: str) -> int | None:
    """The line that sets `key` (the first one), to point the user at it."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*=')
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), None)
