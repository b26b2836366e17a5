"""The gate checks what it gates: a complete catalogue, and a seal that verifies.

The run is a real scan of the register targets only (no host collection), sealed by scan.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.broken_inputs import run_cli

_VERIFY = [sys.executable, "-m", "auditor", "verify"]


@pytest.fixture(scope="module")
def sealed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("sealed")
    cfg = work / "dpp-auditor.yaml"
    cfg.write_text("version: 1\ntargets: []\n")
    rc, _, out, _ = run_cli(["scan", "-c", str(cfg), "-o", str(work / "runs"), "-f", "json"], work, {}, 300)
    assert rc == 0, out
    run = (work / "runs" / "latest").resolve()
    assert (run / "manifest.json").is_file()
    return run


@pytest.fixture
def run_copy(sealed_run: Path, tmp_path: Path) -> Path:
    copy = tmp_path / sealed_run.name
    shutil.copytree(sealed_run, copy, symlinks=True)
    return copy


def _gate(results: Path, cwd: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int | None, str]:
    argv = ["gate", "--fail-on", "low", "--results", str(results), *extra]
    rc, _, out, _ = run_cli(argv, cwd, env or {}, 120)
    return rc, out


def _forge_all_pass(run: Path) -> None:
    doc = json.loads((run / "results.json").read_text())
    for clause in doc["clauses"]:
        clause["status"], clause["findings"] = "pass", []
    (run / "results.json").write_text(json.dumps(doc))


def test_an_intact_sealed_run_gates_on_its_findings(sealed_run: Path, tmp_path: Path) -> None:
    doc = json.loads((sealed_run / "results.json").read_text())
    failing = any(c["status"] == "fail" for c in doc["clauses"])
    rc, out = _gate(sealed_run, tmp_path)
    assert rc == (1 if failing else 0), out
    assert "does not verify" not in out


def test_empty_clause_list_is_not_a_complete_run(sealed_run: Path, tmp_path: Path) -> None:
    doc = json.loads((sealed_run / "results.json").read_text())
    doc["clauses"] = []
    path = tmp_path / "results.json"
    path.write_text(json.dumps(doc))
    rc, out = _gate(path, tmp_path)
    assert rc == 2, out
    assert f"{path}: results cover 0 of 93 catalogue clauses" in out
    bare = tmp_path / "bare.json"
    bare.write_text('{"clauses": []}')
    rc, out = _gate(bare, tmp_path)
    assert rc == 2 and str(bare) in out


def test_forged_results_in_a_sealed_run_are_refused(run_copy: Path, tmp_path: Path) -> None:
    _forge_all_pass(run_copy)
    rc, out = _gate(run_copy, tmp_path)
    assert rc == 2, out
    assert f"{run_copy / 'results.json'}: the sealed run does not verify: modified: results.json" in out


def test_a_symlink_into_a_sealed_run_is_refused(run_copy: Path, tmp_path: Path) -> None:
    (run_copy / "evidence" / "etc").symlink_to("/etc")
    rc, out = _gate(run_copy, tmp_path)
    assert rc == 2 and "symlink: evidence/etc -> /etc" in out, out


def test_evaluate_refuses_tampered_evidence_unless_told(run_copy: Path, tmp_path: Path) -> None:
    envelope = next((run_copy / "evidence").glob("*/*.json"))
    envelope.write_text(envelope.read_text() + " ")
    rc, _, out, _ = run_cli(["evaluate", str(run_copy / "evidence")], tmp_path, {}, 120)
    assert rc == 2, out
    assert f"{envelope}: the sealed run does not verify: modified: evidence/" in out
    rc, _, out, _ = run_cli(["evaluate", str(run_copy / "evidence"), "--unsealed"], tmp_path, {}, 120)
    assert rc == 0, out
    assert not (run_copy / "manifest.json").exists()  # no gate takes the new results as sealed
    assert (run_copy / "manifest.unsealed.json").is_file()
    rc, out = _gate(run_copy, tmp_path)
    assert "is not sealed" in out


def test_evaluate_of_an_intact_sealed_run_keeps_the_seal_when_nothing_changed(
    run_copy: Path, tmp_path: Path
) -> None:
    at = json.loads((run_copy / "results.json").read_text())["meta"]["evaluated_at"]
    rc, _, out, _ = run_cli(["evaluate", str(run_copy), "--at", at], tmp_path, {}, 120)
    assert rc == 0, out
    assert (run_copy / "manifest.json").is_file(), out  # byte-identical results: still sealed
    rc, _, out, _ = run_cli(["evaluate", str(run_copy), "--at", "2030-01-01T00:00:00Z"], tmp_path, {}, 120)
    assert rc == 0 and "now unsealed" in out, out


def test_unwritable_outputs_warn_and_keep_the_verdict(sealed_run: Path, tmp_path: Path) -> None:
    expected, _ = _gate(sealed_run, tmp_path)
    fifo = tmp_path / "summary.fifo"
    os.mkfifo(fifo)
    rc, out = _gate(
        sealed_run,
        tmp_path,
        "--junit",
        str(tmp_path),
        "--sarif",
        "/nonexistent-dpp-test/x.sarif",
        env={"GITHUB_STEP_SUMMARY": str(fifo)},
    )
    assert rc == expected, out
    assert not Path("/nonexistent-dpp-test").exists()
    assert f"{tmp_path}: --junit file is a directory" in out
    assert "folder /nonexistent-dpp-test does not exist" in out
    assert f"{fifo}: GITHUB_STEP_SUMMARY is not a regular file" in out or str(fifo) in out


def test_verify_rejects_symlinks_and_speaks_on_one_stream(run_copy: Path, tmp_path: Path) -> None:
    ok = subprocess.run([*_VERIFY, str(run_copy)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stderr == "" and ok.stdout.rstrip().endswith(": ok"), ok
    (run_copy / "evidence" / "etc").symlink_to("/etc")
    os.mkfifo(run_copy / "pipe")
    bad = subprocess.run([*_VERIFY, str(run_copy)], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stderr == "", bad
    assert "symlink: evidence/etc -> /etc" in bad.stdout
    assert "special file: pipe (a FIFO)" in bad.stdout
    (run_copy / "manifest.json").unlink()
    none = subprocess.run([*_VERIFY, str(run_copy)], capture_output=True, text=True, timeout=120)
    assert none.returncode == 2 and "no manifest.json; the run was never sealed" in none.stderr
