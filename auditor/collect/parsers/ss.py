"""`ss -H -tulpn`: listening TCP and unconnected UDP sockets with their processes."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

_PROC = re.compile(r'\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)')


def parse(output: str, command: str = "ss -H -tulpn") -> dict[str, Any]:
    return {"listening_sockets": parse_ss(output)}


def split_address(text: str) -> tuple[str, int]:
    """`0.0.0.0:22`, `[::]:22`, `*:22`, `127.0.0.53%lo:53`, `[fe80::1%eth0]:546` -> (addr, port)."""
    addr, _, port = text.rpartition(":")
    addr = addr.strip("[]")
    addr = addr.split("%", 1)[0]
    return addr, int(port) if port.isdigit() else 0


def address_facts(addr: str) -> tuple[str, bool]:
    """(family, is_loopback) for a bound address; `*` is any address of both families."""
    if addr in ("*", ""):
        return "any", False
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return ("ipv6" if ":" in addr else "ipv4"), False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return "ipv6", ip.ipv4_mapped.is_loopback
    return ("ipv6" if ip.version == 6 else "ipv4"), ip.is_loopback


def parse_ss(text: str) -> list[dict[str, Any]]:
    sockets = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 6 or fields[0] not in ("tcp", "udp"):
            continue
        proto, state, local = fields[0], fields[1], fields[4]
        if proto == "tcp" and state != "LISTEN":
            continue
        addr, port = split_address(local)
        family, loopback = address_facts(addr)
        procs = [{"name": m.group(1), "pid": int(m.group(2))} for m in _PROC.finditer(line)]
        first = procs[0] if procs else {"name": None, "pid": None}
        sockets.append({
            "proto": proto, "family": family, "local_address": addr, "port": port,
            "is_loopback": loopback, "process": first["name"], "pid": first["pid"],
            "processes": procs, "unit": None,
        })
    return sorted(sockets, key=lambda s: (s["proto"], s["port"], s["local_address"], s["pid"] or 0))


def unit_from_cgroup(text: str) -> str | None:
    """`0::/system.slice/nginx.service` -> nginx.service (systemd's unit for the pid)."""
    for line in text.splitlines():
        path = line.rsplit(":", 1)[-1]
        for part in reversed(path.split("/")):
            if part.endswith((".service", ".scope", ".socket")):
                return part
    return None
