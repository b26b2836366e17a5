"""host.fail2ban on this machine and on a root filesystem with Debian's packaged jails."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_fail2ban_state() -> None:
    got = data(collect("local", "host.fail2ban"), "host.fail2ban")
    assert got["installed"] is os.path.exists("/etc/fail2ban/jail.conf")


def test_rootfs_debian_jails_with_local_override(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "/etc/fail2ban/jail.conf": golden_output("fail2ban", "debian12_fail2ban_1_0_2_jail_conf"),
            "/etc/fail2ban/jail.d/defaults-debian.conf": golden_output(
                "fail2ban", "debian12_defaults_debian_conf"
            ),
            "/etc/fail2ban/jail.local": "[DEFAULT]\nbantime = 1h\n\n[sshd]\nmaxretry = 3\n",
        },
    )
    got = data(collect(f"rootfs:{tmp_path}", "host.fail2ban"), "host.fail2ban")
    sshd = next(j for j in got["jails"] if j["name"] == "sshd")
    assert (sshd["enabled"], sshd["maxretry"], sshd["findtime"], sshd["bantime"]) == (True, 3, 600, 3600)
    assert got["running"] is None and got["enabled_at_boot"] is False
    assert not next(j for j in got["jails"] if j["name"] == "recidive")["enabled"]
