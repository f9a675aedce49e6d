"""The rule catalogue (code, name, default severity, summary) for `fzwriter rules`, read from the rule
modules' source without importing them: importing a rule imports its analyses (figures, structure,
checklists and their pydantic models), which would make listing the rules cost three times Python's
own start-up. tests/test_startup.py checks this reading against the imported classes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

_FIELDS = ("code", "name", "severity", "summary")


def catalogue() -> list[tuple[str, str, str, str]]:
    """(code, name, severity, summary) of every rule, in the registry's order (writer/rules/__init__.py)."""
    folder = Path(__file__).resolve().parent / "rules"
    registry = ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))
    module_of: dict[str, str] = {}
    order: list[str] = []
    for node in registry.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                module_of[alias.asname or alias.name] = node.module
        elif isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "RULES":
            order = [elt.id for elt in node.value.elts]
    out = []
    for cls in order:
        tree = _class_source(folder / f"{module_of[cls]}.py", cls)
        values: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == cls:
                for stmt in node.body:
                    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                            and getattr(stmt.targets[0], "id", None) in _FIELDS
                            and isinstance(stmt.value, ast.Constant)):
                        values[stmt.targets[0].id] = stmt.value.value
        out.append(tuple(values[f] for f in _FIELDS))
    return out


_CLASS_END = re.compile(r"\n(?:    (?:def |async def |@)|\S)")


def _class_source(path: Path, cls: str) -> ast.Module:
    """The class statement with its attributes only (up to its first method): parsing that instead
    of the whole module is a third of `fzwriter rules`' own time saved."""
    text = path.read_text(encoding="utf-8")
    m = re.search(rf"^class {re.escape(cls)}\b", text, re.M)
    if m:
        end = _CLASS_END.search(text, m.end())
        try:
            return ast.parse(text[m.start():end.start() if end else len(text)])
        except SyntaxError:
            pass  # an unusual layout: the whole module
    return ast.parse(text)


def dated_facts() -> list[str]:
    """`fzwriter rules --facts`: every dated fact (checklists/facts.yml in force) with its window and
    source, so a user can see what the tool believes and correct it in their own copy."""
    from . import checklists
    from .wording import checked_cn, facts_update_hint, span_years

    data = checklists.facts()
    lines = [f"日期类事实（{checklists.shown('facts.yml')}，核对至{checked_cn()}）：WD01 据此判断表述是否过时或"
             "尚不可能出现，fzwriter new 据此写开头段。适用年度指报告所述年度。"]
    for f in data.facts:
        window = span_years(f.from_, f.until)
        notes = []
        if f.stale_when == "cited":
            notes.append(f"{f.until + 1}年度起只在作为现行依据引用时报告")
        if not f.confirmed:
            notes.append("未确认已召开：不据此判断全会列举是否完整")
        if f.known is not None:
            notes.append(f"公布于{f.known.year}年{f.known.month}月{f.known.day}日")
        lines.append(f"{f.id}（{f.kind}）适用：{window}" + (f"；{'；'.join(notes)}" if notes else ""))
        lines.append(f"    来源：{f.source}")
    lines.append(facts_update_hint(listing=False))
    return lines
