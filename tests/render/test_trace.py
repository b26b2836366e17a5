"""What a verdict rests on: the evidence file a finding points at, the values a pass shows."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.catalogue import load_catalogue
from auditor.render.base import evidence_index
from auditor.render.trace import build_trace_index, clause_evidence, clause_fields, finding_evidence


def _envelope(run_dir: Path, collector: str, target: str, data: dict, when: str) -> None:
    path = run_dir / "evidence" / collector / f"{target}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "schema": "dpp-auditor/evidence@1",
        "collector": collector,
        "target": {"id": target, "kind": "host", "address": target, "options": {}},
        "status": "collected",
        "collected_at": when,
        "duration_s": 0.1,
        "provenance": {"commands": [], "files": [], "transport": "local"},
        "data": data,
    }
    path.write_text(json.dumps(doc))


def _run(tmp_path: Path) -> Path:
    _envelope(
        tmp_path,
        "host.accounts",
        "h1",
        {"hostname": "h1", "users": [{"name": "Jane Doe"}, {"name": "sshd"}]},
        "T1",
    )
    _envelope(
        tmp_path, "host.sshd", "h1", {"effective": {"permitrootlogin": "no"}, "method": "sshd -T"}, "T2"
    )
    _envelope(tmp_path, "host.logfiles", "h1", {"log_files": [{"path": "/var/log/nginx/error.log"}]}, "T3")
    return tmp_path


def test_a_locator_points_at_the_collector_that_holds_the_data(tmp_path: Path) -> None:
    run_dir = _run(tmp_path)
    by_key = {(e.collector, e.target): e for e in evidence_index(run_dir)}
    # host.accounts is listed first, as in GEN-4 and NET-5: the sshd locator must still win
    sshd = finding_evidence("sshd:permitrootlogin", ["host.accounts", "host.sshd"], "h1", by_key, run_dir)
    assert sshd is not None and sshd.path == "evidence/host.sshd/h1.json"
    log = finding_evidence(
        "file:/var/log/nginx/error.log", ["host.accounts", "host.logfiles"], "h1", by_key, run_dir
    )
    assert log is not None and log.path == "evidence/host.logfiles/h1.json"
    # host.accounts lists a user called sshd: the locator part still names the collector
    root = finding_evidence("root:sshd", ["host.accounts", "host.sshd"], "h1", by_key, run_dir)
    assert root is not None and root.collector == "host.sshd"
    fallback = finding_evidence("nothing:here", ["host.accounts", "host.sshd"], "h1", by_key, run_dir)
    assert fallback is not None and fallback.collector == "host.accounts"
    assert finding_evidence("sshd:x", ["host.sshd"], "other", by_key, run_dir) is None


def test_a_pass_shows_its_files_hashes_and_the_criterion_values(tmp_path: Path) -> None:
    cat = load_catalogue()
    ret3 = cat.clause("RET-3")
    assert "offending_rows" in clause_fields(ret3)
    _envelope(
        tmp_path,
        "database.retention",
        "db",
        {"retention_checks": [{"offending_rows": 0, "threshold_days": 30, "table": "orders"}] * 2},
        "2026-11-27T10:00:00Z",
    )
    evidence = evidence_index(tmp_path)
    index = build_trace_index(cat, evidence, tmp_path)
    (ref,) = clause_evidence(ret3, ["database.retention"], ["db"], evidence, index)
    assert ref.sha256 == evidence[0].sha256 and ref.collected_at == "2026-11-27T10:00:00Z"
    seen = dict(ref.seen)
    assert seen["offending_rows"] == "0 (2 occurrences)"
    assert seen["threshold_days"].startswith("30")


def test_values_that_could_be_personal_are_never_shown(tmp_path: Path) -> None:
    cat = load_catalogue()
    _envelope(
        tmp_path, "access.list", "acc", {"persons": [{"person_id": "P-001", "hr_leave_datetime": "x y"}]}, "T"
    )
    evidence = evidence_index(tmp_path)
    index = build_trace_index(cat, evidence, tmp_path)
    texts = " ".join(s.text for f in index.fields.values() for s in f.values())
    assert "P-001" not in texts and "Jane" not in texts


def test_a_file_whose_fields_the_criterion_does_not_name_shows_its_own_facts(tmp_path: Path) -> None:
    cat = load_catalogue()
    tls7 = cat.clause("TLS-7")
    data = {
        "files_scanned": 0,
        "findings": [],
        "root": "/home/jane/shop",
        "source": "directory",
        "truncated": False,
    }
    _envelope(tmp_path, "code.transport", "repo", data, "T")
    evidence = evidence_index(tmp_path)
    (ref,) = clause_evidence(
        tls7, ["code.transport"], ["repo"], evidence, build_trace_index(cat, evidence, tmp_path)
    )
    seen = dict(ref.seen)
    assert seen == {"files_scanned": "0", "findings": "0 items", "source": "directory", "truncated": "false"}
