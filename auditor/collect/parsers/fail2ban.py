"""fail2ban jails: jail.conf, jail.d/*.conf, jail.local, jail.d/*.local in fail2ban's order,
[DEFAULT] inherited by every jail; times in seconds (fail2ban's `10m`, `1h`, `-1` = forever)."""

from __future__ import annotations

import re
from typing import Any

_UNITS = {
    "": 1,
    "s": 1,
    "sec": 1,
    "m": 60,
    "min": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
    "w": 604800,
    "week": 604800,
    "mo": 2592000,
    "month": 2592000,
    "y": 31536000,
    "year": 31536000,
}
KEYS = ("enabled", "maxretry", "findtime", "bantime", "port", "backend", "filter")


def parse(output: str, command: str = "cat /etc/fail2ban/jail.conf") -> dict[str, Any]:
    """One file -> {section: {key: value}} (continuation lines joined, comments dropped)."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    key = ""
    for raw in output.splitlines():
        if not raw.strip() or raw.lstrip()[0] in "#;":
            continue
        if raw[0].isspace() and current is not None and key:
            current[key] += " " + raw.strip()
            continue
        text = raw.strip()
        if text.startswith("[") and text.endswith("]"):
            current = sections.setdefault(text[1:-1], {})
            key = ""
            continue
        name, sep, value = text.partition("=")
        if sep and current is not None:
            key = name.strip().lower()
            current[key] = value.split(" #", 1)[0].strip()
    return {"sections": sections}


def seconds(value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip().lower()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    total = 0
    for number, unit in re.findall(r"(\d+)\s*([a-z]*)", text):
        unit = unit.rstrip("s") if unit.rstrip("s") in _UNITS and unit not in _UNITS else unit
        if unit not in _UNITS:
            return None
        total += int(number) * _UNITS[unit]
    return total if text else None


def jails(merged: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """Effective jail settings: each section over [DEFAULT]."""
    default = merged.get("DEFAULT", {})
    out = []
    for name, values in merged.items():
        if name in ("DEFAULT", "INCLUDES", "Definition", "Init"):
            continue
        eff = {**default, **values}
        maxretry = eff.get("maxretry")
        out.append(
            {
                "name": name,
                "enabled": eff.get("enabled", "false").lower() in ("true", "yes", "1"),
                "maxretry": int(maxretry) if maxretry and maxretry.isdigit() else None,
                "findtime": seconds(eff.get("findtime")),
                "bantime": seconds(eff.get("bantime")),
                "port": eff.get("port"),
                "backend": eff.get("backend"),
            }
        )
    return sorted(out, key=lambda j: j["name"])


def parse_status(output: str, command: str = "fail2ban-client status") -> list[str]:
    """`|- Number of jail: 2` / `` `- Jail list: sshd, nginx-http-auth `` -> jail names."""
    for line in output.splitlines():
        if "Jail list:" in line:
            return sorted(j.strip() for j in line.split("Jail list:", 1)[1].split(",") if j.strip())
    return []
