"""host.pam on this machine and on a root filesystem with a CIS faillock setup."""

from __future__ import annotations

import re
from pathlib import Path

from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_stacks_follow_includes() -> None:
    got = data(collect("local", "host.pam"), "host.pam")
    auth = [e["module"] for e in got["stacks"]["sshd"] if e["type"] == "auth"]
    common = [
        re.sub(r"\[[^]]*\]", "X", line).split()[2]
        for line in Path("/etc/pam.d/common-auth").read_text().splitlines()
        if line.strip().startswith("auth")
    ]
    assert [m.rsplit("/", 1)[-1] for m in common] == auth  # Debian's sshd file only @includes common-auth
    assert got["lockout"]["sshd"]["faillock"] == (
        "pam_faillock" in Path("/etc/pam.d/common-auth").read_text()
    )
    assert got["login_defs"]["FTMP_FILE"] == "/var/log/btmp"


def test_rootfs_cis_faillock_with_argument_override(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "/etc/pam.d/sshd": golden_output("pam", "debian12_pam_d_sshd"),
            "/etc/pam.d/common-auth": golden_output("pam", "cis_common_auth_faillock").replace(
                "pam_faillock.so preauth", "pam_faillock.so preauth deny=4"
            ),
            "/etc/pam.d/common-account": golden_output("pam", "cis_common_account_faillock"),
            "/etc/pam.d/common-session": golden_output("pam", "debian12_pam_d_common_account"),
            "/etc/pam.d/common-password": "",
            "/etc/security/faillock.conf": golden_output("pam", "cis_faillock_conf"),
        },
    )
    got = data(collect(f"rootfs:{tmp_path}", "host.pam"), "host.pam")
    sshd = got["lockout"]["sshd"]
    assert (sshd["preauth_before_unix"], sshd["authfail_after_unix"], sshd["account_faillock"]) == (
        True,
        True,
        True,
    )
    assert sshd["effective"] == {
        "deny": 4,
        "fail_interval": 900,
        "unlock_time": 900,
        "even_deny_root": True,
        "root_unlock_time": 60,
    }
    assert "login" not in got["stacks"]


def test_rootfs_without_pam(tmp_path: Path) -> None:
    got = data(collect(f"rootfs:{tmp_path}", "host.pam"), "host.pam")
    assert got["installed"] is False and got["lockout"] == {}
