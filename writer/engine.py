"""Run the rules on drafts: choose rules, stamp severity, sort; batch over files and folders."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .models import SEVERITY_RANK, Finding, Report, Severity
from .rules import RULES, Rule


def choose_rules(select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored prefix."""
    known = [r.code for r in RULES]

    def norm(codes):
        out = []
        for c in codes or []:
            for part in str(c).replace("，", ",").split(","):
                part = part.strip().upper()
                if not part:
                    continue
                if not any(k.startswith(part) for k in known) and not part.startswith(("FG", "WD", "FM")):
                    raise InputError(None, f"未知的规则代码或前缀“{part}”；用 fzwriter rules 查看全部规则")
                out.append(part)
        return out

    sel, ign = norm(select), norm(ignore)
    chosen = []
    for cls in RULES:
        if sel and not any(cls.code.startswith(s) for s in sel):
            continue
        if any(cls.code.startswith(i) for i in ign):
            continue
        chosen.append(cls())
    return chosen


def lint_report(report: Report, rules: list[Rule], severity: dict[str, Severity] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        for f in rule.check(report):
            if severity and f.rule in severity:
                f.severity = severity[f.rule]
            findings.append(f)
    findings.sort(key=lambda f: (f.location.paragraph, f.location.start, f.rule))
    return findings


@dataclass
class FileResult:
    path: str
    report: Report | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    figures: dict[str, int] | None = None  # coverage of the figure checks, when they ran

    def count(self, level: str) -> int:
        return sum(1 for f in self.findings if f.severity == level)


def collect(paths: list[str]) -> list[tuple[str, InputError | None]]:
    """Expand folders into their drafts; a missing path or an empty folder is an error entry."""
    from .reader import DRAFT_SUFFIXES

    out: list[tuple[str, InputError | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DRAFT_SUFFIXES
                and not p.name.startswith(("~$", ".")) and not any(
                    part.startswith(".") for part in p.relative_to(path).parts[:-1]))
            if not found:
                out.append((raw, InputError(path, "文件夹中没有 .docx、.txt 或 .md 报告文件")))
            out.extend((str(p), None) for p in found)
        elif not path.exists():
            out.append((raw, InputError(path, "文件不存在")))
        else:
            out.append((raw, None))
    return out


def lint_paths(paths: list[str], rules: list[Rule], *, year: int | None = None,
               region: str | None = None, severity: dict[str, Severity] | None = None) -> list[FileResult]:
    from .reader import read_report

    results = []
    for path, error in collect(paths):
        if error is not None:
            results.append(FileResult(path=path, error=error.message))
            continue
        try:
            report = read_report(path, year=year, region=region)
        except InputError as exc:
            results.append(FileResult(path=path, error=exc.message))
            continue
        result = FileResult(path=path, report=report, findings=lint_report(report, rules, severity))
        if any(r.code.startswith("FG") for r in rules):
            from .figures import analyse

            fa = analyse(report)
            result.figures = {"extracted": len(fa.figures), "checkable": fa.checkable,
                              "inconsistent": sum(1 for f in result.findings if f.rule.startswith("FG"))}
        results.append(result)
    return results


def exit_code(results: list[FileResult], strict: bool = False) -> int:
    if any(r.error for r in results):
        return 2
    worst = min((SEVERITY_RANK[f.severity] for r in results for f in r.findings), default=9)
    if worst == 0 or (strict and worst <= 1):
        return 1
    return 0
