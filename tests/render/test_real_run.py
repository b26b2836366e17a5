"""The report of a real scan of this machine with `make scan`'s configuration: every verdict
traced, the machine named, the limits stated."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dpp-auditor.yaml"  # what `make scan` audits


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("runs")
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", "-c", str(EXAMPLE), "-o", str(out), "-f", "json,html"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr  # 1: findings, which this machine has
    return Path(proc.stdout.strip().splitlines()[-1])


def _row(html: str, clause: str) -> str:
    start = html.index(f'id="clause-{clause}"')
    return html[start : html.index("</article>", start)]


def test_every_passing_automated_clause_shows_evidence_hash_and_value(run_dir: Path) -> None:
    html = (run_dir / "report.html").read_text()
    results = json.loads((run_dir / "results.json").read_text())
    sha = {
        p.relative_to(run_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (run_dir / "evidence").glob("*/*.json")
    }
    passing = [c for c in results["clauses"] if c["status"] == "pass" and c["automation"] == "automated"]
    assert passing
    for c in passing:
        row = _row(html, c["id"])
        shown = [p for p in sha if p in row]
        assert shown, c["id"]
        assert all(f"sha256 {sha[p][:12]}" in row for p in shown), c["id"]
        assert "Seen:" in row, c["id"]


def test_this_machine_is_named_and_every_unassessed_clause_is_a_limitation(run_dir: Path) -> None:
    html = (run_dir / "report.html").read_text()
    front = html[: html.index('id="summary"')]
    assert socket.gethostname() in front
    pretty = next(
        line.split("=", 1)[1].strip().strip('"')
        for line in Path("/etc/os-release").read_text().splitlines()
        if line.startswith("PRETTY_NAME=")
    )
    assert pretty in front
    limits = html[html.index('id="limitations"') :]
    limits = limits[: limits.index("</table>")]
    results = json.loads((run_dir / "results.json").read_text())
    for c in results["clauses"]:
        if c["status"] in ("not_applicable", "error"):
            assert f'href="#clause-{c["id"]}"' in limits, c["id"]
