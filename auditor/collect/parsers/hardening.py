"""Host hardening settings the peers (OpenSCAP, Lynis) judge: login.defs, pwquality.conf,
sysctl.d files, systemd's coredump.conf and limits.conf core limits, and the time daemons.

Pure parsers; values stay strings or ints as the files give them, unknown stays null.
"""

from __future__ import annotations

import re
from typing import Any

LOGIN_DEFS_KEYS = ("PASS_MAX_DAYS", "PASS_MIN_DAYS", "PASS_WARN_AGE", "UMASK", "ENCRYPT_METHOD")
# Network settings of CIS/STIG section 3 (redirects, source routing, reverse-path filter).
NET_SYSCTLS = (
    "net.ipv4.conf.all.accept_redirects", "net.ipv4.conf.default.accept_redirects",
    "net.ipv4.conf.all.send_redirects", "net.ipv4.conf.default.send_redirects",
    "net.ipv4.conf.all.accept_source_route", "net.ipv4.conf.default.accept_source_route",
    "net.ipv4.conf.all.secure_redirects", "net.ipv4.conf.all.rp_filter",
    "net.ipv4.conf.default.rp_filter", "net.ipv6.conf.all.accept_redirects",
    "net.ipv6.conf.default.accept_redirects", "net.ipv6.conf.all.accept_source_route",
)
CORE_SYSCTLS = ("fs.suid_dumpable", "kernel.core_pattern")
TIME_DAEMONS = {"chronyd": "chrony", "systemd-timesyn": "systemd-timesyncd", "ntpd": "ntp",
                "ntpsec": "ntpsec", "openntpd": "openntpd"}


def parse(output: str, command: str = "cat /etc/login.defs") -> dict[str, Any]:
    return parse_login_defs(output, command)


def parse_login_defs(output: str, command: str = "cat /etc/login.defs") -> dict[str, Any]:
    """login.defs -> the ageing, umask and hash settings (last value wins, as shadow does)."""
    values: dict[str, str] = {}
    for line in output.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 2 and words[0] in LOGIN_DEFS_KEYS:
            values[words[0]] = words[1]
    return {k.lower(): _int_or(values.get(k)) if k != "UMASK" and k != "ENCRYPT_METHOD" else values.get(k)
            for k in LOGIN_DEFS_KEYS}


def parse_key_values(output: str, command: str = "cat /etc/security/pwquality.conf") -> dict[str, Any]:
    """`key = value` files (pwquality.conf, sysctl.conf, coredump.conf [Coredump]) -> {key: value}."""
    values: dict[str, str] = {}
    for line in output.splitlines():
        if line.lstrip().startswith(("#", ";")):
            continue
        line = line.split("#", 1)[0].strip()
        key, sep, value = line.partition("=")
        if sep and key.strip():
            values[key.strip().lstrip("-")] = value.strip()
    return {"values": values}


def parse_limits(output: str, command: str = "cat /etc/security/limits.conf") -> dict[str, Any]:
    """limits.conf -> the `core` limits set for everyone (`*`): {soft, hard} as written."""
    core: dict[str, str | None] = {"soft": None, "hard": None}
    for line in output.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) == 4 and words[0] == "*" and words[2] == "core":
            for kind in ("soft", "hard") if words[1] == "-" else (words[1],):
                if kind in core:
                    core[kind] = words[3]
    return {"core": core}


def parse_time_daemons(output: str, command: str = "ps -e -o comm=") -> dict[str, Any]:
    """`ps -e -o comm=` -> the time synchronisation daemons that run."""
    names = {line.strip() for line in output.splitlines()}
    return {"running": sorted(pkg for comm, pkg in TIME_DAEMONS.items() if comm in names)}


def umask_ok(value: str | None) -> bool | None:
    """027 or stricter (no group write, nothing for others); None when unknown."""
    if value is None or not re.fullmatch(r"0?[0-7]{3}", value):
        return None
    mask = int(value, 8)
    return mask & 0o027 == 0o027


def _int_or(value: str | None) -> int | None:
    return int(value) if value is not None and re.fullmatch(r"-?\d+", value) else None
