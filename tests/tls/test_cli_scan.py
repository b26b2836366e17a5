"""Acceptance: `dpp-auditor scan -t https://localhost:PORT --ca-bundle CA.pem` gives TLS-1 and
TLS-3 pass on a good server, and TLS-1 fail on a TLS 1.0 server (the config only sets the
plain-HTTP port of the lab)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.tls.conftest import Lab


def _scan(lab: Lab, tmp_path: Path, case: str) -> dict[str, dict[str, Any]]:
    config = tmp_path / f"{case}.yaml"
    config.write_text(f"tls:\n  http_port: {lab.redirect_http_port}\n")
    out = tmp_path / f"runs-{case}"
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", "-c", str(config),
         "-t", f"https://localhost:{lab.ports[case]}", "--ca-bundle", str(lab.ca_file),
         "-o", str(out), "-f", "json"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode in (0, 1, 3), proc.stderr[-2000:]
    results = json.loads(next(out.glob("*/results.json")).read_text())
    return {c["id"]: c for c in results["clauses"]}


def test_scan_good_server_with_ca_bundle(lab: Lab, tmp_path: Path) -> None:
    clauses = _scan(lab, tmp_path, "good")
    statuses = {cid: clauses[cid]["status"] for cid in ("TLS-1", "TLS-2", "TLS-3", "TLS-4", "TLS-5", "NET-6")}
    assert statuses == {"TLS-1": "pass", "TLS-2": "pass", "TLS-3": "pass", "TLS-4": "pass",
                        "TLS-5": "not_applicable", "NET-6": "pass"}


def test_scan_tls1_0_server_fails_tls1(lab: Lab, tmp_path: Path) -> None:
    clauses = _scan(lab, tmp_path, "tls1_0")
    assert clauses["TLS-1"]["status"] == "fail"
    (finding,) = clauses["TLS-1"]["findings"]
    assert finding["target"] == f"https://localhost:{lab.ports['tls1_0']}"
    assert "TLS 1.0" in finding["msg"]
