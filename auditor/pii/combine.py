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

    `findings` must be one file's (or one record stream's) findings sorted by line. A finding
    alone in its window (the usual case) costs two comparisons; otherwise the categories near a
    line are gathered once per line, not once per finding (a one-line JSON dump can hold
    thousands of findings: pairwise, that was quadratic).
    """
    n = len(findings)
    near: dict[str, bool] = {}  # category in the current line's window -> one of them is strong
    near_line: int | None = None
    for i, f in enumerate(findings):
        line = f.line
        if (i == 0 or findings[i - 1].line < line - window) and \
                (i + 1 == n or findings[i + 1].line > line + window):
            f.co_located = []  # alone in its window
            continue
        if line != near_line:
            near, near_line, j = {}, line, i
            while j > 0 and findings[j - 1].line >= line - window:
                j -= 1
            while j < n and findings[j].line <= line + window:
                g = findings[j]
                # A low, non-quasi finding (a private IP) is information, not PII: never strong.
                near[g.category] = near.get(g.category, False) or g.quasi or g.confidence != "low"
                j += 1
        others = sorted(c for c in near if c != f.category)
        f.co_located = others
        if f.quasi and f.confidence != "high" and any(near[c] for c in others):
            f.confidence = "high"
            f.escalated = True
