"""Collect with the real runner: this machine (LocalTransport) and rootfs trees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.models import Evidence, Target

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def collect(address: str, *ids: str) -> dict[str, Evidence]:
    specs = load_specs()
    target = Target(id="t", kind="host", address=address)
    evidence = run_units(
        [Unit(specs[i], target) for i in ids], lambda t: transport_for(t, {}), None, RunnerOptions()
    )
    return {e.collector: e for e in evidence}


def golden_output(parser: str, name: str) -> str:
    return str(json.loads((GOLDEN / parser / f"{name}.json").read_text())["output"])


def write_tree(root: Path, files: dict[str, str | bytes], mode: int = 0o644) -> None:
    for rel, content in files.items():
        path = root / rel.lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        path.chmod(mode)


def data(ev: dict[str, Evidence], cid: str) -> Any:
    assert ev[cid].status == "collected", (cid, ev[cid].error)
    return ev[cid].data
