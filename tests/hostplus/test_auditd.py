"""host.auditd on this machine and on a root filesystem with auditd's own example rules."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_auditd_state_matches_the_machine() -> None:
    got = data(collect("local", "host.auditd"), "host.auditd")
    installed = os.path.exists("/etc/audit/auditd.conf") or bool(
        shutil.which("auditd", path="/usr/sbin:/sbin")
    )
    assert got["installed"] is installed
    if not installed:
        assert got["rules"] == [] and got["running"] is None


def test_rootfs_rules_d_in_augenrules_order(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "/etc/audit/auditd.conf": golden_output("auditd", "debian12_auditd_conf"),
            "/etc/audit/rules.d/audit.rules": golden_output("auditd", "debian12_auditd_default_audit_rules"),
            "/etc/audit/rules.d/30-stig.rules": golden_output("auditd", "auditd_3_0_9_stig_rules"),
            "/etc/audit/rules.d/99-finalize.rules": "-e 2\n",
            "/etc/audit/audit.rules": "-e 1\n",  # generated file: ignored when rules.d exists
        },
    )
    wants = tmp_path / "etc/systemd/system/multi-user.target.wants"
    wants.mkdir(parents=True)
    (wants / "auditd.service").symlink_to("/lib/systemd/system/auditd.service")
    got = data(collect(f"rootfs:{tmp_path}", "host.auditd"), "host.auditd")
    assert got["installed"] and got["enabled"] and got["running"] is None
    assert got["rules"][0]["file"] == "/etc/audit/rules.d/30-stig.rules"
    assert got["immutable"] is True
    assert got["conf"]["disk_full_action"] == "suspend" and got["conf"]["num_logs"] == 5
    watches = {r["path"]: r["perms"] for r in got["rules"] if r["kind"] == "watch"}
    assert watches["/etc/shadow"] == "wa" and watches["/etc/NetworkManager/"] == "wa"
