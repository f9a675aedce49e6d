"""The pydantic schema of checklists/ (and previous.yml): used to validate a file the first time
its bytes are seen, by `fzwriter rules --check` and by the tests — never on a cached start-up, so a
lint run does not import pydantic (~0.2 s of CPU). The validated data is handed on as plain objects
(checklists.Entry)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator,
                      model_validator)

from .checklists import FactMethods, _display, parse_yaml
from .errors import InputError
from .validation import describe_error, regex_problem


def _check_regex(value: str) -> str:
    pattern = value.replace("{year}", "2024").replace("{next}", "2025")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"不是合法的正则表达式（{regex_problem(exc)}）") from None
    except RecursionError:
        raise ValueError("正则表达式嵌套过深") from None
    from .patterns import risk

    why = risk(pattern)
    if why is not None:  # a pattern that can stall every draft of a batch is refused when it loads
        raise ValueError(f"正则表达式可能让检查停不下来：{why}；请改写（如把 (法+)+ 写成 法+）")
    return value


# a regular expression, checked when the file loads (pydantic puts the list index in the error)
Regex = Annotated[str, AfterValidator(_check_regex)]


class _Strict(BaseModel):
    # defer_build: the schema is built on the first validation, which a cached start-up never runs
    model_config = ConfigDict(extra="forbid", defer_build=True)


class PartSpec(_Strict):
    name: str
    short: str
    suggest: str
    required: bool
    min_chars: int = 0
    heading: list[Regex]
    inline: list[Regex] = []
    lead: list[Regex] = []
    causes: list[Regex] = []
    not_inline: list[Regex] = []
    own: list[Regex] = []
    acts: list[Regex] = []


class PartsData(_Strict):
    source: str
    parts: dict[str, PartSpec]
    numbering: dict[int, Regex]
    heading_max_chars: int
    runin_max_chars: int

    @field_validator("parts")
    @classmethod
    def _ids(cls, v: dict[str, PartSpec]) -> dict[str, PartSpec]:
        missing = {"S1", "S2", "S3", "S4"} - set(v)
        if missing:
            raise ValueError(f"缺少必备部分 {sorted(missing)}")
        return v


class Malformed(_Strict):
    pattern: Regex
    why: str


class TitleSpec(_Strict):
    must: Regex
    about: Regex
    max_chars: int
    malformed: list[Malformed] = []
    year: Regex | None = None
    letterhead: list[Regex] = []


class PatternSpec(_Strict):
    pattern: Regex
    max_chars: int


class IssuerSpec(_Strict):
    suffix: Regex
    max_chars: int


class Deadline(_Strict):
    """A day of the year after the one reported on by which the report is sent or published."""

    levels: list[Literal["政府", "党委政府联合", "部门", "乡镇街道"]] = []
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    what: str = Field(min_length=1, max_length=8)
    basis: str = Field(min_length=1)

    @model_validator(mode="after")
    def _a_real_day(self):
        import calendar

        if self.day > calendar.monthrange(2024, self.month)[1]:
            raise ValueError(f"{self.month}月没有{self.day}日")
        return self


class DateSpec(_Strict):
    good: Regex
    like: list[Regex]
    deadlines: list[Deadline] = []


class FrameData(_Strict):
    source: str
    title: TitleSpec
    addressee: PatternSpec
    issuer: IssuerSpec
    date: DateSpec
    closing: Regex
    furniture: list[Regex]
    imprint: list[Regex] = []


class RateDefinition(_Strict):
    names: list[str] = Field(min_length=1)
    numerator: list[str] = Field(min_length=1)
    denominator: list[str] = Field(min_length=1)
    less: list[str] = []
    wrong: list[str] = []


class FiguresData(_Strict):
    source: str
    units: list[str]
    unit_groups: list[list[str]]
    approx_before: list[str]
    approx_after: list[str]
    measures: list[str]
    not_measures: list[str] = []
    qualifiers: list[str] = []
    complements: list[str] = []
    modals: list[str] = []
    whole_cues: list[str]
    case_nouns: list[str] = []
    topics: list[str] = []
    rate_before: Regex
    rates: list[RateDefinition]
    outcome_wholes: list[str]
    outcome_cues: list[str]
    outcome_skip: list[str]
    change_down: list[str]
    change_up: list[str]
    year_over_year: list[str]
    # [part, whole]: a count of the part never exceeds the whole's in one sentence (出庭 ≤ 应出庭)
    ceilings: list[list[str]] = []
    # the outcomes an outcome_skip word sums (纠错: 撤销, 变更 …): listed without any of them, it is an
    # outcome of its own (维持44件、驳回9件、纠错10件、终止18件)
    outcome_sums: dict[str, list[str]] = {}

    @model_validator(mode="after")
    def _formulas_name_measures(self):
        known = set(self.measures) | set(self.case_nouns)
        for i, pair in enumerate(self.ceilings):
            if len(pair) != 2 or any(t not in known for t in pair):
                raise ValueError(f"ceilings[{i}]：应为两个已列在 measures 中的词（部分、总数），实为 {pair}")
        for i, d in enumerate(self.rates):
            for field_name in ("numerator", "denominator", "less", "wrong"):
                for formula in getattr(d, field_name):
                    for term in re.split(r"[+\-]", formula.replace("@", "")):
                        term = term.strip()
                        if term and term not in known:
                            raise ValueError(f"rates.{i}.{field_name}：“{term}”不在 measures（或 case_nouns）中，"
                                             "公式只能使用其中的词")
        return self


class Indicator(_Strict):
    key: str
    theme: str
    label: str
    unit: str
    topic: list[str] = []
    measure: list[str] = []
    rate: list[str] = []

    @field_validator("key")
    @classmethod
    def _key(cls, v: str) -> str:
        if not re.fullmatch(r"[^.\s]+\.[^.\s]+", v):
            raise ValueError("键名应为“主题.指标”形式，如“行政复议.受理”")
        return v


class Subset(_Strict):
    part: str
    whole: str
    why: str


class IndicatorsData(_Strict):
    source: str
    scopes: list[str]
    not_current: list[str]
    fillers: list[str]
    indicators: list[Indicator]
    subsets: list[Subset] = []
    part_of_area: list[str] = []

    @model_validator(mode="after")
    def _known(self) -> "IndicatorsData":
        keys = {i.key for i in self.indicators}
        for n, sub in enumerate(self.subsets):
            for k in (sub.part, sub.whole):
                if k not in keys:
                    raise ValueError(f"subsets 第{n + 1}项：指标键 {k} 不在 indicators 中")
        return self

    @field_validator("indicators")
    @classmethod
    def _complete(cls, v: list[Indicator]) -> list[Indicator]:
        seen: set[str] = set()
        for i, ind in enumerate(v):
            if ind.key in seen:
                raise ValueError(f"第{i + 1}项：指标键 {ind.key} 重复")
            seen.add(ind.key)
            if ind.unit == "%" and not ind.rate:
                raise ValueError(f"第{i + 1}项 {ind.key}：比率指标须列出 rate 名称")
            if ind.unit != "%" and not (ind.topic and ind.measure):
                raise ValueError(f"第{i + 1}项 {ind.key}：计数指标须列出 topic 和 measure")
        return v


class FactExample(_Strict):
    year: int
    fire: bool
    text: str


# how `fzwriter new` words a fact while it is current (the opening's guidance, 收官/开局 years)
ScaffoldRole = Literal["指导思想", "党代会", "全会", "法治思想", "纲要", "普法规划", "五年规划"]


class FactUse(_Strict):
    role: ScaffoldRole
    say: str  # the words the scaffold writes: 党的二十大, 二十届四中全会, “十四五”规划
    of: str | None = None  # a plenum: the id of its congress
    first: int | None = None  # a plan: its first year (开局之年)
    last: int | None = None  # … and its last year (收官之年)


class Fact(FactMethods, _Strict):  # congress, covers(year): shared with the plain entry
    id: str
    kind: str
    pattern: Regex
    from_: int | None = Field(default=None, alias="from")
    until: int | None = None
    instead: str | None = None
    source: str
    known: date | None = None  # when it became known (issued, adopted): the plans part may not cite it before
    in_force: date | None = None  # a law's effective day: a measure of an earlier year cannot rest on it
    unless_also: Regex | None = None  # not stale where the report also says this (used beside it)
    of: str | None = None  # a plenum: the id of its congress (when `scaffold` does not say it)
    scaffold: FactUse | None = None
    # mentioned: any mention after `until` is stale unless it looks back; cited: only a mention cited as
    # current guidance (认真落实《…（2021—2025年）》) is, as a plan that just ended is often looked back on
    stale_when: Literal["mentioned", "cited"] = "mentioned"
    # false: announced, not confirmed held (a plenum): flags a mention before `from`, never calls a
    # plenum list incomplete for leaving it out, and the scaffold does not name it
    confirmed: bool = True
    examples: list[FactExample]

    @model_validator(mode="after")
    def _window(self) -> "Fact":
        if self.from_ is None and self.until is None:
            raise ValueError("from 和 until 至少要写一个")
        if self.stale_when == "cited" and self.until is None:
            raise ValueError("stale_when: cited 的条目须写 until（到哪一年度为止是现行依据）")
        if not self.confirmed and self.from_ is None:
            raise ValueError("confirmed: false 的条目须写 from（最早可能的年度）")
        if self.from_ is not None and self.until is not None and self.from_ > self.until:
            raise ValueError(f"from（{self.from_}）晚于 until（{self.until}）")
        if self.until is not None and not self.instead:
            raise ValueError("写了 until 的条目须给出 instead（现在应写什么）")
        if {e.fire for e in self.examples} != {True, False}:
            raise ValueError("examples 须至少各有一个 fire: true 和 fire: false 的例句")
        return self


class Retrospective(_Strict):
    window: int
    before: list[str]
    after: list[str]


class Guidance(_Strict):
    window: int
    before: list[str] = Field(min_length=1)
    applied: list[str] = Field(min_length=1)  # words citing a law as the basis of a measure (依据《…》)
    # words right after a mention introduced by 以 that make it guidance (以《…》为遵循)
    after: list[str] = []


class FactsData(_Strict):
    source: str
    checked: date  # the day up to which the dated facts were checked: the tool's knowledge horizon
    prospective: list[Regex] = []
    retrospective: Retrospective
    guidance: Guidance
    facts: list[Fact]

    @field_validator("facts")
    @classmethod
    def _unique(cls, v: list[Fact]) -> list[Fact]:
        ids = [f.id for f in v]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"条目 id 重复：{sorted(dup)}")
        for i, f in enumerate(v):
            if f.of is not None and f.of not in ids:
                raise ValueError(f"第{i + 1}项 {f.id}：of 须是所属党代会条目的 id")
            use = f.scaffold
            if use is None:
                continue
            if use.role == "全会" and use.of not in ids:
                raise ValueError(f"第{i + 1}项 {f.id}：scaffold.of 须是所属党代会条目的 id")
            if use.first is not None and use.last is not None and use.first > use.last:
                raise ValueError(f"第{i + 1}项 {f.id}：scaffold.first 晚于 scaffold.last")
        return v


class WrongRight(_Strict):
    wrong: str
    right: str


class Formulation(_Strict):
    wrong: Regex
    right: str
    why: str
    since: int | None = None
    examples: WrongRight


class Goal(_Strict):
    name: str
    terms: list[str]
    from_: int = Field(alias="from")
    until: int | None = None
    min_terms: int
    examples: WrongRight


class Standard(_Strict):
    form: str = Field(min_length=6)
    near: list[str] = []
    why: str = "规范表述"
    examples: WrongRight

    @model_validator(mode="after")
    def _near_is_near(self):
        for n in self.near:
            if self.form in n or len(n) < len(self.form):
                raise ValueError(f"near 中的“{n}”须是与“{self.form}”相差一个字、且不含它的说法")
        return self


class Document(_Strict):
    title: str = Field(min_length=6)
    examples: WrongRight


class FormulationsData(_Strict):
    source: str
    formulations: list[Formulation]
    goals: list[Goal] = []
    standard: list[Standard] = []
    documents: list[Document] = []


class Placeholder(_Strict):
    pattern: Regex
    why: str


class Anniversary(_Strict):
    pattern: Regex  # its one group is the number of years
    since: int
    name: str


class WordingData(_Strict):
    source: str
    anniversaries: list[Anniversary] = []
    placeholders: list[Placeholder]
    hint: Regex
    hint_style: str | None = None
    garbled_date: Regex
    year_reference_after: list[str]
    year_reference_before: list[str]
    plan_words: list[str]
    yearly_documents: Regex
    adopt_verbs: Regex
    region_slots: list[Regex]
    region_left_words: list[str] = []
    region_mentions: list[Regex] = []
    region_allowed: list[str]
    region_generic: list[str]
    department_suffix: Regex

    @field_validator("region_slots")
    @classmethod
    def _slot(cls, v: list[str]) -> list[str]:
        for i, slot in enumerate(v):
            if "{name}" not in slot:
                raise ValueError(f"第{i + 1}项缺少 {{name}}")
        return v


class Theme(_Strict):
    name: str
    cues: list[str]
    heading: str  # the S1 heading `fzwriter new` proposes for this theme
    plan: str  # … and the S4 heading for next year's plans


class ThemesData(_Strict):
    source: str
    themes: list[Theme]


Positive = Annotated[float, Field(gt=0, le=1000)]
Tolerance = Annotated[float, Field(ge=0, le=100)]
# a GB/T 9704 clause number as cited in findings: 5.2.1, 7.3.5.2
Clause = Annotated[str, Field(pattern=r"^\d+(\.\d+){0,3}$")]
Align = Literal["left", "center", "right", "both"]


class PaperSpec(_Strict):
    width: Positive
    height: Positive
    tolerance: Tolerance
    clause: Clause


class MarginsSpec(_Strict):
    top: Positive
    bottom: Positive
    left: Positive
    right: Positive
    tolerance: Tolerance
    clause: Clause


class GridSpec(_Strict):
    lines: int = Field(ge=1, le=200)
    chars: int = Field(ge=1, le=200)
    pitch: Positive
    lines_tolerance: int = Field(ge=0, le=50)
    estimate_tolerance: int = Field(ge=0, le=50)
    single_line: float = Field(ge=0.8, le=3)
    chars_tolerance: int = Field(ge=0, le=50)
    clause: Clause


class RoleSpec(_Strict):
    family: str
    font: str = Field(min_length=1, max_length=60)
    size: Positive
    align: Align | None = None
    indent: float | None = Field(None, ge=0, le=10)
    clause: Clause


class ColorSpec(_Strict):
    black_max: int = Field(ge=0, le=255)
    clause: Clause


class PageNumberSpec(_Strict):
    family: str
    font: str = Field(min_length=1, max_length=60)
    size: Positive
    dashes: str = Field(min_length=1, max_length=20)
    inset: float = Field(ge=0, le=10)
    clause: Clause
    min_chars: int = Field(ge=0)


class FrameLayoutSpec(_Strict):
    addressee_clause: Clause
    signoff_clause: Clause
    addressee_indent: float = Field(ge=0, le=28)
    signoff_right: float = Field(ge=0, le=28)


class FamilySpec(_Strict):
    names: list[Annotated[str, Field(min_length=1, max_length=60)]]
    contains: list[Annotated[str, Field(min_length=1, max_length=30)]] = []


class LayoutData(_Strict):
    source: str
    paper: PaperSpec
    margins: MarginsSpec
    grid: GridSpec
    roles: dict[Literal["title", "body", "h1", "h2", "h3", "h4"], RoleSpec]
    size_tolerance: Tolerance
    indent_tolerance: Tolerance
    color: ColorSpec
    page_number: PageNumberSpec
    frame: FrameLayoutSpec
    per_paragraph: int = Field(ge=1, le=1000)
    families: dict[str, FamilySpec]
    sizes: dict[str, Positive]

    @model_validator(mode="after")
    def _families_known(self) -> "LayoutData":
        missing = {"title", "body", "h1", "h2", "h3", "h4"} - set(self.roles)
        if missing:
            raise ValueError(f"roles 缺少 {sorted(missing)}")
        for where, family in [*((f"roles.{r}", s.family) for r, s in self.roles.items()),
                              ("page_number", self.page_number.family)]:
            if family not in self.families:
                raise ValueError(f"{where} 的字体族“{family}”没有在 families 中定义")
        return self


def _node_at(text: str, loc: tuple[Any, ...]):
    """The YAML node at pydantic's error location `loc` (the deepest one found), or None."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if str(k.value) == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = node.value[part]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
    return node


def _entry_label(raw: Any, loc: tuple[Any, ...]) -> str:
    """The id/name/key of the list entry the error is in, so 第13项 reads as “二十届五中全会”."""
    node, label = raw, ""
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict):
            for key in ("id", "name", "key", "wrong"):
                if isinstance(node.get(key), (str, int)):
                    label = str(node[key])
                    break
    return label


def validate(path: Path, data: bytes, model: type[BaseModel]) -> Any:
    """Parse and validate `data` (the bytes of `path`) against `model`; InputError naming file,
    line and key, in Chinese."""
    raw = parse_yaml(path, data)
    path = _display(Path(path))
    if raw is None:
        raise InputError(path, "清单文件是空的")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        err = errors[0]
        loc = tuple(err["loc"])
        said = describe_error(err)
        if err["type"] == "missing":  # a misspelt key shows up as one missing and one unknown
            typo = [e["loc"][-1] for e in errors if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == loc[:-1]]
            if typo:
                said += f"；同一层有不认识的键 {typo[0]}，是否拼错了？"
        node = _node_at(data.decode("utf-8-sig"), loc)
        where = f"第{node.start_mark.line + 1}行，" if node is not None else ""
        label = _entry_label(raw, loc)
        key = ".".join(str(p) for p in loc) or "（顶层）"
        key += f"（条目“{label}”）" if label else ""
        raise InputError(path, f"{where}键 {key}：{said}") from None


class PreviousData(BaseModel):
    """checklists/previous.yml (what --previous compares: wording of 同比, copied paragraphs)."""

    model_config = ConfigDict(extra="forbid")
    source: str
    compare: str
    last_value: str
    up: list[str]
    down: list[str]
    points: str
    copied_share: float
    min_run: int
    min_chars: int
    novelty: list[str]
    claim_chars: int


class LimitsModel(BaseModel):
    """[limits] of fzwriter.toml (config.LimitsConfig holds the same fields and defaults)."""

    model_config = ConfigDict(extra="forbid")

    max_file_mb: int = Field(100, ge=1, le=100_000)
    max_part_mb: int = Field(40, ge=1, le=100_000)
    max_paragraphs: int = Field(20_000, ge=1, le=100_000_000)
    max_chars: int = Field(1_000_000, ge=1, le=10_000_000_000)
    max_seconds: int = Field(60, ge=1, le=86_400)


class ConfigModel(BaseModel):
    """fzwriter.toml, or [tool.fzwriter] in pyproject.toml (config.Config holds the same fields and defaults)."""

    model_config = ConfigDict(extra="forbid")

    region: str | None = None
    year: int | None = None
    select: list[str] = []
    ignore: list[str] = []
    strict: bool = False
    severity: dict[str, Literal["error", "warning", "info"]] = {}
    templates: str | None = None
    template: str | None = None
    checklists: str | None = None
    limits: LimitsModel = LimitsModel()

    @field_validator("year")
    @classmethod
    def _year(cls, v: int | None) -> int | None:
        from .config import check_year

        return None if v is None else check_year(v)

    @field_validator("region")
    @classmethod
    def _region(cls, v: str | None) -> str | None:
        from .config import check_name

        return None if v is None else check_name(v, "地区或单位名称")
