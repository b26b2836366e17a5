"""Collect and evaluate the lab's debootstrapped Debian images (tests.lab.image) as `rootfs:`
targets, and read the same state by a second path (real nft, sshd -T, stat) to check them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from auditor.catalogue import load_catalogue
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.engine.policyset import load_policyset
from auditor.engine.regorus_engine import RegorusEngine
from auditor.evaluate import RunInfo, evaluate
from auditor.models import ClauseResult, Evidence, Target

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-12-01T10:00:00Z"  # the run's clock, injected


def target(root: Path, tid: str = "lab") -> Target:
    return Target(id=tid, kind="host", address=f"rootfs:{root}")


def collect(t: Target, ids: tuple[str, ...]) -> dict[str, Evidence]:
    specs = load_specs()
    units = [Unit(specs[i], t) for i in ids]
    return {e.collector: e for e in run_units(units, lambda x: transport_for(x, {}), None, RunnerOptions())}


def clauses(evidence: list[Evidence], targets: list[Target]) -> dict[str, ClauseResult]:
    """Every clause's status through the application's own evaluate() on the shipped policies."""
    catalogue = load_catalogue()
    policyset = load_policyset([ROOT / "policies"])
    engine = RegorusEngine()
    engine.load(policyset.modules)
    results, _ = evaluate(evidence, targets, dict(catalogue.parameters), RunInfo("lab", AT),
                          catalogue=catalogue, policyset=policyset, engine=engine, specs=load_specs())
    return {c.id: c for c in results.clauses}


def copy_etc(image: Path, dest: Path) -> Path:
    """A writable copy of an image's /etc under dest (a root a RootfsTransport can read).

    nft resolves protocol and service names through /etc/protocols and /etc/services; a
    minbase image has neither (netbase is not installed), so nft run over the copy would
    refuse `meta l4proto icmp`: this machine's tables are added when the image has none."""
    shutil.copytree(image / "etc", dest / "etc", symlinks=True)
    for name in ("protocols", "services"):
        if not (dest / "etc" / name).exists():
            shutil.copy(f"/etc/{name}", dest / "etc" / name)
    return dest


def nft_listed(etc: Path, conf: str = "/etc/nftables.conf") -> str:
    """`nft -f conf; nft -j list ruleset` by the real nft, in a network namespace of its own and a
    mount namespace where /etc is `etc` (a copy_etc copy), so absolute includes resolve as on
    the server."""
    script = f"mount --bind '{etc}' /etc && nft -f '{conf}' && nft -j list ruleset"
    done = subprocess.run(["unshare", "--net", "--mount", "--propagation", "private", "sh", "-c", script],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def nft_check(etc: Path, conf: str = "/etc/nftables.conf") -> subprocess.CompletedProcess[str]:
    script = f"mount --bind '{etc}' /etc && nft -c -f '{conf}'"
    return subprocess.run(["unshare", "--net", "--mount", "--propagation", "private", "sh", "-c", script],
                          capture_output=True, text=True, check=False)


def statuses(results: dict[str, ClauseResult], ids: tuple[str, ...]) -> dict[str, str]:
    return {i: str(results[i].status) for i in ids}


def first_error(result: ClauseResult) -> dict[str, Any]:
    return result.errors[0] if result.errors else {}
