"""Each running lab server audited twice, over SSH and as `rootfs:` of the same filesystem, and
checked against its state read by a second path inside the host (issue #15 cross-check).

Acceptance: for every host clause the two give the same status, or the rootfs says `error`/
not_applicable (what an image cannot show); a rootfs never passes what SSH does not.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.models import ClauseResult, Evidence, Target
from tests.collectors.lab_rootfs import clauses
from tests.lab.fixtures import Lab, lab  # noqa: F401  (a pytest fixture)
from tests.lab.host import LabHost

UNDECIDED = {"error", "not_applicable"}


def _host_collectors() -> list[str]:
    return sorted(i for i, s in load_specs().items() if "host" in {str(k) for k in s.target_kinds})


def _collect(t: Target, settings: dict[str, Any]) -> list[Evidence]:
    specs = load_specs()
    units = [Unit(specs[i], t) for i in _host_collectors()]
    return run_units(units, lambda x: transport_for(x, settings), None,
                     RunnerOptions(max_workers=4, per_target=4, settings=settings))


def _host_clauses(results: dict[str, ClauseResult]) -> list[str]:
    hosts = set(_host_collectors())
    return sorted(c for c, r in results.items() if r.collectors and set(r.collectors) <= hosts)


@pytest.fixture(scope="module")
def audits(lab: Lab) -> dict[str, dict[str, Any]]:  # noqa: F811
    out: dict[str, dict[str, Any]] = {}
    for name, host in (("stock", lab.stock), ("hardened", lab.hardened)):
        ssh_t = Target(id=name, kind="host", address=host.address)
        fs_t = Target(id=name, kind="host", address=f"rootfs:{host.root}")
        ssh_ev, fs_ev = _collect(ssh_t, lab.settings()), _collect(fs_t, {})
        out[name] = {"host": host, "ssh_ev": {e.collector: e for e in ssh_ev},
                     "rootfs_ev": {e.collector: e for e in fs_ev},
                     "ssh": clauses(ssh_ev, [ssh_t]), "rootfs": clauses(fs_ev, [fs_t])}
    return out


def _evidence(audits: dict[str, Any], name: str, via: str, cid: str) -> Evidence:
    ev: Evidence = audits[name][f"{via}_ev"][cid]
    if via == "ssh" and ev.status == "error" and ev.error and "no SFTP subsystem" in ev.error.message:
        pytest.xfail(f"{name} serves no SFTP and the SSH transport needs it (transport work, issue #14)")
    assert ev.status == "collected", ev.error
    return ev


@pytest.mark.parametrize("name", ["stock", "hardened"])
def test_rootfs_and_ssh_agree_or_rootfs_says_it_cannot_decide(audits: dict[str, Any], name: str) -> None:
    ssh, fs = audits[name]["ssh"], audits[name]["rootfs"]
    differ = {c: (str(ssh[c].status), str(fs[c].status)) for c in _host_clauses(ssh)
              if str(ssh[c].status) != str(fs[c].status) and str(fs[c].status) not in UNDECIDED
              and str(ssh[c].status) != "error"}  # SSH that cannot decide is not the reference
    detail = {c: {"ssh": [f.msg for f in ssh[c].findings][:4] + [e["message"] for e in ssh[c].errors][:2],
                  "rootfs": [f.msg for f in fs[c].findings][:4] + [e["message"] for e in fs[c].errors][:2]}
              for c in differ}
    assert not differ, json.dumps({"differ": differ, "why": detail}, indent=1)


@pytest.mark.parametrize("via", ["ssh", "rootfs"])
@pytest.mark.parametrize("name", ["stock", "hardened"])
def test_sshd_verdict_matches_sshd_t_in_the_host(audits: dict[str, Any], name: str, via: str) -> None:
    host: LabHost = audits[name]["host"]
    ev = _evidence(audits, name, via, "host.sshd")
    listed = dict(line.split(" ", 1) for line in host.run("sshd -T").stdout.splitlines() if " " in line)
    eff = ev.data["effective"]
    for key in ("permitrootlogin", "passwordauthentication", "x11forwarding", "pubkeyauthentication"):
        assert str(eff[key]).lower() == listed[key].lower(), key
    assert eff["maxauthtries"] == int(listed["maxauthtries"])


@pytest.mark.parametrize("via", ["ssh", "rootfs"])
@pytest.mark.parametrize("name", ["stock", "hardened"])
def test_firewall_verdict_matches_nft_in_the_host(audits: dict[str, Any], name: str, via: str) -> None:
    from auditor.collect.parsers import nftables

    host: LabHost = audits[name]["host"]
    ev = _evidence(audits, name, via, "host.firewall")
    listed = host.run("nft -j list ruleset 2>/dev/null || true").stdout
    real = nftables.parse_ruleset(listed) if listed.strip() else {"input_chains": [], "ipv4": {}}
    assert (ev.data["backend"] == "nftables") == bool(real["input_chains"])
    if real["input_chains"]:
        assert ev.data["ipv4"]["input_policy"] == real["ipv4"]["input_policy"]
    net1 = audits[name][via]["NET-1"]
    assert (str(net1.status) == "pass") == (real["ipv4"].get("input_policy") == "drop"
                                           and ev.data["enabled_at_boot"])


@pytest.mark.parametrize("via", ["ssh", "rootfs"])
@pytest.mark.parametrize("name", ["stock", "hardened"])
def test_account_file_modes_match_stat_in_the_host(audits: dict[str, Any], name: str, via: str) -> None:
    host: LabHost = audits[name]["host"]
    ev = _evidence(audits, name, via, "host.accounts")
    seen = {f["path"]: f for f in ev.data.get("files", []) if isinstance(f, dict) and "path" in f}
    for path in ("/etc/passwd", "/etc/shadow"):
        mode, owner, group = host.run(f"stat -c '%a %U %G' {path}").stdout.split()
        assert path in seen, sorted(seen)
        assert (int(seen[path]["mode"], 8), seen[path]["owner"], seen[path]["group"]) == (
            int(mode, 8), owner, group), path


def test_gen5_over_ssh_without_a_security_suite_is_an_error(audits: dict[str, Any]) -> None:
    """Issue #15 item 1: the stock server's sources.list (debootstrap's) names no -security
    suite, so `apt-get -s dist-upgrade` lists nothing; GEN-5 passed on that empty list."""
    host: LabHost = audits["stock"]["host"]
    sources = host.run("cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null; true").stdout
    assert "-security" not in sources  # second path: the host's own files
    ev = audits["stock"]["ssh_ev"]["host.packages"]
    assert ev.status == "error" and ev.error is not None
    assert "-security suite" in ev.error.message
    assert str(audits["stock"]["ssh"]["GEN-5"].status) == "error"
