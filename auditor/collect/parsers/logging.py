"""Log retention and forwarding configuration: logrotate, journald, rsyslog, journal-upload.

logrotate: directives before the first block are defaults that every later block inherits
(logrotate.conf's `include /etc/logrotate.d` makes them apply to the package files).
rsyslog: forwarding actions in legacy (`@host`, `@@host:port`) and RainerScript
(`action(type="omfwd" ...)`) syntax; TLS when the stream driver mode is 1 (gtls/ossl).
"""

from __future__ import annotations

import re
import shlex
from typing import Any

FREQUENCIES = {"hourly": 0, "daily": 1, "weekly": 7, "monthly": 28, "yearly": 365}
_UNITS = {
    "s": 1,
    "min": 60,
    "m": 60,
    "h": 3600,
    "day": 86400,
    "d": 86400,
    "week": 604800,
    "w": 604800,
    "month": 2629800,
    "year": 31557600,
    "y": 31557600,
    "ms": 0,
    "us": 0,
}


def _directive(state: dict[str, Any], words: list[str]) -> None:
    key = words[0]
    if key in FREQUENCIES:
        state["frequency"] = key
    elif key in ("rotate", "maxage") and len(words) > 1 and words[1].lstrip("-").isdigit():
        state[key] = int(words[1])
    elif key in ("size", "minsize", "maxsize") and len(words) > 1:
        state[key] = words[-1]
    elif key == "create":
        state["create_mode"], state["create_owner"], state["create_group"] = (words[1:] + [None, None, None])[
            :3
        ]
    elif key == "nocreate":
        state["create_mode"] = state["create_owner"] = state["create_group"] = None
    elif key == "su" and len(words) > 2:
        state["su"] = f"{words[1]}:{words[2]}"


def parse(
    output: str, command: str = "cat /etc/logrotate.conf", defaults: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One logrotate file -> {defaults, entries[]{paths[], frequency, rotate, maxage, size, create_*}}."""
    path = command.split()[-1]
    glob = {
        "frequency": None,
        "rotate": None,
        "maxage": None,
        "size": None,
        "create_mode": None,
        "create_owner": None,
        "create_group": None,
        **(defaults or {}),
    }
    entries: list[dict[str, Any]] = []
    includes: list[str] = []
    block: dict[str, Any] | None = None
    paths: list[str] = []
    in_script = False
    for number, raw in enumerate(output.splitlines(), 1):
        text = raw.split("#", 1)[0].strip() if not in_script else raw.strip()
        if not text:
            continue
        if in_script:
            in_script = text != "endscript"
            continue
        if text.split()[0] in ("prerotate", "postrotate", "firstaction", "lastaction", "preremove"):
            in_script = True
            continue
        if block is None and text.endswith("{"):
            paths += _words(text[:-1])
            block = {**glob, "paths": paths, "file": path, "line": number}
            paths = []
            continue
        if block is None and text.startswith("/") and "{" not in text:
            paths += _words(text)  # paths on several lines before the brace
            continue
        if text == "}":
            if block is not None:
                entries.append(block)
            block = None
            continue
        words = _words(text)
        if block is None and words[0] == "include" and len(words) > 1:
            includes.append(words[1])
        _directive(block if block is not None else glob, words)
    return {"defaults": glob, "entries": entries, "includes": includes}


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def retention_days(entry: dict[str, Any]) -> int | None:
    """(rotate + 1) x period: the oldest line a rotation scheme keeps, in days."""
    period = FREQUENCIES.get(entry.get("frequency") or "")
    if period is None or entry.get("rotate") is None:
        return None
    if entry["frequency"] == "hourly":
        return int((entry["rotate"] + 1) // 24)
    return int((entry["rotate"] + 1) * period)


def parse_ini(output: str, command: str = "cat /etc/systemd/journald.conf") -> dict[str, Any]:
    """systemd unit-style ini: {section: {key: value}} (last assignment wins)."""
    out: dict[str, dict[str, str]] = {}
    section = ""
    for raw in output.splitlines():
        text = raw.strip()
        if not text or text[0] in "#;":
            continue
        if text.startswith("[") and text.endswith("]"):
            section = text[1:-1]
            out.setdefault(section, {})
            continue
        key, sep, value = text.partition("=")
        if sep:
            out.setdefault(section, {})[key.strip()] = value.strip()
    return out


def seconds(value: str | None) -> int | None:
    """systemd time span ("6month", "184d", "1y 2w", "0") -> seconds."""
    if value is None:
        return None
    total = 0
    for number, unit in re.findall(r"(\d+)\s*([a-z]*)", value.strip().lower()):
        unit = unit or "s"
        unit = unit.rstrip("s") if unit not in _UNITS and unit.rstrip("s") in _UNITS else unit
        if unit.startswith("month"):
            unit = "month"
        if unit not in _UNITS:
            return None
        total += int(number) * _UNITS[unit]
    return total


_LEGACY_FWD = re.compile(
    r"^(?P<selector>\S+)\s+(?P<proto>@@?)(?:\((?P<opts>[^)]*)\))?(?P<target>[^\s:;]+|\[[^\]]+\])(?::(?P<port>\d+))?"
)
_ACTION = re.compile(r"(?P<prefix>[^\n]*?)\baction\s*\((?P<body>[^)]*)\)", re.S)
_PARAM = re.compile(r'([\w.]+)\s*=\s*"([^"]*)"')


def parse_rsyslog(output: str, command: str = "cat /etc/rsyslog.conf") -> dict[str, Any]:
    path = command.split()[-1]
    forwards: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    includes: list[str] = []
    legacy: dict[str, str] = {}
    lines = output.splitlines()
    for number, raw in enumerate(lines, 1):
        text = raw.split("#", 1)[0].strip() if not raw.strip().startswith("$") else raw.strip()
        if not text:
            continue
        if text.startswith("$"):
            key, _, value = text[1:].partition(" ")
            legacy[key.lower()] = value.strip()
            if key.lower() == "includeconfig":
                includes.append(value.strip())
            continue
        include = re.match(r'include\s*\(\s*file\s*=\s*"([^"]+)"', text)
        if include:
            includes.append(include.group(1))
            continue
        m = _LEGACY_FWD.match(text)
        if m:
            tls = legacy.get("actionsendstreamdrivermode") == "1" and m["proto"] == "@@"
            forwards.append(
                {
                    "host": m["target"].strip("[]"),
                    "port": int(m["port"] or 514),
                    "protocol": "tcp" if m["proto"] == "@@" else "udp",
                    "tls": tls,
                    "facilities": _facilities(m["selector"]),
                    "file": path,
                    "line": number,
                }
            )
            continue
        words = text.split()
        if len(words) == 2 and words[1].lstrip("-").startswith("/"):
            files.append(
                {
                    "facilities": _facilities(words[0]),
                    "path": words[1].lstrip("-"),
                    "file": path,
                    "line": number,
                }
            )
    for m in _ACTION.finditer(output):
        params = {k.lower(): v for k, v in _PARAM.findall(m["body"])}
        if params.get("type") != "omfwd":
            continue
        line = output[: m.start("body")].count("\n") + 1
        selector = m["prefix"].split("#", 1)[0].strip().split()
        mode = params.get("streamdrivermode", legacy.get("actionsendstreamdrivermode", "0"))
        forwards.append(
            {
                "host": params.get("target"),
                "port": int(params.get("port", "514")),
                "protocol": params.get("protocol", "udp").lower(),
                "tls": mode == "1",
                "facilities": _facilities(selector[0]) if selector else ["*"],
                "file": path,
                "line": line,
            }
        )
    return {
        "forwards": forwards,
        "file_actions": files,
        "includes": includes,
        "file_create_mode": legacy.get("filecreatemode"),
        "file_group": legacy.get("filegroup"),
    }


def _facilities(selector: str) -> list[str]:
    """`auth,authpriv.*;*.none` -> facilities selected at some priority (not `.none`)."""
    out: list[str] = []
    for part in selector.split(";"):
        facs, _, prio = part.partition(".")
        if prio == "none":
            out = [f for f in out if f not in facs.split(",")]
            continue
        out += [f for f in facs.split(",") if f and f not in out]
    return out


# Kernel comm names are cut at 15 characters: systemd-journald shows as systemd-journal.
LOG_DAEMONS = {"journald": ("systemd-journal",), "rsyslog": ("rsyslogd",), "syslog_ng": ("syslog-ng",)}


def parse_processes(output: str, command: str = "ps -e -o comm=") -> dict[str, Any]:
    """`ps -e -o comm=` -> which log daemons run (journald, rsyslog, syslog-ng)."""
    names = {line.strip() for line in output.splitlines() if line.strip()}
    return {daemon: any(c in names for c in comms) for daemon, comms in LOG_DAEMONS.items()}


def parse_dpkg_search(output: str, command: str = "dpkg-query -S PATH...") -> dict[str, Any]:
    """`dpkg-query -S path...` (or the lines of /var/lib/dpkg/info/<pkg>.list joined the same
    way) -> {path: package}; diversion notes are skipped, several packages keep the first."""
    owners: dict[str, str] = {}
    for line in output.splitlines():
        if line.startswith(("diversion by", "local diversion")) or ": " not in line:
            continue
        packages, _, path = line.partition(": ")
        owners.setdefault(path.strip(), packages.split(",")[0].strip().split(":")[0])
    return {"owners": owners}
