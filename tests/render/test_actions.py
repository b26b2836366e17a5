"""Findings as work: root causes across clauses, owners, first-seen from the run index, due dates."""

from __future__ import annotations

from pathlib import Path

from auditor.models import Finding, Severity
from auditor.render.actions import action_rows, first_seen_index, register_owners
from auditor.render.synthetic import synthetic_results
from auditor.store.history import RunIndex

DUE = {"critical": 7, "high": 30, "medium": 90, "low": 180}


def _f(clause: str, check: str, target: str, loc: str, sev: str = "high", msg: str = "m") -> Finding:
    return Finding(
        clause=clause,
        check=check,
        target=target,
        msg=msg,
        details={"locator": loc},
        severity=Severity(sev),
        rule="dpp.x",
        fingerprint=f"{clause}|{check}|{target}|{loc}",
    )


def test_one_setting_breaking_several_clauses_is_one_row_sorted_by_severity() -> None:
    findings = [
        _f("NET-5", "NET-5.b", "web1", "sshd:permitrootlogin", "high"),
        _f("GEN-4", "GEN-4", "web1", "sshd:permitrootlogin", "critical"),
        _f("GEN-4", "GEN-4", "web2", "sshd:permitrootlogin", "critical"),
        _f("LOG-1", "LOG-1.a", "web1", "auditd:installed", "medium"),
        _f("ACC-4", "ACC-4.a", "web1", "account:x", "critical"),
    ]
    rows = action_rows(
        findings,
        evaluated_at="2026-11-27T10:00:00Z",
        first_seen={"GEN-4|GEN-4|web2|sshd:permitrootlogin": "2026-11-01T10:00:00Z"},
        owners=register_owners([{"clause_id": "NET-5", "owner_person_id": "P-003", "status": "open"}]),
        due_days=DUE,
        evidence_for=lambda f: None,
    )
    assert [r.locator for r in rows] == ["account:x", "sshd:permitrootlogin", "auditd:installed"]
    root = rows[1]
    assert root.clauses == ["GEN-4", "NET-5"] and root.targets == ["web1", "web2"]
    assert root.severity == "critical" and len(root.fingerprints) == 3
    assert root.owner == "P-003" and rows[0].owner == "unassigned"
    assert root.first_seen == "2026-11-01T10:00:00Z"
    assert root.due == "2026-11-08" and root.overdue  # critical: 7 days from first seen
    assert rows[2].due == "2027-02-25" and not rows[2].overdue  # medium: 90 days from this run


def test_agreed_due_date_from_the_register_wins_and_closed_entries_are_ignored() -> None:
    owners = register_owners(
        [
            {
                "clause_id": "LOG-1",
                "owner_person_id": "P-009",
                "status": "closed",
                "agreed_due_date": "2026-01-01",
            },
            {
                "clause_id": "LOG-1",
                "owner_person_id": "P-004",
                "status": "open",
                "agreed_due_date": "2027-03-01",
            },
        ]
    )
    (row,) = action_rows(
        [_f("LOG-1", "LOG-1.a", "web1", "auditd:installed", "medium")],
        evaluated_at="2026-11-27T10:00:00Z",
        first_seen={},
        owners=owners,
        due_days=DUE,
        evidence_for=lambda f: None,
    )
    assert (row.owner, row.due) == ("P-004", "2027-03-01")


def test_first_seen_comes_from_the_earliest_recorded_run(tmp_path: Path) -> None:
    index = RunIndex(str(tmp_path / "history.sqlite"))
    try:
        old = synthetic_results(2)
        old.meta.run_id, old.meta.evaluated_at = "20261101T100000Z-a", "2026-11-01T10:00:00Z"
        new = synthetic_results(2)
        new.meta.run_id, new.meta.evaluated_at = "20261115T100000Z-b", "2026-11-15T10:00:00Z"
        index.record(old)
        index.record(new)
        seen = first_seen_index(index, "20261127T100000Z-c")
        fps = {f.fingerprint for c in old.clauses for f in c.findings}
        assert fps and all(seen[fp] == "2026-11-01T10:00:00Z" for fp in fps)
        assert first_seen_index(index, "20261101T100000Z-a") == {}
    finally:
        index.close()
