"""host.accounts / host.sshd evidence for host app1, in the shape the host collectors emit."""

from __future__ import annotations

from typing import Any

from tests.access.exports import KEY_ALICE, KEY_BOB


def user(
    name: str,
    uid: int,
    keys: list[str] | None = None,
    *,
    password_state: str = "locked",
    login_shell: bool = True,
    last_login: str | None = None,
) -> dict[str, Any]:
    keys = keys or []
    return {
        "name": name,
        "uid": uid,
        "gid": uid,
        "home": f"/home/{name}",
        "shell": "/bin/bash" if login_shell else "/usr/sbin/nologin",
        "login_shell": login_shell,
        "password_state": password_state,
        "hash_scheme": "yescrypt",
        "password_last_change_days": 20000,
        "authorized_keys": [
            {
                "line": i + 1,
                "type": "ssh-ed25519",
                "fingerprint_sha256": k,
                "bits": 256,
                "options": [],
                "file": f"/home/{name}/.ssh/authorized_keys",
            }
            for i, k in enumerate(keys)
        ],
        "authorized_keys_count": len(keys),
        "authorized_keys_readable": True,
        "interactive": login_shell and (password_state == "usable" or bool(keys)),
        "last_login": last_login,
    }


def host_accounts(
    users: list[dict[str, Any]] | None = None, groups: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    users = (
        users
        if users is not None
        else [
            user("root", 0, password_state="locked"),
            user("alice", 1001, [KEY_ALICE], last_login="2026-11-20T08:00:00Z"),
            user("bob", 1002, [KEY_BOB], last_login="2026-11-26T08:00:00Z"),
            user("deploy", 998, login_shell=False),
        ]
    )
    groups = (
        groups
        if groups is not None
        else [
            {"name": "sudo", "gid": 27, "members": ["bob"]},
            {"name": "sshusers", "gid": 1100, "members": ["alice", "bob"]},
        ]
    )
    return {"hostname": "app1", "users": users, "groups": groups, "files": [], "sudoers": {}}


def sshd(allowusers: list[str] | None = None, allowgroups: list[str] | None = None) -> dict[str, Any]:
    return {
        "installed": True,
        "method": "files",
        "effective": {
            "allowusers": allowusers or [],
            "allowgroups": allowgroups if allowgroups is not None else ["sshusers"],
            "permitrootlogin": "no",
        },
        "match_blocks": [],
    }


def host_evidence(
    accounts: dict[str, Any] | None = None,
    sshd_data: dict[str, Any] | None = None,
) -> dict[str, dict[str, Any]]:
    return {
        "host.accounts": {"local": accounts or host_accounts()},
        "host.sshd": {"local": sshd_data or sshd()},
    }
