from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from auditor.commands.seal import command as seal_cmd
from auditor.commands.verify import command as verify_cmd
from auditor.errors import StoreError
from auditor.fsutil import atomic_write_text, canonical_json
from auditor.render.base import write_reports
from auditor.render.synthetic import synthetic_context
from auditor.store.manifest import MANIFEST, verify, write_manifest


def _run(store: Path, run_id: str) -> Path:
    run_dir = store / run_id
    ctx = synthetic_context(run_dir, n_hosts=2)
    atomic_write_text(run_dir / "results.json", canonical_json(ctx.results.to_json_dict()))
    write_reports(ctx, ["md", "sarif"], run_dir)
    return run_dir


def _keys(tmp_path: Path, name: str = "key") -> tuple[Path, Path]:
    key = Ed25519PrivateKey.generate()
    priv, pub = tmp_path / f"{name}.pem", tmp_path / f"{name}.pub.pem"
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


def _seal(run_dir: Path, key: Path | None = None) -> None:
    write_manifest(run_dir, run_id=run_dir.name, created_at="2026-11-27T10:00:00Z", key_file=key)


def test_untouched_run_verifies(tmp_path: Path) -> None:
    run_dir = _run(tmp_path / "runs", "20261127T100000Z-aaaaaa")
    _seal(run_dir)
    problems, notes = verify(run_dir)
    assert problems == []
    assert "chain: first run of the chain" in notes
    doc = json.loads((run_dir / MANIFEST).read_text())
    assert "results.json" in doc["files"] and "report.sarif" in doc["files"]
    assert any(k.startswith("evidence/") for k in doc["files"])
    with pytest.raises(StoreError, match="already sealed"):
        _seal(run_dir)


def test_modified_removed_added_files_are_reported(tmp_path: Path) -> None:
    run_dir = _run(tmp_path / "runs", "20261127T100000Z-aaaaaa")
    _seal(run_dir)
    evidence = sorted((run_dir / "evidence").rglob("*.json"))
    text = evidence[0].read_text()
    evidence[0].write_text(text.replace('"collected"', '"collected" '))
    os.chmod(evidence[0], 0o600)
    evidence[1].unlink()
    extra = run_dir / "evidence" / "host.sshd" / "intruder.json"
    extra.write_text("{}")
    os.chmod(extra, 0o600)
    problems, _ = verify(run_dir)
    rel = lambda p: p.relative_to(run_dir).as_posix()  # noqa: E731
    assert f"modified: {rel(evidence[0])}" in problems
    assert f"removed: {rel(evidence[1])}" in problems
    assert f"added: {rel(extra)}" in problems
    assert len(problems) == 3


def test_world_readable_evidence_is_a_problem(tmp_path: Path) -> None:
    run_dir = _run(tmp_path / "runs", "20261127T100000Z-aaaaaa")
    _seal(run_dir)
    first = sorted((run_dir / "evidence").rglob("*.json"))[0]
    os.chmod(first, 0o644)
    problems, _ = verify(run_dir)
    assert problems == [
        f"permissions: {first.relative_to(run_dir).as_posix()} is readable by group or others"
    ]


def test_signature_valid_tampered_and_pinned(tmp_path: Path) -> None:
    priv, pub = _keys(tmp_path)
    _, other_pub = _keys(tmp_path, "other")
    run_dir = _run(tmp_path / "runs", "20261127T100000Z-aaaaaa")
    _seal(run_dir, priv)
    assert verify(run_dir, public_key=pub)[0] == []
    assert verify(run_dir, public_key=other_pub)[0][0].startswith("signature: made by key")
    # an attacker edits a file and rewrites its hash in the manifest: the signature catches it
    target = next(iter(sorted((run_dir / "evidence").rglob("*.json"))))
    target.write_text("{}")
    os.chmod(target, 0o600)
    doc = json.loads((run_dir / MANIFEST).read_text())
    import hashlib

    doc["files"][target.relative_to(run_dir).as_posix()] = hashlib.sha256(b"{}").hexdigest()
    (run_dir / MANIFEST).write_text(canonical_json(doc))
    problems, _ = verify(run_dir)
    assert problems == [
        "signature: invalid (the manifest was changed after signing, or the signature is corrupt)"
    ]


def test_unsigned_run_fails_when_a_key_is_pinned(tmp_path: Path) -> None:
    _, pub = _keys(tmp_path)
    run_dir = _run(tmp_path / "runs", "20261127T100000Z-aaaaaa")
    _seal(run_dir)
    assert verify(run_dir, public_key=pub)[0] == ["signature: missing, but a public key is pinned"]


def test_chain_links_and_breaks(tmp_path: Path) -> None:
    store = tmp_path / "runs"
    first = _run(store, "20261127T100000Z-aaaaaa")
    _seal(first)
    second = _run(store, "20261128T100000Z-bbbbbb")
    _seal(second)
    problems, notes = verify(second)
    assert problems == [] and "chain: linked to 20261127T100000Z-aaaaaa" in notes
    # rewriting the older run (even re-sealing it consistently) breaks the later link
    (first / MANIFEST).unlink()
    (first / "report.md").write_text("a nicer story\n")
    _seal(first)
    assert verify(first)[0] == []
    assert verify(second)[0] == [
        "chain: broken: the manifest of previous run 20261127T100000Z-aaaaaa changed after this run"
    ]


def test_pruned_predecessor_is_noted_not_failed(tmp_path: Path) -> None:
    store = tmp_path / "runs"
    first = _run(store, "20261127T100000Z-aaaaaa")
    _seal(first)
    second = _run(store, "20261128T100000Z-bbbbbb")
    _seal(second)
    import shutil

    shutil.rmtree(first)
    problems, notes = verify(second)
    assert problems == [] and any("not in the store" in n for n in notes)


def test_cli_seal_with_config_key_and_verify(tmp_path: Path) -> None:
    priv, pub = _keys(tmp_path)
    config = tmp_path / "dpp-auditor.yaml"
    config.write_text(f"version: 1\nsigning:\n  key_file: {priv.name}\n  public_key_file: {pub.name}\n")
    run_dir = _run(tmp_path / "runs", "20261127T100000Z-aaaaaa")
    runner = CliRunner()
    sealed = runner.invoke(seal_cmd, [str(run_dir), "-c", str(config)])
    assert sealed.exit_code == 0, sealed.output
    ok = runner.invoke(verify_cmd, [str(run_dir), "-c", str(config)])
    assert ok.exit_code == 0, ok.output
    assert "(not pinned)" not in ok.output and f"{run_dir}: ok" in ok.output
    (run_dir / "report.md").write_text("changed\n")
    bad = runner.invoke(verify_cmd, [str(run_dir)])
    assert bad.exit_code == 1 and f"{run_dir}: modified: report.md" in bad.output


def test_finalize_records_history_and_seals(tmp_path: Path) -> None:
    from auditor.models import Results
    from auditor.store.finalize import finalize_run
    from auditor.store.history import RunIndex

    priv, pub = _keys(tmp_path)
    store = tmp_path / "runs"
    run_dir = _run(store, "20261127T100000Z-aaaaaa")
    results = Results.model_validate_json((run_dir / "results.json").read_text())
    manifest = finalize_run(run_dir, results, {"signing": {"key_file": str(priv)}}, store)
    assert manifest == run_dir / MANIFEST
    assert verify(run_dir, public_key=pub)[0] == []
    index = RunIndex(str(store / "history.sqlite"))
    assert [r.run_id for r in index.runs()] == [results.meta.run_id]
    index.close()
