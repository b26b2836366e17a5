"""This area's collectors give the same evidence for this machine locally and over SSH to a
real sshd on loopback (argv quoting, sudo allow-list, file reads through SFTP)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.models import Target

# host.packages is left out: apt-get -s takes seconds per run and its result is checked locally.
AGREE = (
    "host.kmod",
    "host.blockdev",
    "host.pam",
    "host.auditd",
    "host.logging",
    "host.logfiles",
    "host.ipv6",
    "host.fail2ban",
    "host.dbtls",
    "host.keyfiles",
    "host.webserver",
)


def _stable(cid: str, data: dict[str, Any]) -> Any:
    if cid == "host.logfiles":  # logs grow while the test runs
        return [(f["path"], f["mode"], f["owner"], f["group"]) for f in data["log_files"]]
    return data


def test_ssh_and_local_agree(tmp_path_factory: pytest.TempPathFactory) -> None:
    from auditor.bench.sshd_lab import SshdLab

    root = tmp_path_factory.mktemp("agree")
    root.chmod(0o755)
    with SshdLab(root / "lab") as lab:
        host = lab.start("self", "MaxAuthTries 4")
        lab.trust([host])
        settings = {
            "ssh": {
                "identity_file": str(lab.client_key),
                "known_hosts_file": str(lab.known_hosts),
                "connect_timeout_s": 5.0,
            }
        }
        specs = load_specs()
        got = {}
        for target in (
            Target(id="l", kind="host", address="local"),
            Target(id="s", kind="host", address=host.address),
        ):
            evidence = run_units(
                [Unit(specs[c], target) for c in AGREE],
                lambda t: transport_for(t, settings),
                None,
                RunnerOptions(),
            )
            got[target.id] = {e.collector: e for e in evidence}
    for cid in AGREE:
        local, remote = got["l"][cid], got["s"][cid]
        assert (local.status, remote.status) == ("collected", "collected"), (cid, local.error, remote.error)
        assert remote.provenance.transport == "ssh"
        assert _stable(cid, local.data) == _stable(cid, remote.data), cid
