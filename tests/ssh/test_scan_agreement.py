"""Acceptance: scanning this machine over SSH and locally gives the same status for every clause.

gamma (tests/ssh/conftest.py) is an sshd on loopback serving this very machine, so both scans
look at the same files, commands and sockets through different transports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.ssh.conftest import Fleet


def _scan(tmp_path: Path, name: str, *args: str) -> dict[str, str]:
    logs = tmp_path / "logs"
    logs.mkdir(exist_ok=True)
    (logs / "app.log").write_text("service started\nhealth ok\n")
    config = tmp_path / "dpp-auditor.yaml"
    config.write_text(f"version: 1\nlogs:\n  roots: [{logs}]\n  file_roots: []\n  journald: false\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "scan",
            "-c",
            str(config),
            "-o",
            str(tmp_path / name),
            "-f",
            "json",
            "--at",
            "2026-11-27T10:00:00Z",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    run_dir = Path(proc.stdout.strip().splitlines()[-1])
    results = json.loads((run_dir / "results.json").read_text())
    return {c["id"]: c["status"] for c in results["clauses"]}


def test_ssh_and_local_scans_agree_on_every_clause(fleet: Fleet, tmp_path: Path) -> None:
    local = _scan(tmp_path, "local", "-t", "local")
    over_ssh = _scan(
        tmp_path,
        "ssh",
        "-t",
        f"ssh://root@127.0.0.1:{fleet.gamma.port}",
        "--identity",
        str(fleet.lab.client_key),
        "--known-hosts",
        str(fleet.lab.known_hosts),
    )
    differing = {c: (local[c], over_ssh[c]) for c in local if local[c] != over_ssh[c]}
    assert differing == {}
    assert local["NET-1"] == "fail" and local["GEN-4"] == "fail"
