"""What every rule is: a code from the catalogue, a name, a default severity, and a check."""

from __future__ import annotations

from typing import ClassVar, Iterator

from ..anchors import nest_quotes
from ..models import Finding, Location, Report, Severity


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`.

    Rules report facts; the engine stamps the configured severity and sorts.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]  # one line, Chinese, for `fzwriter rules`

    def check(self, report: Report) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(self, report: Report, paragraph: int | None, start: int, end: int, message: str,
                suggestion: str | None = None, section_id: str | None = None,
                evidence: str | None = None) -> Finding:
        """A finding at paragraph `paragraph` (1-based), chars [start, end) of its text."""
        if paragraph is None:
            para = None
            section: list[str] = []
        else:
            para = report.para(paragraph)
            section = list(para.section)
            if para.original is not None:
                # rules read the text without invisible characters; the finding points into the
                # draft's own text, and its evidence is quoted from it
                quoted = evidence is None or evidence == para.text[start:end].strip()
                start, end, own = para.in_original(start, end)
                if quoted:
                    evidence = own[start:end].strip()
        if evidence is None:
            evidence = para.text[start:end].strip() if para is not None else ""
        # quotes inside quotes are single (“‘八五’普法”), in every output; evidence stays as written
        return Finding(rule=self.code, name=self.name, severity=self.severity, message=nest_quotes(message),
                       evidence=evidence,
                       location=Location(paragraph=paragraph or 0, start=start, end=end,
                                         section=section),
                       section_id=section_id,
                       suggestion=nest_quotes(suggestion) if suggestion else suggestion)
