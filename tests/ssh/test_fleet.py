"""The runner across a loopback fleet: real host collectors over SSH, failures per host only,
fleet progress, and SSH agreeing with local collection on this machine."""

from __future__ import annotations

import io
from typing import Any

import pytest

from auditor.collect.base import Transport
from auditor.collect.progress import FleetProgress
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.collect.transports.local import LocalTransport
from auditor.models import Evidence, Target, TargetKind
from auditor.targets import parse_target_uri

from .conftest import AUDIT_USER, Fleet

COLLECTORS = ("host.sshd", "host.accounts")


def _specs(collectors: tuple[str, ...]) -> list[Any]:
    specs = load_specs()
    missing = [c for c in collectors if c not in specs]
    if missing:
        pytest.fail(f"collector specs missing: {missing}")
    return [specs[c] for c in collectors]


def _run(targets: list[Target], settings: dict[str, Any], progress: FleetProgress | None = None,
         factory: Any = None, collectors: tuple[str, ...] = COLLECTORS) -> dict[tuple[str, str], Evidence]:
    units = [Unit(spec, t) for t in targets for spec in _specs(collectors)]
    if progress is not None:
        progress.expect([u.target for u in units])
    evidence = run_units(units, factory or (lambda t: transport_for(t, settings)), None,
                         RunnerOptions(max_workers=16, per_target=4, settings=settings), progress)
    return {(e.collector, e.target.id): e for e in evidence}


def _effective(ev: Evidence) -> dict[str, Any]:
    assert ev.status == "collected", ev.error
    return ev.data["effective"]


def test_fleet_collects_each_host_and_isolates_failures(fleet: Fleet, closed_port: int) -> None:
    targets = [parse_target_uri(a) for a in (
        fleet.alpha.address, fleet.beta.address, "ssh://gamma", fleet.delta.address,
        fleet.epsilon.address, f"ssh://root@127.0.0.1:{closed_port}")]
    ids = [t.id for t in targets]
    stream = io.StringIO()
    got = _run(targets, fleet.settings(), FleetProgress(stream, min_interval_s=0))
    assert len(got) == len(targets) * len(COLLECTORS)
    assert _effective(got["host.sshd", ids[0]])["maxauthtries"] == 3
    assert _effective(got["host.sshd", ids[1]])["maxauthtries"] == 5
    assert got["host.sshd", "gamma"].status == "collected", got["host.sshd", "gamma"].error
    assert got["host.sshd", "gamma"].provenance.transport == "ssh"
    users = {ids[i]: {u["name"] for u in got["host.accounts", ids[i]].data["users"]} for i in (0, 1)}
    assert AUDIT_USER in users[ids[1]] and AUDIT_USER not in users[ids[0]]
    for target_id, kind in ((ids[3], "auth"), (ids[4], "host_key"), (ids[5], "connectivity")):
        for collector in COLLECTORS:
            ev = got[collector, target_id]
            assert (ev.status, ev.error and ev.error.kind) == ("error", kind), ev.error
            assert ev.error is not None and ev.error.message.startswith(target_id)
    lines = stream.getvalue().splitlines()
    assert lines[-1] == "hosts done 3/6, failed 3, remaining 0"
    assert sum(line.startswith("host ") and " failed: " in line for line in lines) == 3


def _host_collectors() -> tuple[str, ...]:
    # host.packages asks apt/dnf for pending updates: ~10 s each way, agreement shown by the CLI scan
    return tuple(sorted(s.id for s in load_specs().values()
                        if s.id.startswith("host.") and "ssh" in s.transports and s.id != "host.packages"))


def test_ssh_and_local_agree_on_this_machine(fleet: Fleet) -> None:
    ssh_target = Target(id="this-host", kind=TargetKind.host, address=f"ssh://root@127.0.0.1:{fleet.gamma.port}")
    local_target = Target(id="this-host", kind=TargetKind.host, address="local")
    settings = fleet.settings()
    collectors = _host_collectors()
    assert set(COLLECTORS) <= set(collectors)
    over_ssh = _run([ssh_target], settings, collectors=collectors)

    def local(_: Target) -> Transport:
        return LocalTransport()

    locally = _run([local_target], settings, factory=local, collectors=collectors)
    for collector in collectors:
        remote, here = over_ssh[collector, "this-host"], locally[collector, "this-host"]
        assert remote.status == here.status, (collector, remote.error, here.error)
        assert remote.status in ("collected", "not_applicable"), (collector, remote.error)
        assert remote.provenance.transport == "ssh" and here.provenance.transport == "local"
        if collector == "host.listening":  # psutil here, ss over SSH; other tests' servers come and go
            ports = [{s["port"] for s in ev.data["listening_sockets"]} for ev in (remote, here)]
            assert fleet.gamma.port in ports[0] & ports[1]
            continue
        assert remote.data == here.data, collector
        assert [f.sha256 for f in remote.provenance.files] == [f.sha256 for f in here.provenance.files]
