"""Synthetic runs for renderer tests and the report benchmark (no collection, no engine).

Every catalogue clause gets a status (cycled so that all statuses occur); automated clauses
that fail get findings on a share of the hosts; one host in fifty is unreachable.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from auditor.catalogue import Catalogue, load_catalogue
from auditor.collect.specs import CollectorSpec
from auditor.fsutil import atomic_write_json, safe_name
from auditor.models import (
    ClauseResult,
    ClauseStatus,
    Finding,
    RunMeta,
    Target,
    TargetKind,
)
from auditor.models import (
    Results as ResultsModel,
)
from auditor.render.base import RenderContext, evidence_index

EVALUATED_AT = "2026-11-27T10:00:00Z"
COLLECTORS = ("host.sshd", "host.accounts", "host.listening", "host.firewall")
_CYCLE = ("pass", "fail", "pass", "error", "warn", "pass", "not_applicable", "fail", "waived", "pass")


def fingerprint(clause: str, check: str, target: str, locator: str) -> str:
    """Same identity function as evaluate.fingerprint (kept local: no engine import)."""
    normalised = " ".join(locator.split()).lower()
    return hashlib.sha256("\x1f".join((clause, check, target, normalised)).encode()).hexdigest()[:32]


def synthetic_specs() -> dict[str, CollectorSpec]:
    specs = {}
    for cid in COLLECTORS:
        name = cid.split(".")[1]
        raw: dict[str, Any] = {"id": cid}
        specs[cid] = CollectorSpec(
            id=cid,
            description=f"Synthetic {name} collector for report tests.",
            implementation=f"auditor.collect.host.{name}:Collector",
            target_kinds=(TargetKind.host,),
            timeout_s=30,
            clauses=("NET-1", "GEN-4"),
            transports=("local", "ssh", "rootfs"),
            commands=(f"{name} --show",),
            files=(f"/etc/{name}.conf", "/etc/<script>.d/*.conf"),
            sudo_commands=(f"{name} --show",),
            platforms=("debian", "ubuntu"),
            parser=None,
            path=Path(f"collectors/{cid}.yaml"),
            raw=raw,
        )
    return specs


def _targets(n_hosts: int) -> list[Target]:
    hosts = [
        Target(
            id=f"ssh://audit@web{i:03d}.example.internal:22",
            kind=TargetKind.host,
            address=f"ssh://audit@web{i:03d}.example.internal:22",
        )
        for i in range(n_hosts)
    ]
    singles = [
        Target(id=k, kind=TargetKind(k), address=k) for k in ("access", "inventory", "documents", "store")
    ]
    return hosts + singles


def _status(i: int, automation: str) -> str:
    if automation == "manual":
        return "attested" if i % 3 == 0 else "manual"
    return _CYCLE[i % len(_CYCLE)]


def _findings(clause: Any, status: str, hosts: list[Target], i: int) -> list[Finding]:
    if status not in ("fail", "warn", "waived"):
        return []
    check = clause.checks[0].id or f"{clause.id}.a"
    share = hosts[:: max(1, 1 + i % 4)]
    out = []
    for n, t in enumerate(share):
        loc = f"/etc/ssh/sshd_config:{10 + i}"
        out.append(
            Finding(
                clause=clause.id,
                check=check,
                target=t.id,
                level="warn" if status == "warn" else "deny",
                # half the clauses say the same on every host, half name a per-host value
                msg=f"{clause.id} check {check} not met: value <{i}> & 'quoted'"
                + (f" on port {8000 + n}" if i % 2 else ""),
                details={"locator": loc},
                severity=clause.severity,
                rule=f"dpp.{clause.id.split('-')[0].lower()}",
                remediation=(f"Fix {check} as described in the clause criterion."),
                fingerprint=fingerprint(clause.id, check, t.id, loc),
                waived_by="W-001" if status == "waived" else None,
            )
        )
    return out


def synthetic_results(n_hosts: int = 3, catalogue: Catalogue | None = None) -> ResultsModel:
    catalogue = catalogue or load_catalogue()
    targets = _targets(n_hosts)
    hosts = [t for t in targets if t.kind == "host"]
    clauses = []
    for i, c in enumerate(catalogue.clauses):
        status = _status(i, c.automation)
        errors = (
            [
                {
                    "target": hosts[0].id,
                    "collector": COLLECTORS[0],
                    "kind": "connectivity",
                    "message": "connection refused",
                }
            ]
            if status == "error" and hosts
            else []
        )
        clauses.append(
            ClauseResult(
                id=c.id,
                section=c.section,
                severity=c.severity,
                automation=c.automation,
                status=ClauseStatus(status),
                reason="no database targets" if status == "not_applicable" else None,
                findings=_findings(c, status, hosts, i),
                errors=errors,
                collectors=list(COLLECTORS[:2]),
                targets=[t.id for t in hosts],
            )
        )
    meta = RunMeta(
        run_id="20261127T100000Z-synthetic",
        evaluated_at=EVALUATED_AT,
        organisation="The Entertainer <Ltd>",
        tool_version="0.1.0",
        engine="regorus",
        catalogue_version=catalogue.version,
        policy_sha256=catalogue.policy_sha256,
        policies_sha256="0" * 64,
        input_sha256="1" * 64,
    )
    return ResultsModel(
        schema="dpp-auditor/results@1", meta=meta, summary={}, targets=targets, clauses=clauses
    )


def write_evidence(run_dir: Path, results: ResultsModel) -> None:
    hosts = [t for t in results.targets if t.kind == "host"]
    for i, t in enumerate(hosts):
        unreachable = i % 50 == 7
        for cid in COLLECTORS:
            env = {
                "schema": "dpp-auditor/evidence@1",
                "collector": cid,
                "target": t.model_dump(mode="json"),
                "status": "error" if unreachable else "collected",
                "error": {"kind": "connectivity", "message": "connection timed out after 10 s", "hint": None}
                if unreachable
                else None,
                "reason": None,
                "collected_at": EVALUATED_AT,
                "duration_s": 0.2,
                "provenance": {"commands": [], "files": [], "transport": "ssh"},
                "data": {},
            }
            atomic_write_json(run_dir / "evidence" / cid / f"{safe_name(t.id)}.json", env)


def synthetic_context(
    run_dir: Path, n_hosts: int = 3, specs: dict[str, CollectorSpec] | None = None
) -> RenderContext:
    catalogue = load_catalogue()
    results = synthetic_results(n_hosts, catalogue)
    write_evidence(run_dir, results)
    return RenderContext(
        results=results,
        catalogue=catalogue,
        evidence=evidence_index(run_dir),
        specs=specs if specs is not None else synthetic_specs(),
        run_dir=run_dir,
        exclusions=["db-legacy-01: decommissioned (ticket OPS-12)"],
        trend=[
            {
                "run_id": f"r{k}",
                "evaluated_at": f"2026-11-{20 + k:02d}T10:00:00Z",
                "score": 60 + 5 * k,
                "fail": 12 - k,
            }
            for k in range(6)
        ],
    )
