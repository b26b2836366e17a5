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

    `findings` must be one file's (or one record stream's) findings sorted by line.
    """
    n = len(findings)
    lo = 0
    for i, f in enumerate(findings):
        while findings[lo].line < f.line - window:
            lo += 1
        near: set[str] = set()
        strong = False  # a low, non-quasi neighbour (a private IP) is information, not PII
        j = lo
        while j < n and findings[j].line <= f.line + window:
            g = findings[j]
            if j != i and g.category != f.category:
                near.add(g.category)
                strong = strong or g.quasi or g.confidence != "low"
            j += 1
        f.co_located = sorted(near)
        if f.quasi and strong and f.confidence != "high":
            f.confidence = "high"
            f.escalated = True
