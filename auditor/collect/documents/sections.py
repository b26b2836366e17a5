"""Required sections per document type, matched against headings by keyword.

A heading matches a section when it contains one of the section's phrases (lower case).
"""

from __future__ import annotations

import re

SECTION_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "incident_response_plan": {
        "scope": ("scope",),
        "definitions": ("definition",),
        "service_interruption": ("service interruption", "interruption", "degradation", "outage"),
        "severity_matrix": ("severity", "impact", "urgency", "priorit"),
        "roles": ("role", "responsibilit"),
        "escalation": ("escalat",),
        "amazon_notification": ("amazon notification", "notifying amazon", "notify amazon"),
        "communications": ("communicat",),
        "evidence_retention": ("evidence", "record retention", "records"),
        "review": ("review",),
    },
    "asset_management_policy": {
        "scope_software": ("software",),
        "scope_physical": ("physical", "hardware"),
        "add_process": ("adding", "add process", "acquisition", "onboarding"),
        "reassign_process": ("reassign", "re-assign"),
        "removal_disposal": ("removal", "disposal"),
        "data_cleansing": ("cleansing", "sanitis", "sanitiz"),
        "roles": ("role", "responsibilit"),
        "review_cycle": ("review",),
    },
    "restore_procedure": {
        "purge_on_restore": ("purge", "retention"),
    },
    "sanitisation_procedure": {
        "hdd": ("hdd", "hard disk"),
        "ssd": ("ssd", "nvme"),
        "flash": ("flash", "usb"),
        "db_records": ("database", "db record"),
        "backups": ("backup",),
        "paper": ("paper",),
    },
}

_HEADING_MD = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def markdown_headings(text: str) -> list[str]:
    """ATX headings outside fenced code blocks."""
    headings: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        m = None if fenced else _HEADING_MD.match(line)
        if m:
            headings.append(m.group(1))
    return headings


def sections_found(doc_type: str, headings: list[str], declared: list[str] | None = None) -> list[str]:
    """Section ids whose phrases appear in a heading, plus any declared in the metadata."""
    found = set(declared or [])
    for section, phrases in SECTION_PHRASES.get(doc_type, {}).items():
        if any(p in h.lower() for h in headings for p in phrases):
            found.add(section)
    return sorted(found)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def severity_matrix(text: str) -> dict[str, dict[str, str]]:
    """The first Markdown table under a severity/priority heading, read as
    {impact: {urgency: priority}} (header row: urgencies; first column: impacts)."""
    in_section = False
    rows: list[list[str]] = []
    for line in text.splitlines():
        heading = _HEADING_MD.match(line)
        if heading:
            if rows:
                break
            title = heading.group(1).lower()
            in_section = any(p in title for p in ("severity", "priority", "matrix"))
            continue
        if in_section and line.lstrip().startswith("|"):
            rows.append(_cells(line))
        elif rows:
            break
    if len(rows) < 3:
        return {}
    urgencies = [u.lower() for u in rows[0][1:]]
    return {
        row[0].lower(): {u: p for u, p in zip(urgencies, row[1:], strict=False) if p}
        for row in rows[2:]  # rows[1] is the |---| separator
        if row and row[0]
    }
