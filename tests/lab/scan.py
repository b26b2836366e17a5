"""Scan a lab host with the real CLI and compare host clauses across transports."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.collect.specs import load_specs

# What a mounted root filesystem cannot show (live sockets, block devices, pending updates,
# TLS endpoints): clauses resting on these are compared between live transports only.
RUNTIME_ONLY = frozenset({"host.listening", "host.blockdev", "host.packages"})


@dataclass
class Scan:
    statuses: dict[str, str]
    clauses: dict[str, dict[str, Any]]
    evidence: list[dict[str, Any]]

    def unit(self, collector: str) -> dict[str, Any]:
        (ev,) = [e for e in self.evidence if e["collector"] == collector]
        return ev

    def errors(self, kind: str) -> list[str]:
        return [f"{e['collector']}: {e['error']['message']}" for e in self.evidence
                if e.get("error") and e["error"].get("kind") == kind]


def scan(out: Path, target: str, *args: str, config: str | None = None) -> Scan:
    out.mkdir(parents=True, exist_ok=True)
    cfg = out / "dpp-auditor.yaml"
    cfg.write_text(config or "version: 1\nlogs:\n  roots: [/var/log]\n  file_roots: []\n  journald: false\n")
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", "-c", str(cfg), "-o", str(out / "runs"), "-f", "json",
         "--at", "2026-11-27T10:00:00Z", "-t", target, *args],
        capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    run_dir = Path(proc.stdout.strip().splitlines()[-1])
    results = json.loads((run_dir / "results.json").read_text())
    evidence = [json.loads(p.read_text()) for p in sorted((run_dir / "evidence").rglob("*.json"))]
    return Scan({c["id"]: c["status"] for c in results["clauses"]},
                {c["id"]: c for c in results["clauses"]}, evidence)


def host_clauses(scan: Scan, *, comparable_with_rootfs: bool) -> list[str]:
    """Clauses resting only on host.* collectors (minus the runtime-only ones for rootfs)."""
    specs = load_specs()
    out = []
    for cid, clause in scan.clauses.items():
        collectors = set(clause.get("collectors") or ())
        if not collectors or not all(c.startswith("host.") and c in specs for c in collectors):
            continue
        if comparable_with_rootfs and collectors & RUNTIME_ONLY:
            continue
        out.append(cid)
    return sorted(out)
