"""DEF-2: quasi-identifiers escalate when other PII sits in the same record or a +/-2-line window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

WINDOW = 2


class _Located(Protocol):
    line: int
    category: str
    confidence: str
    quasi: bool
    co_located: list[str]
    escalated: bool


def escalate(findings: Sequence[_Located], window: int = WINDOW) -> None:
    """Fill co_located in place; a quasi finding with another category (quasi or PII) nearby -> high.

    `findings` must be one file's (or one record stream's) findings sorted by line. Linear in the
    findings: the categories near a line are gathered once per line, not once per finding (a
    one-line JSON dump can hold thousands of findings).
    """
    by_line: dict[int, list[_Located]] = {}
    for f in findings:
        by_line.setdefault(f.line, []).append(f)
    # Per line: category -> some finding of it there is strong. A low, non-quasi finding (a
    # private IP) is information, not PII, so it never makes a neighbour escalate.
    per_line: dict[int, dict[str, bool]] = {}
    for line, group in by_line.items():
        cats: dict[str, bool] = {}
        for g in group:
            cats[g.category] = cats.get(g.category, False) or g.quasi or g.confidence != "low"
        per_line[line] = cats
    for line, group in by_line.items():
        near: dict[str, bool] = {}  # category in the window -> some finding of it is strong
        for other in range(line - window, line + window + 1):
            for cat, strong in per_line.get(other, {}).items():
                near[cat] = near.get(cat, False) or strong
        for f in group:
            others = [c for c in near if c != f.category]
            f.co_located = sorted(others)
            if f.quasi and f.confidence != "high" and any(near[c] for c in others):
                f.confidence = "high"
                f.escalated = True
