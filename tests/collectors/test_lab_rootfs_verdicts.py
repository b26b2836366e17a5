"""Verdicts on the lab's real Debian 12 images read as `rootfs:` targets (issue #15).

Each test names the wrong verdict it pins down; every one failed before its fix. The images are
debootstrapped by tests.lab.image (stock: Debian defaults, no firewall; hardened: nftables
default-drop with 22 and 443 open, auditd rules). What a rootfs cannot show (running daemons,
pending updates, sockets) must come out as `error` with the reason, never `pass`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.collect.parsers import nftables
from auditor.models import Target
from tests.collectors.lab_rootfs import clauses, collect, copy_etc, first_error, nft_check, nft_listed, target
from tests.lab.image import build_image

FACTS = ("ipv4", "ipv6", "input_chains", "rule_count", "effective_allow")


@pytest.fixture(scope="module")
def stock() -> Path:
    return build_image("stock")


@pytest.fixture(scope="module")
def hardened() -> Path:
    return build_image("hardened")


def _open_22(allows: list[dict[str, object]]) -> bool:
    return any(a["proto"] == "tcp" and a["dport"] <= 22 <= a["dport_end"] and "0.0.0.0/0" in a["src_cidrs"]
               for a in allows)  # type: ignore[operator]


# Item 1: GEN-5 on a rootfs turned "could not be listed" into a high-severity fail.
def test_gen5_on_rootfs_is_an_error_not_a_fail(stock: Path) -> None:
    t = target(stock)
    ev = collect(t, ("host.packages",))["host.packages"]
    assert ev.status == "error" and ev.error is not None and ev.error.kind == "unsupported"
    assert "cannot be listed" in ev.error.message
    result = clauses([ev], [t])["GEN-5"]
    assert str(result.status) == "error"
    assert not result.findings


# Item 2: NET-3 passed on the hardened image, whose nftables.conf accepts 22 from anywhere.
def test_net3_reads_allows_from_the_boot_nftables_conf(hardened: Path, tmp_path: Path) -> None:
    t = target(hardened)
    ev = collect(t, ("host.firewall", "host.listening"))
    fw = ev["host.firewall"].data
    assert _open_22(fw["effective_allow"])
    # Second path: the real nft loads the image's file and lists what it would enforce.
    real = nftables.parse_ruleset(nft_listed(copy_etc(hardened, tmp_path) / "etc"))
    assert {k: fw["nftables"][k] for k in ("ipv4", "ipv6", "input_chains", "rule_count")} == {
        k: real[k] for k in ("ipv4", "ipv6", "input_chains", "rule_count")}
    assert fw["effective_allow"] == real["effective_allow"]
    net3 = clauses(list(ev.values()), [t])["NET-3"]
    assert str(net3.status) == "fail"
    assert any(f.details.get("locator") == "allow:ipv4:22/tcp:0.0.0.0/0" for f in net3.findings)


# Item 3: NET-2 and NET-3 passed on the stock image (no firewall) without listening evidence.
def test_net2_net3_without_listening_evidence_are_errors(stock: Path) -> None:
    t = target(stock)
    ev = collect(t, ("host.firewall", "host.listening"))
    assert ev["host.firewall"].data["backend"] == "none"
    assert ev["host.listening"].status == "error"
    results = clauses(list(ev.values()), [t])
    for cid in ("NET-2", "NET-3"):
        assert str(results[cid].status) == "error", cid
        assert "mounted root filesystem" in first_error(results[cid])["message"]


# Item 4: `include` was ignored, so NET-1 failed "no input chain" on a rootfs.
def test_nftables_include_globs_are_followed(hardened: Path, tmp_path: Path) -> None:
    root = copy_etc(hardened, tmp_path / "root")
    etc = root / "etc"
    (etc / "nftables.d").mkdir()
    ruleset = (etc / "nftables.conf").read_text().replace("flush ruleset", "")
    (etc / "nftables.d" / "50-filter.nft").write_text(ruleset)
    (etc / "nftables.conf").write_text('#!/usr/sbin/nft -f\nflush ruleset\ninclude "/etc/nftables.d/*.nft"\n')
    assert nft_check(etc).returncode == 0  # nft -c accepts the file
    t = target(root)
    ev = collect(t, ("host.firewall",))["host.firewall"]
    assert ev.status == "collected", ev.error
    fw = ev.data
    assert fw["config_files"] == ["/etc/nftables.conf", "/etc/nftables.d/50-filter.nft"]
    assert fw["ipv4"] == {"input_policy": "drop", "has_final_drop": False}
    real = nftables.parse_ruleset(nft_listed(etc))
    assert fw["effective_allow"] == real["effective_allow"]
    # The same verdict as the image's own flat file (its nftables.service is not enabled: Debian's
    # package leaves it disabled, a real NET-1.a finding either way), and no "no input chain".
    flat_t = target(hardened, "flat")
    flat = collect(flat_t, ("host.firewall",))["host.firewall"]
    net1 = clauses([ev, flat], [t, flat_t])["NET-1"]
    checks = {tid: sorted(f.check for f in net1.findings if f.target == tid) for tid in ("lab", "flat")}
    assert checks["lab"] == checks["flat"]
    assert "NET-1.b" not in checks["lab"]


def test_a_missing_plain_include_is_a_parse_error(hardened: Path, tmp_path: Path) -> None:
    root = copy_etc(hardened, tmp_path / "root")
    (root / "etc" / "nftables.conf").write_text('flush ruleset\ninclude "/etc/nftables.d/absent.nft"\n')
    assert nft_check(root / "etc").returncode != 0  # nft refuses it too
    ev = collect(target(root), ("host.firewall",))["host.firewall"]
    assert ev.status == "error" and ev.error is not None and ev.error.kind == "parse"
    assert json.dumps(ev.error.message).count("absent.nft") == 1


# Item 5: LOG-1 wanted the literal fields {euid=0, auid>=1000}; the hardened image's
# `-a always,exit -F arch=b64 -S execve -F euid=0 -k root-exec` records every root command.
def test_log1_compares_audit_rules_by_meaning(hardened: Path) -> None:
    t = target(hardened)
    ev = collect(t, ("host.auditd",))["host.auditd"]
    assert ev.status == "collected", ev.error
    execve = [r for r in ev.data["rules"] if "execve" in r.get("syscalls", [])]
    assert [f["name"] for f in execve[0]["fields"]] == ["arch", "euid"]  # no auid filter at all
    log1 = clauses([ev], [t])["LOG-1"]
    locators = {f.details.get("locator") for f in log1.findings}
    assert "syscall:execve" not in locators
    assert "syscall:adjtimex,clock_settime,settimeofday" in locators  # the image has no time rule


def _running_comms() -> set[str]:
    """Second path: the kernel's own process table, read directly."""
    names = set()
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            names.add(comm.read_text().strip())
        except OSError:
            continue  # the process ended while we listed
    return names


# Item 6: journald's Storage=auto plus /var/log/journal counted as persistent while no journald
# (and no syslog daemon) ran on the machine.
def test_log1_log5_need_a_running_log_daemon_locally() -> None:
    t = Target(id="local", kind="host", address="local")
    ev = collect(t, ("host.logging",))["host.logging"]
    daemons = ev.data["daemons"]
    comms = _running_comms()
    assert daemons["journald"] == ("systemd-journal" in comms)
    assert daemons["rsyslog"] == ("rsyslogd" in comms)
    results = clauses([ev], [t])
    data = ev.data
    keeps = ((daemons["rsyslog"] and data["rsyslog"]["installed"])
             or (daemons["journald"] and data["journald"]["persistent"]) or daemons["syslog_ng"])
    log5 = {f.check for f in results["LOG-5"].findings}
    assert ("LOG-5.b" in log5) == (not keeps)
    if not (daemons["rsyslog"] and data["rsyslog"]["installed"]) and not (
            daemons["journald"] and data["journald"]["persistent"]):  # nothing keeps an auth attempt
        assert "LOG-1.e" in {f.check for f in results["LOG-1"].findings}


def test_rootfs_log_daemons_come_from_the_boot_configuration(stock: Path) -> None:
    ev = collect(target(stock), ("host.logging",))["host.logging"]
    daemons = ev.data["daemons"]
    assert daemons["method"] == "boot configuration" and "boot configuration" in daemons["reason"]
    wants = stock / "etc/systemd/system/multi-user.target.wants"
    assert daemons["rsyslog"] == (wants / "rsyslog.service").is_symlink()  # absolute link: inside the image
    assert daemons["journald"] == (stock / "lib/systemd/systemd-journald").exists()


# Item 8: LOG-2 wanted root/syslog on nginx's www-data:adm and PostgreSQL's postgres:adm logs;
# ENC-5 denied the snakeoil key being readable by postgres, whom Debian puts in ssl-cert.
def test_debian_packaging_conventions_are_recognised(stock: Path) -> None:
    t = target(stock)
    ev = collect(t, ("host.logfiles", "host.logging", "host.accounts", "host.keyfiles"))
    files = {f["path"]: f for f in ev["host.logfiles"].data["log_files"]}
    # Second path: stat of the image's own files.
    for path, owner in (("/var/log/nginx/access.log", "www-data"),
                        ("/var/log/postgresql/postgresql-15-main.log", "postgres")):
        st = (stock / path.lstrip("/")).stat()
        assert (files[path]["mode"], files[path]["owner"]) == (f"{st.st_mode & 0o7777:04o}", owner)
    owners = ev["host.logging"].data["packaged"]["owners"]
    assert owners["/etc/logrotate.d/nginx"] == "nginx-common"
    assert owners["/var/log/postgresql"] == "postgresql-common"
    results = clauses(list(ev.values()), [t])
    flagged = {f.details.get("locator") for f in results["LOG-2"].findings}
    assert not {"file:/var/log/nginx/access.log", "file:/var/log/nginx/error.log",
                "file:/var/log/postgresql/postgresql-15-main.log"} & flagged
    assert "file:/var/log/dpkg.log" in flagged  # 0644: the rule still judges everything else
    enc5 = {f.details.get("locator") for f in results["ENC-5"].findings}
    assert "key:/etc/ssl/private/ssl-cert-snakeoil.key:readers" not in enc5


def test_a_conf_nft_cannot_load_for_lack_of_names_is_an_error(hardened: Path, tmp_path: Path) -> None:
    """A minimal image without netbase has no /etc/protocols: nft refuses `meta l4proto icmp`
    and nothing loads at boot. The rootfs must not read the file as an enforced ruleset."""
    root = copy_etc(hardened, tmp_path / "root")
    (root / "etc" / "protocols").unlink()
    assert nft_check(root / "etc").returncode != 0  # the real nft refuses it
    ev = collect(target(root), ("host.firewall",))["host.firewall"]
    assert ev.status == "error" and ev.error is not None and "/etc/protocols" in ev.error.message
