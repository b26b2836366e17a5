"""Fixture cases of the clauses after GEN-5 (see make_fixtures.py)."""

from __future__ import annotations

import json
from typing import Any

from tests.hostplus.conftest import GOLDEN
from tests.hostplus.make_fixtures import case, d, with_

# ACC-11 ---------------------------------------------------------------------------------------
_CIS = [
    {"module": m, "directive": dv, "target": tg, "file": "/etc/modprobe.d/cis.conf", "line": i}
    for i, (m, dv, tg) in enumerate(
        [
            ("usb_storage", "install", "/bin/false"),
            ("usb_storage", "blacklist", None),
            ("uas", "install", "/bin/false"),
            ("uas", "blacklist", None),
        ],
        1,
    )
]
_UDISKS_OFF = {"installed": False, "actions": [], "pkla_rules": [], "js_rules_files": []}
KMOD = {
    "modprobe_rules": _CIS,
    "modprobe_files": ["/etc/modprobe.d/cis.conf"],
    "loaded": ["ext4", "nf_tables"],
    "module_support": True,
    "builtin": ["sd_mod"],
    "cmdline_blacklist": [],
    "udisks_polkit": _UDISKS_OFF,
}
_DISK = {
    "name": "nvme0n1",
    "kname": "nvme0n1",
    "path": "/dev/nvme0n1",
    "type": "disk",
    "removable": False,
    "hotplug": False,
    "tran": "nvme",
    "fstype": None,
    "mountpoints": [],
    "parents": [],
    "size": 512110190592,
}
_ROOT = {
    "name": "cryptroot",
    "kname": "dm-0",
    "path": "/dev/mapper/cryptroot",
    "type": "crypt",
    "removable": False,
    "hotplug": False,
    "tran": None,
    "fstype": "ext4",
    "mountpoints": ["/"],
    "parents": ["nvme0n1p2"],
    "size": 511554994176,
}
_PART = {
    **_DISK,
    "name": "nvme0n1p2",
    "kname": "nvme0n1p2",
    "path": "/dev/nvme0n1p2",
    "type": "part",
    "fstype": "crypto_LUKS",
    "parents": ["nvme0n1"],
}
_CHAIN = [
    {"name": "cryptroot", "type": "crypt", "fstype": "ext4"},
    {"name": "nvme0n1p2", "type": "part", "fstype": "crypto_LUKS"},
    {"name": "nvme0n1", "type": "disk", "fstype": None},
]
_LUKS512 = {
    "device": "/dev/nvme0n1p2",
    "name": "nvme0n1p2",
    "mapped_names": ["cryptroot"],
    "version": 2,
    "cipher": "aes-xts-plain64",
    "cipher_name": "aes",
    "cipher_mode": "xts-plain64",
    "key_bits": 512,
    "effective_bits": 256,
    "pbkdf": "argon2id",
}
BLOCK = {
    "block_devices": [_DISK, _PART, _ROOT],
    "luks": [_LUKS512],
    "dm_crypt": [],
    "dm_crypt_reason": None,
    "swap": [],
    "pii_paths": ["/var/lib/postgresql"],
    "path_mounts": [
        {
            "path": p,
            "mountpoint": "/",
            "fstype": "ext4",
            "source": "/dev/mapper/cryptroot",
            "device_chain": _CHAIN,
        }
        for p in ("/tmp", "/var/tmp", "/var/lib/postgresql")
    ],
}
_USB = {
    **_DISK,
    "name": "sda1",
    "kname": "sda1",
    "path": "/dev/sda1",
    "type": "part",
    "tran": "usb",
    "removable": True,
    "fstype": "vfat",
    "mountpoints": ["/media/usb"],
    "parents": ["sda"],
}
case(
    "ACC-11",
    "pass_cis_modprobe_rules_nothing_removable",
    {"host.kmod": {"web1": KMOD}, "host.blockdev": {"web1": BLOCK}},
    {"deny": [], "warn": []},
)
case(
    "ACC-11",
    "pass_kernel_without_modules_and_not_builtin",
    {
        "host.kmod": {
            "fc1": with_(KMOD, modprobe_rules=[], modprobe_files=[], loaded=[], module_support=False)
        }
    },
    {"deny": []},
)
case(
    "ACC-11",
    "fail_debian_defaults_usb_mounted_udisks_open",
    {
        "host.kmod": {
            "web1": with_(
                KMOD,
                modprobe_rules=[],
                modprobe_files=["/lib/modprobe.d/aliases.conf"],
                loaded=["usb_storage", "uas", "ext4"],
                udisks_polkit={
                    "installed": True,
                    "pkla_rules": [],
                    "js_rules_files": [],
                    "actions": [
                        {
                            "action_id": "org.freedesktop.udisks2.filesystem-mount",
                            "allow_any": "auth_admin",
                            "allow_inactive": "auth_admin",
                            "allow_active": "yes",
                        }
                    ],
                },
            )
        },
        "host.blockdev": {"web1": with_(BLOCK, block_devices=[_DISK, _PART, _ROOT, _USB])},
    },
    {"deny": d(web1=("ACC-11.a",) * 4 + ("ACC-11.b", "ACC-11.c"))},
)
case(
    "ACC-11",
    "fail_blacklist_without_install_and_js_polkit_rules",
    {
        "host.kmod": {
            "web1": with_(
                KMOD,
                modprobe_rules=[r for r in _CIS if r["directive"] == "blacklist"],
                udisks_polkit={
                    "installed": True,
                    "pkla_rules": [],
                    "js_rules_files": ["/etc/polkit-1/rules.d/50-udisks.rules"],
                    "actions": [
                        {
                            "action_id": "org.freedesktop.udisks2.filesystem-mount",
                            "allow_any": "auth_admin",
                            "allow_inactive": "auth_admin",
                            "allow_active": "yes",
                        }
                    ],
                },
            )
        }
    },
    {"deny": d(web1=("ACC-11.a", "ACC-11.a")), "warn": d(web1="ACC-11.c")},
)

# ENC-1 / ENC-2 --------------------------------------------------------------------------------
_LUKS256 = with_(_LUKS512, key_bits=256, effective_bits=128, version=1)
case("ENC-1", "pass_luks2_aes_xts_512", {"host.blockdev": {"db1": BLOCK}}, {"deny": []})
case(
    "ENC-1",
    "pass_dm_table_when_header_unread",
    {
        "host.blockdev": {
            "db1": with_(
                BLOCK,
                luks=[],
                dm_crypt=[
                    {
                        "mapped_name": "cryptroot",
                        "cipher": "aes-xts-plain64",
                        "key_bits": 512,
                        "effective_bits": 256,
                        "backing_device": "259:2",
                    }
                ],
            )
        }
    },
    {"deny": []},
)
case(
    "ENC-1",
    "fail_xts_256_is_aes128",
    {"host.blockdev": {"db1": with_(BLOCK, luks=[_LUKS256])}},
    {"deny": d(db1="ENC-1")},
)
case(
    "ENC-1",
    "fail_plain_disk_and_no_pii_paths",
    {
        "host.blockdev": {
            "db1": with_(
                BLOCK,
                path_mounts=[
                    {
                        "path": "/var/lib/postgresql",
                        "mountpoint": "/",
                        "fstype": "ext4",
                        "source": "/dev/vda1",
                        "device_chain": [{"name": "vda1", "type": "part", "fstype": "ext4"}],
                    }
                ],
            ),
            "web2": with_(BLOCK, pii_paths=[]),
        }
    },
    {"deny": d(db1="ENC-1", web2="ENC-1")},
)
case(
    "ENC-2",
    "pass_tmpfs_and_encrypted_swap",
    {
        "host.blockdev": {
            "db1": with_(
                BLOCK,
                swap=[
                    {
                        "device": "/dev/dm-1",
                        "type": "partition",
                        "size_kib": 4194300,
                        "encrypted": True,
                        "device_chain": [{"name": "cryptswap", "type": "crypt", "fstype": "swap"}],
                    }
                ],
                path_mounts=[
                    {
                        "path": "/tmp",
                        "mountpoint": "/tmp",
                        "fstype": "tmpfs",
                        "source": "tmpfs",
                        "device_chain": [],
                    },
                    {
                        "path": "/var/tmp",
                        "mountpoint": "/",
                        "fstype": "ext4",
                        "source": "/dev/mapper/cryptroot",
                        "device_chain": _CHAIN,
                    },
                ],
            )
        }
    },
    {"deny": []},
)
case(
    "ENC-2",
    "fail_plain_swap_file_and_tmp_on_disk",
    {
        "host.blockdev": {
            "db1": with_(
                BLOCK,
                swap=[
                    {
                        "device": "/swapfile",
                        "type": "file",
                        "size_kib": 1048572,
                        "encrypted": False,
                        "device_chain": [{"name": "vda1", "type": "part", "fstype": "ext4"}],
                    }
                ],
                path_mounts=[
                    {
                        "path": p,
                        "mountpoint": "/",
                        "fstype": "ext4",
                        "source": "/dev/vda1",
                        "device_chain": [{"name": "vda1", "type": "part", "fstype": "ext4"}],
                    }
                    for p in ("/tmp", "/var/tmp")
                ],
            )
        }
    },
    {"deny": d(db1=("ENC-2", "ENC-2", "ENC-2"))},
)

# ACC-14 ---------------------------------------------------------------------------------------
_NO_LOCK = {
    "faillock": False,
    "preauth_before_unix": False,
    "authfail_after_unix": False,
    "account_faillock": False,
    "pam_unix": True,
    "effective": None,
    "tally2": None,
}
_CIS_LOCK = {
    "faillock": True,
    "preauth_before_unix": True,
    "authfail_after_unix": True,
    "account_faillock": True,
    "pam_unix": True,
    "tally2": None,
    "effective": {
        "deny": 5,
        "fail_interval": 900,
        "unlock_time": 900,
        "even_deny_root": True,
        "root_unlock_time": 60,
    },
}
PAM = {
    "installed": True,
    "stacks": {},
    "faillock_conf": {"deny": 5, "fail_interval": 900, "unlock_time": 900},
    "login_defs": {},
    "files": [],
    "lockout": {"sshd": _CIS_LOCK, "login": _CIS_LOCK, "common-auth": _CIS_LOCK},
}
SSHD = {
    "installed": True,
    "method": "sshd -T",
    "method_reason": None,
    "effective": {
        "usepam": "yes",
        "maxauthtries": 4,
        "ciphers": [
            "chacha20-poly1305@openssh.com",
            "aes256-gcm@openssh.com",
            "aes128-gcm@openssh.com",
            "aes256-ctr",
            "aes192-ctr",
            "aes128-ctr",
        ],
        "macs": [
            "hmac-sha2-512-etm@openssh.com",
            "hmac-sha2-256-etm@openssh.com",
            "umac-128-etm@openssh.com",
        ],
        "kexalgorithms": [
            "sntrup761x25519-sha512@openssh.com",
            "curve25519-sha256",
            "curve25519-sha256@libssh.org",
            "diffie-hellman-group16-sha512",
            "diffie-hellman-group18-sha512",
        ],
        "hostkeyalgorithms": ["ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256", "ecdsa-sha2-nistp256"],
        "permitrootlogin": "no",
        "loglevel": "VERBOSE",
    },
    "match_blocks": [],
    "config_files": [],
}
case(
    "ACC-14",
    "pass_cis_faillock_and_sshd",
    {"host.pam": {"web1": PAM}, "host.sshd": {"web1": SSHD}},
    {"deny": []},
)
case(
    "ACC-14",
    "pass_legacy_tally2",
    {
        "host.pam": {
            "old": with_(PAM, lockout={"sshd": with_(_NO_LOCK, tally2={"deny": 5, "unlock_time": 900})})
        }
    },
    {"deny": []},
)
case(
    "ACC-14",
    "fail_debian_defaults",
    {
        "host.pam": {
            "web1": with_(
                PAM, faillock_conf={}, lockout={"sshd": _NO_LOCK, "login": _NO_LOCK, "common-auth": _NO_LOCK}
            )
        },
        "host.sshd": {"web1": with_(SSHD, effective={**SSHD["effective"], "maxauthtries": 6})},
    },
    {"deny": d(web1=("ACC-14.a", "ACC-14.a", "ACC-14.b"))},
)
case(
    "ACC-14",
    "fail_faillock_defaults_no_account_and_usepam_off",
    {
        "host.pam": {
            "web1": with_(
                PAM,
                lockout={
                    "sshd": with_(
                        _CIS_LOCK,
                        account_faillock=False,
                        effective={
                            "deny": 3,
                            "fail_interval": 900,
                            "unlock_time": 600,
                            "even_deny_root": False,
                            "root_unlock_time": 600,
                        },
                    )
                },
            )
        },
        "host.sshd": {"web1": with_(SSHD, effective={**SSHD["effective"], "usepam": "no"})},
    },
    {"deny": d(web1=("ACC-14.a", "ACC-14.a", "ACC-14.b"))},
)


# LOG-1 / LOG-3 / ACC-5: rules parsed from auditd's STIG example and a site file (golden cases) --
def _golden_rules(name: str) -> list[dict[str, Any]]:
    return list(json.loads((GOLDEN / "auditd" / f"{name}.json").read_text())["expected"]["rules"])


_FULL_RULES = (
    _golden_rules("auditd_3_0_9_stig_rules")
    + _golden_rules("auditd_3_0_9_module_load_rules")
    + _golden_rules("site_rules_pii_paths_immutable")
)
_CONF = {
    "disk_full_action": "halt",
    "admin_space_left_action": "single",
    "max_log_file_action": "keep_logs",
    "num_logs": 5,
    "log_group": "adm",
}
AUDITD = {
    "installed": True,
    "running": True,
    "enabled": True,
    "status": {"enabled": 2, "pid": 612, "failure": 1, "backlog_limit": 8192, "lost": 0},
    "rules_source": "auditctl -l",
    "rules": _FULL_RULES,
    "config_rules": _FULL_RULES,
    "immutable": True,
    "conf": _CONF,
    "files": [],
}
_DEBIAN_AUDITD = with_(
    AUDITD,
    rules=_golden_rules("debian12_auditd_default_audit_rules"),
    immutable=False,
    status={**AUDITD["status"], "enabled": 1},
    conf={"disk_full_action": "suspend", "admin_space_left_action": "suspend"},
)
case(
    "LOG-1",
    "pass_stig_and_site_rules",
    {"host.auditd": {"db1": AUDITD}, "host.sshd": {"db1": SSHD}},
    {"deny": []},
)
case(
    "LOG-1",
    "fail_debian_default_rules_and_quiet_sshd",
    {
        "host.auditd": {"db1": _DEBIAN_AUDITD},
        "host.sshd": {"db1": with_(SSHD, effective={**SSHD["effective"], "loglevel": "QUIET"})},
    },
    {"deny": d(db1=("LOG-1.b",) * 11 + ("LOG-1.c",) * 3 + ("LOG-1.d",))},
)
case(
    "LOG-1",
    "fail_auditd_absent_and_stopped",
    {
        "host.auditd": {
            "web1": {
                "installed": False,
                "running": None,
                "enabled": False,
                "status": None,
                "rules_source": "files",
                "rules": [],
                "config_rules": [],
                "immutable": False,
                "conf": None,
                "files": [],
            },
            "web2": with_(AUDITD, running=False, enabled=False, status=None),
        }
    },
    {"deny": d(web1="LOG-1.a", web2=("LOG-1.a", "LOG-1.a"))},
)
case("LOG-3", "pass_immutable_halt_on_full", {"host.auditd": {"db1": AUDITD}}, {"deny": []})
case(
    "LOG-3",
    "fail_debian_defaults",
    {"host.auditd": {"db1": _DEBIAN_AUDITD}},
    {"deny": d(db1=("LOG-3.a", "LOG-3.b", "LOG-3.b"))},
)
_DATA = {"amazon_data_paths": ["/var/lib/postgresql/15/main", "/srv/labels"]}
case("ACC-5", "pass_watched_amazon_paths", {"host.auditd": {"db1": AUDITD}}, {"deny": []}, _DATA)
case(
    "ACC-5",
    "fail_write_only_watch_and_unwatched_path",
    {
        "host.auditd": {
            "db1": with_(
                AUDITD,
                rules=_golden_rules("auditd_3_0_9_stig_rules")
                + [
                    {
                        "kind": "watch",
                        "path": "/srv/labels",
                        "perms": "wa",
                        "key": "labels",
                        "syscalls": [],
                        "fields": [],
                        "action": None,
                        "control": None,
                        "raw": "-w /srv/labels -p wa -k labels",
                        "file": "x",
                        "line": 1,
                    }
                ],
            )
        }
    },
    {"deny": d(db1=("ACC-5.b", "ACC-5.b"))},
    _DATA,
)
case(
    "ACC-5",
    "fail_no_paths_configured_and_auditd_disabled",
    {"host.auditd": {"db1": with_(AUDITD, enabled=False)}},
    {"deny": d(db1=("ACC-5.a", "ACC-5.b"))},
)


# LOG-5 / ACC-6 (and host.logging for LOG-1 / LOG-3) ------------------------------------------
def _golden(parser: str, name: str) -> Any:
    return json.loads((GOLDEN / parser / f"{name}.json").read_text())["expected"]


def _entries(*names: str, **override: Any) -> list[dict[str, Any]]:
    out = []
    for n in names:
        for e in _golden("logging", n)["entries"]:
            e = {**e, **override}
            e["retention_days"] = (e["rotate"] + 1) * {"daily": 1, "weekly": 7, "monthly": 28}[e["frequency"]]
            out.append(e)
    return out


_RSYSLOG_FILES = _golden("logging", "debian12_rsyslog_conf")["file_actions"]
LOGGING = {
    "logrotate": {
        "installed": True,
        "defaults": {"frequency": "weekly", "rotate": 4},
        "entries": _entries(
            "debian12_logrotate_d_nginx", "debian12_logrotate_d_rsyslog", frequency="daily", rotate=190
        ),
    },
    "journald": {
        "files": ["/etc/systemd/journald.conf"],
        "settings": {"Storage": "persistent"},
        "storage": "persistent",
        "persistent": True,
        "max_retention_sec": 0,
        "system_max_use": None,
        "seal": True,
        "forward_to_syslog": False,
    },
    "rsyslog": {
        "installed": True,
        "file_actions": _RSYSLOG_FILES,
        "files": ["/etc/rsyslog.conf"],
        "forwards": _golden("logging", "rsyslog_d_rainerscript_tls_forward")["forwards"],
        "file_create_mode": "0640",
    },
    "journal_upload": {"installed": False, "enabled": False, "url": None, "tls": False},
    "agents": [],
}
_DEBIAN_LOGGING = with_(
    LOGGING,
    logrotate={
        "installed": True,
        "defaults": {"frequency": "weekly", "rotate": 4},
        "entries": _entries("debian12_logrotate_d_nginx", "debian12_logrotate_d_rsyslog"),
    },
    rsyslog={**LOGGING["rsyslog"], "forwards": []},
)
_KEEP = with_(AUDITD, conf={**AUDITD["conf"], "max_log_file_action": "keep_logs"})
case(
    "LOG-5",
    "pass_daily_190_persistent_journal_keep_logs",
    {"host.logging": {"web1": LOGGING}, "host.auditd": {"web1": _KEEP}},
    {"deny": []},
)
case(
    "LOG-5",
    "fail_debian_defaults",
    {
        "host.logging": {"web1": _DEBIAN_LOGGING},
        "host.auditd": {
            "web1": with_(AUDITD, conf={"max_log_file_action": "rotate", "num_logs": 5, "max_log_file": 8})
        },
    },
    {"deny": d(web1=("LOG-5.a", "LOG-5.a", "LOG-5.c"))},
)
case(
    "LOG-5",
    "fail_journal_retention_and_maxage",
    {
        "host.logging": {
            "web1": with_(
                LOGGING,
                logrotate={
                    "installed": True,
                    "defaults": {},
                    "entries": _entries(
                        "debian12_logrotate_d_nginx", frequency="daily", rotate=365, maxage=90
                    ),
                },
                journald={
                    **LOGGING["journald"],
                    "settings": {"MaxRetentionSec": "1month"},
                    "max_retention_sec": 2629800,
                },
            )
        }
    },
    {"deny": d(web1=("LOG-5.a", "LOG-5.b"))},
)
case("ACC-6", "pass_rsyslog_tls_forward", {"host.logging": {"web1": LOGGING}}, {"deny": [], "warn": []})
case(
    "ACC-6",
    "pass_journal_upload_https_and_agent",
    {
        "host.logging": {
            "web1": with_(
                LOGGING,
                rsyslog={**LOGGING["rsyslog"], "forwards": []},
                journal_upload={
                    "installed": True,
                    "enabled": True,
                    "url": "https://logs.internal.example:19532",
                    "tls": True,
                },
                agents=[
                    {
                        "name": "filebeat",
                        "config": "/etc/filebeat/filebeat.yml",
                        "running": True,
                        "last_shipped_at": None,
                    }
                ],
            )
        }
    },
    {"deny": [], "warn": d(web1="ACC-6.c")},
)
case(
    "ACC-6",
    "fail_nothing_forwarded",
    {"host.logging": {"web1": _DEBIAN_LOGGING}},
    {"deny": d(web1="ACC-6.a")},
)
case(
    "ACC-6",
    "fail_plain_udp_forward_and_stopped_agent",
    {
        "host.logging": {
            "web1": with_(
                LOGGING,
                rsyslog={
                    **LOGGING["rsyslog"],
                    "forwards": _golden("logging", "rsyslog_d_legacy_tls_and_udp_forward")["forwards"],
                },
                agents=[
                    {
                        "name": "vector",
                        "config": "/etc/vector/vector.yaml",
                        "running": False,
                        "last_shipped_at": None,
                    }
                ],
            )
        }
    },
    {"deny": d(web1=("ACC-6.b", "ACC-6.c"))},
)
case(
    "LOG-3",
    "pass_immutable_with_tls_forward",
    {"host.auditd": {"db1": AUDITD}, "host.logging": {"db1": LOGGING}},
    {"deny": []},
)
case(
    "LOG-3",
    "fail_no_off_host_copy",
    {"host.auditd": {"db1": AUDITD}, "host.logging": {"db1": _DEBIAN_LOGGING}},
    {"deny": d(db1="LOG-3.c")},
)
case(
    "LOG-1",
    "fail_auth_not_persisted",
    {
        "host.auditd": {"db1": AUDITD},
        "host.logging": {
            "db1": with_(
                _DEBIAN_LOGGING,
                rsyslog={"installed": False, "forwards": [], "file_actions": [], "files": []},
                journald={**LOGGING["journald"], "storage": "volatile", "persistent": False},
            )
        },
    },
    {"deny": d(db1="LOG-1.e")},
)
case(
    "LOG-1",
    "pass_with_rsyslog_auth_log",
    {"host.auditd": {"db1": AUDITD}, "host.sshd": {"db1": SSHD}, "host.logging": {"db1": _DEBIAN_LOGGING}},
    {"deny": []},
)

# LOG-2 ---------------------------------------------------------------------------------------
_THIS_MACHINE = _golden("logfiles", "this_machine_find_var_log")
LOGFILES = {
    "present": True,
    "method": "find",
    "truncated": False,
    "log_dirs": [
        {"path": "/var/log", "mode": "0755", "owner": "root", "group": "root"},
        {"path": "/var/log/audit", "mode": "0750", "owner": "root", "group": "root"},
    ],
    "log_files": [
        {
            "path": "/var/log/auth.log",
            "mode": "0640",
            "owner": "syslog",
            "group": "adm",
            "size": 1,
            "mtime": None,
        },
        {"path": "/var/log/wtmp", "mode": "0664", "owner": "root", "group": "utmp", "size": 1, "mtime": None},
        {
            "path": "/var/log/btmp.1",
            "mode": "0660",
            "owner": "root",
            "group": "utmp",
            "size": 1,
            "mtime": None,
        },
        {
            "path": "/var/log/audit/audit.log",
            "mode": "0600",
            "owner": "root",
            "group": "root",
            "size": 1,
            "mtime": None,
        },
        {
            "path": "/var/log/nginx/access.log",
            "mode": "0640",
            "owner": "www-data",
            "group": "adm",
            "size": 1,
            "mtime": None,
        },
    ],
}
ACCOUNTS = {
    "users": [],
    "groups": [
        {
            "name": "adm",
            "gid": 4,
            "members": ["syslog"],
            "explicit_members": ["syslog"],
            "primary_members": [],
        }
    ],
}
case(
    "LOG-2",
    "pass_restrictive_logs",
    {
        "host.logfiles": {"web1": LOGFILES},
        "host.logging": {"web1": LOGGING},
        "host.accounts": {"web1": ACCOUNTS},
    },
    {"deny": []},
    {"log_owners": ["www-data"]},
)
case(
    "LOG-2",
    "fail_this_machine_world_readable_logs",
    {"host.logfiles": {"web1": {"present": True, "method": "find", "truncated": False, **_THIS_MACHINE}}},
    {
        "deny": d(
            web1=("LOG-2.a",)
            * sum(1 for f in _THIS_MACHINE["log_files"] if f["mode"][-1] != "0" or f["mode"][-2] in "2367")
        )
    },
)
case(
    "LOG-2",
    "fail_audit_dir_create_modes_and_reader_group",
    {
        "host.logfiles": {
            "web1": with_(
                LOGFILES,
                log_dirs=[{"path": "/var/log/audit", "mode": "0755", "owner": "root", "group": "root"}],
            )
        },
        "host.logging": {
            "web1": with_(
                LOGGING,
                rsyslog={**LOGGING["rsyslog"], "file_create_mode": "0644"},
                logrotate={
                    "installed": True,
                    "defaults": {},
                    "entries": _entries("debian12_logrotate_d_nginx", create_mode="0644"),
                },
            )
        },
        "host.accounts": {
            "web1": with_(
                ACCOUNTS,
                groups=[
                    {
                        "name": "adm",
                        "gid": 4,
                        "members": ["syslog", "alice"],
                        "explicit_members": ["alice"],
                        "primary_members": [],
                    }
                ],
            )
        },
    },
    {"deny": d(web1=("LOG-2.a", "LOG-2.b", "LOG-2.b", "LOG-2.c"))},
    {"log_owners": ["www-data"]},
)


# TLS-8: real sshd -T outputs (golden cases of host.sshd) -----------------------------------------
def _sshd(name: str) -> dict[str, Any]:
    return {
        "installed": True,
        "method": "sshd -T",
        "method_reason": None,
        "match_blocks": [],
        "config_files": [],
        "effective": _golden("sshd", name)["effective"],
    }


case("TLS-8", "pass_hardened_algorithms", {"host.sshd": {"web1": SSHD}}, {"deny": [], "warn": []})
case(
    "TLS-8",
    "pass_sshd_not_installed",
    {"host.sshd": {"web1": {"installed": False, "method": None, "effective": {}, "match_blocks": []}}},
    {"deny": []},
)
case(
    "TLS-8",
    "fail_debian12_default_macs",
    {"host.sshd": {"web1": _sshd("debian12_sshd_T_packaged_config")}},
    {"deny": d(web1=("TLS-8.b",) * 4), "warn": d(web1=("TLS-8.b",) * 3)},
)
case(
    "TLS-8",
    "fail_group14_sha1_added",
    {"host.sshd": {"web1": _sshd("sshd_T_hardened_with_algorithm_modifiers")}},
    {"deny": d(web1=("TLS-8.b",) * 4 + ("TLS-8.c",))},
)


# NET-2 / NET-4 --------------------------------------------------------------------------------
def _sock(
    port: int, family: str = "ipv4", address: str = "0.0.0.0", process: str = "nginx"
) -> dict[str, Any]:
    return {
        "proto": "tcp",
        "family": family,
        "local_address": address,
        "port": port,
        "is_loopback": address in ("127.0.0.1", "::1"),
        "process": process,
        "pid": 100,
        "processes": [{"name": process, "pid": 100}],
        "unit": f"{process}.service",
    }


def _allow(port: int, cidr: str, family: str = "ipv4") -> dict[str, Any]:
    return {
        "family": family,
        "proto": "tcp",
        "dport": port,
        "dport_end": port,
        "any_port": False,
        "src_cidrs": [cidr],
        "iface": None,
        "action": "accept",
    }


FIREWALL = {
    "method": "runtime",
    "backend": "nftables",
    "active": True,
    "enabled_at_boot": True,
    "boot_units": {"nftables": True},
    "ipv4": {"input_policy": "drop", "has_final_drop": False},
    "ipv6": {"input_policy": "drop", "has_final_drop": False},
    "ufw": None,
    "firewalld": None,
    "ruleset_sha256": "0" * 64,
    "effective_allow": [
        _allow(443, "0.0.0.0/0"),
        _allow(443, "::/0", "ipv6"),
        _allow(22, "10.20.0.0/24"),
        _allow(5432, "10.1.0.0/16"),
    ],
}
LISTENING = {
    "method": "psutil",
    "listening_sockets": [
        _sock(443),
        _sock(443, "ipv6", "::"),
        _sock(22, process="sshd"),
        _sock(5432, process="postgres"),
        _sock(6379, address="127.0.0.1", process="redis-server"),
    ],
}
_APPROVED = {
    "approved_services": {
        "web1": [
            {"proto": "tcp", "port": 22, "allowed_src_cidrs": ["10.20.0.0/24"]},
            {"proto": "tcp", "port": 5432, "allowed_src_cidrs": ["10.1.0.0/16"]},
        ]
    }
}
case(
    "NET-2",
    "pass_approved_services_and_sources",
    {"host.listening": {"web1": LISTENING}, "host.firewall": {"web1": FIREWALL}},
    {"deny": []},
    _APPROVED,
)
case(
    "NET-2",
    "fail_unapproved_listener_and_world_open_database",
    {
        "host.listening": {
            "web1": with_(
                LISTENING,
                listening_sockets=[*LISTENING["listening_sockets"], _sock(9100, process="node_exporter")],
            )
        },
        "host.firewall": {
            "web1": with_(FIREWALL, effective_allow=[*FIREWALL["effective_allow"], _allow(5432, "0.0.0.0/0")])
        },
    },
    {"deny": d(web1=("NET-2.a", "NET-2.b"))},
    _APPROVED,
)
case(
    "NET-2",
    "fail_nothing_approved",
    {"host.listening": {"web1": LISTENING}, "host.firewall": {"web1": FIREWALL}},
    {"deny": d(web1=("NET-2.a", "NET-2.a"))},
)

IPV6 = {
    "method": "runtime",
    "enabled": True,
    "kernel_disabled": False,
    "sysctl": {"net.ipv6.conf.all.disable_ipv6": "0", "net.ipv6.conf.default.disable_ipv6": "0"},
    "ip_addresses": _golden("ipv6", "this_machine_if_inet6")["ip_addresses"],
}
_V6_OPEN = with_(FIREWALL, backend="iptables", ipv6={"input_policy": "accept", "has_final_drop": False})
case(
    "NET-4",
    "pass_inet_table_drops_ipv6",
    {"host.ipv6": {"web1": IPV6}, "host.firewall": {"web1": FIREWALL}, "host.listening": {"web1": LISTENING}},
    {"deny": []},
)
case(
    "NET-4",
    "pass_ipv6_disabled",
    {"host.ipv6": {"web1": with_(IPV6, enabled=False, ip_addresses=[])}, "host.firewall": {"web1": _V6_OPEN}},
    {"deny": []},
)
case(
    "NET-4",
    "fail_ip6tables_accept_with_global_address",
    {"host.ipv6": {"web1": IPV6}, "host.firewall": {"web1": _V6_OPEN}, "host.listening": {"web1": LISTENING}},
    {"deny": d(web1="NET-4")},
)
case(
    "NET-4",
    "fail_image_config_enables_ipv6",
    {
        "host.ipv6": {
            "img": {
                "method": "configuration",
                "enabled": True,
                "ip_addresses": None,
                "kernel_disabled": False,
                "sysctl": {"net.ipv6.conf.all.disable_ipv6": None},
            }
        },
        "host.firewall": {"img": _V6_OPEN},
    },
    {"deny": d(img="NET-4")},
)


# ACC-4 (host part) ----------------------------------------------------------------------------
def _user(name: str, uid: int, shell: str, pw: str, keys: int = 0) -> dict[str, Any]:
    login = not (shell.endswith("nologin") or shell.endswith("false") or shell == "/bin/sync")
    return {
        "name": name,
        "uid": uid,
        "gid": uid,
        "home": f"/home/{name}",
        "shell": shell,
        "login_shell": login,
        "password_state": pw,
        "hash_scheme": "yescrypt" if pw == "usable" else "none",
        "password_last_change_days": 20000,
        "authorized_keys": [],
        "authorized_keys_count": keys,
        "authorized_keys_readable": True,
        "last_login": None,
        "interactive": login and (pw == "usable" or keys > 0),
    }


_USERS = [
    _user("root", 0, "/bin/bash", "locked"),
    _user("daemon", 1, "/usr/sbin/nologin", "no_password"),
    _user("sync", 4, "/bin/sync", "no_password"),
    _user("www-data", 33, "/usr/sbin/nologin", "no_password"),
    _user("postgres", 110, "/usr/sbin/nologin", "locked"),
    _user("nobody", 65534, "/usr/sbin/nologin", "no_password"),
    _user("alice", 1001, "/bin/bash", "usable", 1),
]
HOST_ACCOUNTS = {
    "hostname": "web1",
    "users": _USERS,
    "files": [],
    "sudoers": {"rules": []},
    "groups": [
        {
            "name": "sudo",
            "gid": 27,
            "members": ["alice"],
            "explicit_members": ["alice"],
            "primary_members": [],
        }
    ],
}
case(
    "ACC-4",
    "pass_locked_services_personal_admin",
    {"host.accounts": {"web1": HOST_ACCOUNTS}, "host.sshd": {"web1": SSHD}},
    {"deny": []},
)
case(
    "ACC-4",
    "fail_debian_postgres_shell_generic_ubuntu_root_login",
    {
        "host.accounts": {
            "web1": with_(
                HOST_ACCOUNTS,
                users=[
                    _user("root", 0, "/bin/bash", "usable"),
                    _user("postgres", 110, "/bin/bash", "no_password"),
                    _user("deploy", 998, "/bin/bash", "no_password", 2),
                    _user("ubuntu", 1000, "/bin/bash", "locked", 1),
                    _user("alice", 1001, "/bin/bash", "usable", 1),
                ],
            )
        },
        "host.sshd": {
            "web1": with_(SSHD, effective={**SSHD["effective"], "permitrootlogin": "without-password"})
        },
    },
    {"deny": d(web1=("ACC-4.b",) * 5 + ("ACC-4.c", "ACC-4.c"))},
)

# ACC-15 ---------------------------------------------------------------------------------------
_F2B_JAILS = [
    {
        "name": "sshd",
        "enabled": True,
        "maxretry": 5,
        "findtime": 600,
        "bantime": 600,
        "port": "ssh",
        "backend": "systemd",
    },
    {
        "name": "recidive",
        "enabled": False,
        "maxretry": 5,
        "findtime": 86400,
        "bantime": 604800,
        "port": "0:65535",
        "backend": "auto",
    },
]
FAIL2BAN = {
    "installed": True,
    "running": True,
    "enabled_at_boot": True,
    "active_jails": ["sshd"],
    "files": ["/etc/fail2ban/jail.conf", "/etc/fail2ban/jail.d/defaults-debian.conf"],
    "jails": _F2B_JAILS,
}
case("ACC-15", "pass_debian_packaged_sshd_jail", {"host.fail2ban": {"web1": FAIL2BAN}}, {"deny": []})
case(
    "ACC-15",
    "fail_not_installed",
    {
        "host.fail2ban": {
            "web1": {
                "installed": False,
                "running": None,
                "enabled_at_boot": False,
                "jails": [],
                "files": [],
                "active_jails": None,
            }
        }
    },
    {"deny": d(web1="ACC-15.a")},
)
case(
    "ACC-15",
    "fail_loose_jail_and_stopped",
    {
        "host.fail2ban": {
            "web1": with_(
                FAIL2BAN,
                running=False,
                active_jails=None,
                jails=[{**_F2B_JAILS[0], "maxretry": 10, "bantime": 300}],
            )
        }
    },
    {"deny": d(web1=("ACC-15.a", "ACC-15.b", "ACC-15.b"))},
)

# TLS-6 / ACC-5.c --------------------------------------------------------------------------------
_HBA_DEBIAN = _golden("dbtls", "debian12_postgresql_15_pg_hba")["hba"]
_HBA_REMOTE = _golden("dbtls", "pg_hba_remote_ssl_and_plain")["hba"]
PG = {
    "engine": "postgresql",
    "instance": "15/main",
    "files": ["/etc/postgresql/15/main/postgresql.conf"],
    "bind_addresses": ["localhost"],
    "port": 5432,
    "loopback_only": True,
    "ssl_enabled": False,
    "ssl_min_protocol_version": "TLSv1.2",
    "log_connections": True,
    "log_disconnections": True,
    "hba_file": "/etc/postgresql/15/main/pg_hba.conf",
    "hba": _HBA_DEBIAN,
    "require_secure_transport": None,
    "tls_versions": None,
    "audit_plugin": None,
}
MARIADB = {
    "engine": "mysql",
    "instance": "/etc/mysql/my.cnf",
    "files": ["/etc/mysql/my.cnf"],
    "bind_addresses": ["0.0.0.0"],
    "port": 3306,
    "loopback_only": False,
    "ssl_enabled": True,
    "ssl_min_protocol_version": None,
    "require_secure_transport": True,
    "tls_versions": ["TLSv1.2", "TLSv1.3"],
    "audit_plugin": "server_audit",
    "log_connections": None,
    "log_disconnections": None,
    "hba": None,
    "hba_file": None,
}
_PG_REMOTE_OK = with_(
    PG,
    bind_addresses=["*"],
    loopback_only=False,
    ssl_enabled=True,
    hba=[h for h in _HBA_REMOTE if h["type"] != "host" or h["loopback"]],
)
case(
    "TLS-6",
    "pass_debian_loopback_postgres_and_tls_mariadb",
    {"host.dbtls": {"db1": {"db_config": [PG, MARIADB]}}},
    {"deny": [], "warn": []},
)
case(
    "TLS-6",
    "pass_remote_postgres_hostssl_only",
    {"host.dbtls": {"db1": {"db_config": [_PG_REMOTE_OK]}}},
    {"deny": []},
)
case("TLS-6", "pass_no_database", {"host.dbtls": {"web1": {"db_config": []}}}, {"deny": []})
case(
    "TLS-6",
    "fail_remote_postgres_plain_host_lines_and_ssl_off",
    {
        "host.dbtls": {
            "db1": {"db_config": [with_(PG, bind_addresses=["*"], loopback_only=False, hba=_HBA_REMOTE)]}
        }
    },
    {"deny": d(db1=("TLS-6", "TLS-6"))},
)
case(
    "TLS-6",
    "fail_mariadb_optional_tls_old_versions",
    {
        "host.dbtls": {
            "db1": {
                "db_config": [
                    with_(MARIADB, require_secure_transport=False, tls_versions=["TLSv1.1", "TLSv1.2"])
                ]
            }
        }
    },
    {"deny": d(db1=("TLS-6", "TLS-6"))},
)
_DB_PARAMS = {"amazon_data_paths": ["/var/lib/postgresql/15/main"]}
case(
    "ACC-5",
    "pass_watched_and_connections_logged",
    {"host.auditd": {"db1": AUDITD}, "host.dbtls": {"db1": {"db_config": [PG, MARIADB]}}},
    {"deny": []},
    _DB_PARAMS,
)
case(
    "ACC-5",
    "fail_debian_postgres_and_mariadb_without_audit",
    {
        "host.auditd": {"db1": AUDITD},
        "host.dbtls": {
            "db1": {
                "db_config": [
                    with_(PG, log_connections=False, log_disconnections=False),
                    with_(MARIADB, audit_plugin=None),
                ]
            }
        },
    },
    {"deny": d(db1=("ACC-5.c",) * 3)},
    _DB_PARAMS,
)

# ENC-5 ------------------------------------------------------------------------------------------
_PRIV = {"path": "/etc/ssl/private", "mode": "0710", "owner": "root", "group": "ssl-cert"}
_ETC_SSL = [
    _PRIV,
    {"path": "/etc/ssl", "mode": "0755", "owner": "root", "group": "root"},
    {"path": "/etc", "mode": "0755", "owner": "root", "group": "root"},
]
SNAKEOIL = {
    "path": "/etc/ssl/private/ssl-cert-snakeoil.key",
    "purpose": "tls",
    "mode": "0640",
    "owner": "root",
    "group": "ssl-cert",
    "group_members": ["postgres"],
    "acl_entries": [],
    "acl_known": True,
    "effective_readers": ["postgres", "root"],
    "parent_dirs": _ETC_SSL,
    "in_web_root": False,
}
KEYFILES = {"files": [SNAKEOIL], "configured_missing": [], "acl_reason": None, "truncated": False}
case(
    "ENC-5",
    "pass_debian_snakeoil_for_postgres",
    {"host.keyfiles": {"db1": KEYFILES}},
    {"deny": [], "warn": []},
    {"service_accounts": ["postgres", "www-data"]},
)
case(
    "ENC-5",
    "fail_acl_reader_and_web_root_key",
    {
        "host.keyfiles": {
            "web1": with_(
                KEYFILES,
                files=[
                    with_(
                        SNAKEOIL,
                        acl_entries=[{"tag": "user", "qualifier": "alice", "perms": "r--"}],
                        effective_readers=["alice", "postgres", "root"],
                    ),
                    {
                        "path": "/var/www/app/config/lwa_refresh_token.json",
                        "purpose": "lwa",
                        "mode": "0644",
                        "owner": "deploy",
                        "group": "www-data",
                        "group_members": ["www-data"],
                        "acl_entries": [],
                        "acl_known": True,
                        "effective_readers": ["*", "deploy", "www-data"],
                        "in_web_root": True,
                        "parent_dirs": [
                            {
                                "path": "/var/www/app/config",
                                "mode": "0775",
                                "owner": "deploy",
                                "group": "www-data",
                            }
                        ],
                    },
                ],
            )
        }
    },
    {"deny": d(web1=("ENC-5",) * 7)},
    {"service_accounts": ["postgres", "www-data"]},
)
case(
    "ENC-5",
    "fail_rootfs_default_accounts_read_keys",
    {
        "host.keyfiles": {
            "img": with_(
                KEYFILES,
                acl_reason="ACLs cannot be read from a mounted image (getfacl needs the live filesystem)",
                configured_missing=["/etc/app/kek.bin"],
            )
        }
    },
    {"deny": d(img="ENC-5"), "warn": d(img=("ENC-5", "ENC-5"))},
)
case(
    "LOG-2",
    "pass_partial_listing_warns",
    {"host.logfiles": {"web1": with_(LOGFILES, partial_reason="web1: sudo denied for find")}},
    {"deny": [], "warn": d(web1="LOG-2.a")},
    {"log_owners": ["www-data"]},
)

# nginx vhosts (host.webserver) for ACC-15.c, ACC-5.d, LOG-1.f -----------------------------------
_APP = _golden("nginx", "app_vhosts_limit_req_and_access_log_off")
WEB_OK = {
    "nginx": {
        "installed": True,
        "files": ["/etc/nginx/nginx.conf"],
        "limit_req_zones": _APP["limit_req_zones"],
        "vhosts": [
            _APP["vhosts"][0],
            {
                **_APP["vhosts"][1],
                "locations": [loc for loc in _APP["vhosts"][1]["locations"] if loc["path"] != "/account"],
            },
        ],
    }
}
WEB_BAD = {"nginx": {"installed": True, "files": ["/etc/nginx/nginx.conf"], **_APP}}
case(
    "ACC-15",
    "pass_app_locations_rate_limited",
    {"host.fail2ban": {"web1": FAIL2BAN}, "host.webserver": {"web1": WEB_OK}},
    {"deny": []},
)
case(
    "ACC-15",
    "fail_app_locations_without_limit_req",
    {"host.fail2ban": {"web1": FAIL2BAN}, "host.webserver": {"web1": WEB_BAD}},
    {"deny": d(web1=("ACC-15.c", "ACC-15.c"))},
)
case(
    "ACC-5",
    "fail_vhost_access_log_off",
    {"host.auditd": {"db1": AUDITD}, "host.webserver": {"db1": WEB_BAD}},
    {"deny": d(db1="ACC-5.d")},
    _DB_PARAMS,
)
case(
    "LOG-1",
    "fail_vhost_access_log_off",
    {"host.auditd": {"db1": AUDITD}, "host.sshd": {"db1": SSHD}, "host.webserver": {"db1": WEB_BAD}},
    {"deny": d(db1="LOG-1.f")},
)
case(
    "LOG-1",
    "pass_logged_vhosts",
    {"host.auditd": {"db1": AUDITD}, "host.sshd": {"db1": SSHD}, "host.webserver": {"db1": WEB_OK}},
    {"deny": []},
)
