"""Lab scenarios: a host reached through a bastion (ProxyJump), and one unreachable host that
fails alone while the others are collected."""

from __future__ import annotations

from typing import Any

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.models import Evidence
from auditor.targets import parse_target_uri
from tests.lab.fixtures import Lab


def _run(addresses: list[str], settings: dict[str, Any]) -> dict[str, Evidence]:
    spec = load_specs()["host.sshd"]
    units = [Unit(spec, parse_target_uri(a)) for a in addresses]
    evidence = run_units(units, lambda t: transport_for(t, settings), None,
                         RunnerOptions(max_workers=4, per_target=2, settings=settings))
    return {e.target.id: e for e in evidence}


def test_bastion_and_unreachable_host(lab: Lab) -> None:
    settings = lab.settings(connect_timeout_s=8.0)
    # 10.77.0.250 is in the lab network but no host has it: the bastion cannot reach it
    targets = ["ssh://hardened-via-stock", lab.stock.address, "ssh://root@10.77.0.250"]
    lab_cfg = lab.ssh_config.read_text() + "\nHost 10.77.0.250\n  ProxyJump stock\n"
    cfg = lab.ssh_config.with_name("ssh_config_unreachable")
    cfg.write_text(lab_cfg)
    got = _run(targets, {"ssh": {**settings["ssh"], "ssh_config_file": str(cfg)}})
    via = got["hardened-via-stock"]
    assert via.status == "collected", via.error
    assert via.data["effective"]["maxauthtries"] == 3  # the hardened host's own sshd, via stock
    assert got[parse_target_uri(lab.stock.address).id].status == "collected"
    lost = got["10.77.0.250"]
    assert lost.status in ("error", "timeout") and lost.error is not None
    assert lost.error.kind in ("connectivity", "timeout"), lost.error
    assert "10.77.0.250" in lost.error.message
