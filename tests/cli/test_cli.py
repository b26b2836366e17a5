"""End-to-end through the installed console script: real collection of this machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from auditor.resources import reports_dir

EXE = [sys.executable, "-m", "auditor"]


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EXE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("runs")
    proc = run("scan", "-t", "local", "-o", str(out), "-f", "json,html", "--at", "2026-11-27T10:00:00Z")
    assert proc.returncode == 0, proc.stderr
    run_dir = Path(proc.stdout.strip().splitlines()[-1])
    assert run_dir.parent == out
    return run_dir


def test_scan_writes_run_dir_with_every_clause(scanned: Path) -> None:
    results = json.loads((scanned / "results.json").read_text())
    assert len(results["clauses"]) == 93
    schema = json.loads((reports_dir() / "schema" / "results.schema.json").read_text())
    jsonschema.validate(results, schema)
    assert (scanned / "input.json").is_file()
    assert (scanned / "report.html").is_file()
    assert (scanned.parent / "latest").resolve() == scanned.resolve()
    assert oct(scanned.stat().st_mode & 0o777) == "0o700"


def test_evidence_envelopes_validate_and_are_private(scanned: Path) -> None:
    schema = json.loads((reports_dir() / "schema" / "evidence.schema.json").read_text())
    files = sorted((scanned / "evidence").glob("*/*.json"))
    assert files
    for path in files:
        jsonschema.validate(json.loads(path.read_text()), schema)
        assert path.stat().st_mode & 0o077 == 0, path


def test_host_clauses_are_decided_on_this_machine(scanned: Path) -> None:
    status = {c["id"]: c["status"] for c in json.loads((scanned / "results.json").read_text())["clauses"]}
    for clause in ("NET-1", "GEN-4", "NET-3", "LPP-2"):
        assert status[clause] in ("pass", "fail"), (clause, status[clause])
    assert status["NET-1"] == "fail"  # this machine runs no host firewall


def test_evaluate_is_deterministic(scanned: Path, tmp_path: Path) -> None:
    first = run("evaluate", str(scanned / "evidence"), "--at", "2026-11-27T12:00:00Z")
    assert first.returncode == 0, first.stderr
    one = (scanned / "results.json").read_bytes()
    second = run("evaluate", str(scanned / "evidence"), "--at", "2026-11-27T12:00:00Z")
    assert second.returncode == 0, second.stderr
    assert (scanned / "results.json").read_bytes() == one


def test_gate_exit_codes(scanned: Path) -> None:
    failing = run("gate", "--fail-on", "critical", "--results", str(scanned / "results.json"))
    assert failing.returncode == 1, failing.stderr
    results = json.loads((scanned / "results.json").read_text())
    for clause in results["clauses"]:
        if clause["status"] == "fail":
            clause["status"] = "pass"
            clause["findings"] = []
    clean = scanned.parent / "clean-results.json"
    clean.write_text(json.dumps(results))
    ok = run("gate", "--fail-on", "critical", "--results", str(clean))
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ("version: 1\ntargets: [local]\nbogus: 1\n", ":3: bogus: unknown key"),
        ("version: 1\ntargets: [local\n", "invalid YAML"),
    ],
)
def test_bad_config_is_one_line_and_exit_2(tmp_path: Path, config: str, needle: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(config)
    proc = run("scan", "-c", str(path), "-o", str(tmp_path / "runs"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and needle in lines[0]
    assert not (tmp_path / "runs").exists()


def test_broken_rego_is_one_line_and_exit_2(scanned: Path, tmp_path: Path) -> None:
    bad = tmp_path / "pol"
    bad.mkdir()
    (bad / "broken.rego").write_text(
        "package dpp.broken\n\nimport rego.v1\n\ndeny contains f if {\n  f := \n}\n"
    )
    proc = run("evaluate", str(scanned / "evidence"), "--policy-dir", str(bad))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.rego:" in lines[0]


def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    proc = run("scan", "-c", str(path), "-o", str(tmp_path / "runs"))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and str(path) in proc.stderr


def test_clauses_json_shape() -> None:
    proc = run("clauses", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["clauses"]
    assert len(rows) == 93
    assert set(rows[0]) == {"id", "section", "severity", "automation", "rules", "collectors"}
    assert any(r["rules"] for r in rows)


def test_help_has_examples() -> None:
    proc = run("scan", "--help")
    assert proc.returncode == 0
    assert "Examples:" in proc.stdout and "Exit codes" in proc.stdout


def test_init_writes_a_config_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "dpp-auditor.yaml"
    assert run("init", "-o", str(target)).returncode == 0
    again = run("init", "-o", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr
    proc = run("collect", "-c", str(target), "-o", str(tmp_path / "runs"))
    assert proc.returncode == 0, proc.stderr


def test_unsupported_target_gives_error_evidence(tmp_path: Path) -> None:
    proc = run("collect", "-t", "ssh://nobody@127.0.0.1:1", "-o", str(tmp_path / "runs"))
    assert proc.returncode == 0, proc.stderr
    run_dir = Path(proc.stdout.strip().splitlines()[-1])
    sshd = json.loads(next((run_dir / "evidence" / "host.sshd").glob("*.json")).read_text())
    assert sshd["status"] in ("error", "timeout")
    assert sshd["error"]["kind"] in ("connectivity", "unsupported", "timeout")


def test_embedded_and_opa_server_give_identical_results(scanned: Path, tmp_path: Path) -> None:
    """Same evidence, both engines: results.json equal except meta.engine, which names the engine.

    The OPA server is the loopback test harness (real OPA in-process behind OPA's REST API),
    because no `opa` binary can be installed on these machines.
    """
    import shutil

    from tests.harness.opa_rest_server import OpaRestServer

    results = {}
    for engine in ("embedded", "opa"):
        copy = tmp_path / engine
        shutil.copytree(scanned, copy, symlinks=True)
        args = ["evaluate", str(copy / "evidence"), "--at", "2026-11-27T12:00:00Z", "--engine", engine]
        if engine == "opa":
            with OpaRestServer() as server:
                proc = run(*args, "--opa-url", server.url)
        else:
            proc = run(*args)
        assert proc.returncode == 0, proc.stderr
        results[engine] = json.loads((copy / "results.json").read_text())
    assert results["embedded"]["meta"].pop("engine") == "embedded"
    assert results["opa"]["meta"].pop("engine") == "opa"
    assert results["embedded"] == results["opa"]
    assert any(c["findings"] for c in results["opa"]["clauses"])
