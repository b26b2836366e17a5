"""Database server TLS and connection-logging settings: postgresql.conf, pg_hba.conf and
MySQL/MariaDB option files (my.cnf with !include/!includedir)."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

_PG_LINE = re.compile(r"^\s*([A-Za-z_.]+)\s*=?\s*('(?:[^']|'')*'|[^#\s]+)")
SERVER_GROUPS = ("mysqld", "server", "mariadb", "mariadbd", "mysqld-8.0")


def parse(output: str, command: str = "cat /etc/postgresql/15/main/postgresql.conf") -> dict[str, Any]:
    """postgresql.conf -> {settings{name: value}, includes[]{kind, path}} (last assignment wins)."""
    settings: dict[str, str] = {}
    includes: list[dict[str, str]] = []
    for raw in output.splitlines():
        m = _PG_LINE.match(raw)
        if not m:
            continue
        name, value = m.group(1).lower(), m.group(2)
        if value.startswith("'"):
            value = value[1:-1].replace("''", "'")
        if name in ("include", "include_if_exists", "include_dir"):
            includes.append({"kind": name, "path": value})
        else:
            settings[name] = value
    return {"settings": settings, "includes": includes}


def parse_hba(output: str, command: str = "cat /etc/postgresql/15/main/pg_hba.conf") -> dict[str, Any]:
    lines = []
    for number, raw in enumerate(output.splitlines(), 1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        kind = words[0]
        if kind == "local" and len(words) >= 4:
            lines.append(
                {
                    "type": kind,
                    "database": words[1],
                    "user": words[2],
                    "address": None,
                    "method": words[3],
                    "loopback": True,
                    "line": number,
                }
            )
        elif kind.startswith("host") and len(words) >= 5:
            address, rest = words[3], words[4:]
            if "/" not in address and rest and re.match(r"^\d+\.\d+\.\d+\.\d+$", rest[0]):
                address = f"{address}/{_mask_bits(rest[0])}"
                rest = rest[1:]
            lines.append(
                {
                    "type": kind,
                    "database": words[1],
                    "user": words[2],
                    "address": address,
                    "method": rest[0] if rest else None,
                    "loopback": _loopback_net(address),
                    "line": number,
                }
            )
    return {"hba": lines}


def _loopback_net(address: str) -> bool:
    """127.0.0.0/8 and ::1 subnets, localhost and samehost are loopback; `all`, hostnames and
    wider networks are not."""
    if address in ("localhost", "samehost"):
        return True
    try:
        net = ipaddress.ip_network(address, strict=False)
    except ValueError:
        return False
    return net.is_loopback


def _mask_bits(mask: str) -> int:
    return sum(bin(int(octet)).count("1") for octet in mask.split("."))


def parse_mycnf(output: str, command: str = "cat /etc/mysql/my.cnf") -> dict[str, Any]:
    """An option file -> {groups{group: {option: value}}, includes[]{kind, path}}; `-` and `_`
    in option names are the same to mysqld."""
    groups: dict[str, dict[str, str]] = {}
    includes: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for raw in output.splitlines():
        text = raw.strip()
        if not text or text[0] in "#;":
            continue
        if text.startswith("!include"):
            kind, _, path = text.partition(" ")
            includes.append({"kind": kind[1:], "path": path.strip()})
            continue
        if text.startswith("[") and text.endswith("]"):
            current = groups.setdefault(text[1:-1].strip().lower(), {})
            continue
        if current is None:
            continue
        key, sep, value = text.partition("=")
        value = value.split("#", 1)[0].strip().strip("'\"") if sep else "1"
        current[key.strip().lower().replace("-", "_")] = value
    return {"groups": groups, "includes": includes}


def loopback_only(addresses: list[str]) -> bool:
    return bool(addresses) and all(
        a in ("localhost", "127.0.0.1", "::1") or a.startswith("127.") for a in addresses
    )
