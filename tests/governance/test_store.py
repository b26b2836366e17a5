"""AUD-1: the run store's retention report, gaps, and refusal to delete runs early."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.errors import StoreError
from auditor.models import TargetKind, rfc3339
from auditor.store.retention import StoreRunsCollector, StoreSettings, prune, store_report
from tests.governance.helpers import collect, envelope, evaluate_clauses, singleton

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def _run(store: Path, when: datetime) -> str:
    run_id = when.strftime("%Y%m%dT%H%M%SZ") + "-abcdef"
    (store / run_id / "evidence").mkdir(parents=True)
    (store / run_id / "results.json").write_text(json.dumps({"meta": {"evaluated_at": rfc3339(when)}}))
    return run_id


def test_report_gaps_and_oldest(tmp_path: Path) -> None:
    for days in (40, 33, 26, 5):  # 26 -> 5 is a 21-day gap > 2 x 7
        _run(tmp_path, NOW - timedelta(days=days))
    (tmp_path / "latest").symlink_to(tmp_path / sorted(p.name for p in tmp_path.iterdir())[-1])
    report = store_report(tmp_path, StoreSettings(), NOW)
    assert report["runs_held"] == 4
    assert report["oldest_run_at"] == rfc3339(NOW - timedelta(days=40))
    assert [g["days"] for g in report["gaps"]] == [21]
    assert report["retention_days"] == 365 and report["min_retention_until"] is None


def test_aud1_fails_on_a_gap_and_warns_without_worm(tmp_path: Path) -> None:
    store = tmp_path / "runs"
    _run(store, NOW - timedelta(days=30))
    target = singleton(TargetKind.store)
    data, _ = collect(StoreRunsCollector, target, {"store": {"dir": str(store)}})
    results = evaluate_clauses(tmp_path, [envelope("store.runs", target, data)], [target], rfc3339(NOW))
    assert results["AUD-1"].status == "fail"
    assert {f.check for f in results["AUD-1"].findings} == {"AUD-1.b", "AUD-1.c"}

    _run(store, NOW - timedelta(days=20))
    _run(store, NOW - timedelta(days=8))
    data, _ = collect(
        StoreRunsCollector, target, {"store": {"dir": str(store), "retention_mode": "compliance"}}
    )
    results = evaluate_clauses(tmp_path, [envelope("store.runs", target, data)], [target], rfc3339(NOW))
    assert results["AUD-1"].status == "pass"


def test_prune_refused_before_retention_ends(tmp_path: Path) -> None:
    run_id = _run(tmp_path, NOW - timedelta(days=500))
    with pytest.raises(StoreError, match="agreement is active"):
        prune(tmp_path, StoreSettings(), [run_id], NOW)
    ended = StoreSettings(agreement_end="2026-06-30")
    with pytest.raises(StoreError, match="retention runs until 2027-06-30T00:00:00Z"):
        prune(tmp_path, ended, [run_id], NOW)
    assert (tmp_path / run_id).is_dir()
    assert prune(tmp_path, ended, [run_id], datetime(2027, 7, 1, tzinfo=UTC)) == [run_id]
    assert not (tmp_path / run_id).exists()


def test_cli_runs_prune_refuses_with_a_clear_error(tmp_path: Path) -> None:
    run_id = _run(tmp_path, NOW - timedelta(days=3))
    cli = [sys.executable, "-m", "auditor", "runs"]
    refused = subprocess.run(
        [*cli, "prune", "--dir", str(tmp_path), run_id],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2
    assert "refusing to delete 1 run(s)" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (tmp_path / run_id).is_dir()
    listed = subprocess.run(
        [*cli, "list", "--dir", str(tmp_path)], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(listed.stdout)["runs_held"] == 1


def _key(tmp: Path) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    priv, pub = tmp / "signing.pem", tmp / "signing.pub.pem"
    priv.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    pub.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return priv, pub


def test_aud5_sealed_signed_runs_pass_and_tampering_or_pii_fail(tmp_path: Path) -> None:
    from auditor.store.manifest import write_manifest

    store = tmp_path / "runs"
    priv, pub = _key(tmp_path)
    ids = [_run(store, NOW - timedelta(days=d)) for d in (14, 7)]
    for rid in ids:
        ev = store / rid / "evidence" / "host.sshd" / "local.json"
        ev.parent.mkdir(parents=True)
        ev.write_text('{"data": {"permit_root_login": "no"}}')
        ev.chmod(0o600)
        write_manifest(store / rid, run_id=rid, created_at=rfc3339(NOW), key_file=priv)
    target = singleton(TargetKind.store)
    settings = {"store": {"dir": str(store)}, "signing": {"public_key_file": str(pub)}}

    def aud5() -> object:
        data, _ = collect(StoreRunsCollector, target, settings)
        return evaluate_clauses(tmp_path, [envelope("store.runs", target, data)], [target], rfc3339(NOW))[
            "AUD-5"
        ]

    assert aud5().status == "pass"  # type: ignore[attr-defined]
    (store / ids[0] / "results.json").write_text("{}")
    leaked = store / ids[1] / "evidence" / "host.sshd" / "local.json"
    leaked.write_text('{"data": {"banner": "contact jane.doe@example.org"}}')
    result = aud5()
    checks = sorted({(f.check, f.details.get("locator")) for f in result.findings})  # type: ignore[attr-defined]
    assert ("AUD-5.b", ids[0]) in checks and ("AUD-5.d", f"{ids[1]} email") in checks
    assert "jane.doe" not in json.dumps([f.model_dump() for f in result.findings])  # type: ignore[attr-defined]
