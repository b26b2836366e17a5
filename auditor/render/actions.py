"""Findings as work: one row per root cause across clauses, with owner, first-seen and due date.

A root cause is what a fix changes: the finding's PII-free locator (`sshd:permitrootlogin` is one
setting, whichever clauses it breaks). Findings without a locator stay apart per clause, check
and message. Owners and agreed due dates come from the findings register (documents.records);
without an agreed date the due date is first-seen plus the catalogue's default days per severity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from auditor.models import Finding, Severity
from auditor.render.base import EvidenceEntry
from auditor.render.view import locator

FIRST_SEEN_RUNS = 100  # how far back the run index is searched for a fingerprint


@dataclass
class ActionRow:
    severity: str
    locator: str
    remediation: str
    clauses: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    evidence: list[EvidenceEntry] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    level: str = "deny"
    owner: str = ""
    first_seen: str = ""
    due: str = ""
    overdue: bool = False

    @property
    def status(self) -> str:
        return "fail" if self.level == "deny" else "warn"


def _key(f: Finding) -> tuple[str, ...]:
    loc = locator(f)
    return ("loc", loc) if loc else ("msg", f.clause, f.check, f.msg)


def _date(ts: str) -> datetime | None:
    try:
        return datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return None


def register_owners(rows: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """clause id -> (owner, agreed due date) from the open entries of the findings register."""
    out: dict[str, tuple[str, str]] = {}
    for r in rows:
        if str(r.get("status", "")).lower() in ("closed", "done", "verified"):
            continue
        clause = str(r.get("clause_id") or "")
        if clause and clause not in out:
            out[clause] = (str(r.get("owner_person_id") or ""), str(r.get("agreed_due_date") or ""))
    return out


def action_rows(
    findings: list[Finding],
    *,
    evaluated_at: str,
    first_seen: dict[str, str],
    owners: dict[str, tuple[str, str]],
    due_days: dict[str, int],
    evidence_for: Callable[[Finding], EvidenceEntry | None],
) -> list[ActionRow]:
    rows: dict[tuple[str, ...], ActionRow] = {}
    for f in findings:
        row = rows.get(_key(f))
        if row is None:
            row = rows[_key(f)] = ActionRow(str(f.severity), locator(f), f.remediation or "")
        if Severity(f.severity).rank > Severity(row.severity).rank:
            row.severity = str(f.severity)
        if f.level == "deny":
            row.level = "deny"
        elif not row.clauses:
            row.level = str(f.level)
        for items, value in (
            (row.clauses, f.clause),
            (row.checks, f.check),
            (row.messages, f.msg),
            (row.targets, f.target),
        ):
            if value not in items:
                items.append(value)
        row.fingerprints.append(f.fingerprint)
        seen = first_seen.get(f.fingerprint, evaluated_at)
        row.first_seen = min(row.first_seen or seen, seen)
        ev = evidence_for(f)
        if ev is not None and ev not in row.evidence:
            row.evidence.append(ev)
    now = _date(evaluated_at)
    for row in rows.values():
        row.clauses.sort()
        _assign(row, owners, due_days, now)
    return sorted(rows.values(), key=lambda r: (-Severity(r.severity).rank, r.clauses[0], r.targets[0]))


def _assign(
    row: ActionRow, owners: dict[str, tuple[str, str]], due_days: dict[str, int], now: datetime | None
) -> None:
    owner, agreed = next((owners[c] for c in row.clauses if c in owners), ("", ""))
    row.owner = owner or "unassigned"
    start = _date(row.first_seen)
    if agreed:
        row.due = agreed[:10]
    elif start is not None and row.severity in due_days:
        row.due = (start + timedelta(days=int(due_days[row.severity]))).date().isoformat()
    due = _date(row.due + "T23:59:59Z") if row.due else None
    row.overdue = bool(due and now and due < now)


def first_seen_index(index: Any, before_run: str) -> dict[str, str]:
    """fingerprint -> evaluated_at of the earliest recorded run (before this one) that had it."""
    out: dict[str, str] = {}
    for run in index.runs(limit=FIRST_SEEN_RUNS, before=before_run):
        for fp in index.snapshot(run.run_id).findings:
            out.setdefault(fp, run.evaluated_at)
    return out
