"""IPv6 state: /proc/net/if_inet6 addresses and scopes, sysctl settings, kernel command line."""

from __future__ import annotations

import ipaddress
from typing import Any

_SCOPES = {"00": "global", "10": "host", "20": "link", "40": "site", "05": "site", "0e": "global"}


def parse(output: str, command: str = "cat /proc/net/if_inet6") -> dict[str, Any]:
    addresses = []
    for line in output.splitlines():
        f = line.split()
        if len(f) < 6 or len(f[0]) != 32:
            continue
        addr = ipaddress.IPv6Address(int(f[0], 16))
        addresses.append(
            {
                "address": str(addr),
                "prefix": int(f[2], 16),
                "scope": _SCOPES.get(f[3], f[3]),
                "interface": f[5],
                "family": "ipv6",
                "private": addr.is_private,
            }
        )
    return {"ip_addresses": addresses}


def parse_sysctl(output: str, command: str = "cat /etc/sysctl.conf") -> dict[str, Any]:
    """sysctl.conf / sysctl.d lines (`key = value`, `/` or `.` separators); last wins."""
    values: dict[str, str] = {}
    for raw in output.splitlines():
        text = raw.strip()
        if not text or text[0] in "#;":
            continue
        key, sep, value = text.lstrip("-").partition("=")
        if sep:
            values[key.strip().replace("/", ".")] = value.strip()
    return {"sysctl": values}
