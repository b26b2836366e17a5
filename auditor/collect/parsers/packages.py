"""Pending updates (apt-get -s dist-upgrade, dnf updateinfo list), os-release and OS end of life.

apt gives no severity and no publication date; they stay null (the rule decides what an
unknown date means). The EOL table is end of the vendor's free security support (Debian
LTS, Ubuntu standard support, RHEL maintenance); paid extensions (ESM, ELS) do not count.
"""

from __future__ import annotations

import email.utils
import re
import shlex
from datetime import UTC
from typing import Any

EOL: dict[tuple[str, str], str] = {
    ("debian", "9"): "2022-06-30",
    ("debian", "10"): "2024-06-30",
    ("debian", "11"): "2026-08-31",
    ("debian", "12"): "2028-06-30",
    ("debian", "13"): "2030-06-30",
    ("ubuntu", "18.04"): "2023-05-31",
    ("ubuntu", "20.04"): "2025-05-31",
    ("ubuntu", "22.04"): "2027-04-30",
    ("ubuntu", "24.04"): "2029-04-30",
    ("rhel", "7"): "2024-06-30",
    ("rhel", "8"): "2029-05-31",
    ("rhel", "9"): "2032-05-31",
    ("centos", "7"): "2024-06-30",
    ("centos", "8"): "2021-12-31",
}
_EL_CLONES = ("rocky", "almalinux", "ol")
_INST = re.compile(
    r"^Inst (?P<name>\S+) (?:\[(?P<current>[^\]]+)\] )?"
    r"\((?P<candidate>\S+) (?P<origins>[^\[]*?)\s*\[[^\]]*\]\)"
)
_DNF = re.compile(
    r"^(?P<advisory>\S+)\s+(?P<severity>[A-Za-z]+)/Sec\.\s+(?P<nevra>\S+)"
    r"(?:\s+(?P<issued>\d{4}-\d\d-\d\d)[ T]?(?P<time>\S*))?$"
)
_DNF_SEVERITY = {"critical": "critical", "important": "high", "moderate": "medium", "low": "low"}


def parse(output: str, command: str = "apt-get -s dist-upgrade") -> dict[str, Any]:
    """`apt-get -s dist-upgrade` -> upgrades, with the security ones flagged by origin."""
    upgrades = []
    for line in output.splitlines():
        m = _INST.match(line)
        if not m:
            continue
        origins = [o.strip() for o in m["origins"].split(",") if o.strip()]
        upgrades.append(
            {
                "name": m["name"],
                "current_version": m["current"],
                "candidate_version": m["candidate"],
                "origins": origins,
                "security": any(_is_security(o) for o in origins),
            }
        )
    return {
        "upgrades": upgrades,
        "security_updates_pending": [
            {
                "name": u["name"],
                "candidate_version": u["candidate_version"],
                "severity": None,
                "published_at": None,
                "advisory": None,
            }
            for u in upgrades
            if u["security"]
        ],
    }


def _is_security(origin: str) -> bool:
    archive = origin.partition("/")[2] or origin
    return archive.endswith("-security") or origin.lower().startswith("debian-security:")


def parse_dnf(output: str, command: str = "dnf updateinfo list --security") -> dict[str, Any]:
    """`dnf -q updateinfo list --security [--with-issued]` -> pending security advisories."""
    pending = []
    for line in output.splitlines():
        m = _DNF.match(line.strip())
        if not m:
            continue
        name = re.sub(r"-[^-]+-[^-]+$", "", m["nevra"])  # NEVRA -> N
        pending.append(
            {
                "name": name,
                "candidate_version": m["nevra"][len(name) + 1 :],
                "severity": _DNF_SEVERITY.get(m["severity"].lower(), m["severity"].lower()),
                "published_at": f"{m['issued']}T00:00:00Z" if m["issued"] else None,
                "advisory": m["advisory"],
            }
        )
    return {"security_updates_pending": pending}


def parse_os_release(output: str, command: str = "cat /etc/os-release") -> dict[str, Any]:
    fields: dict[str, str] = {}
    for line in output.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() and not key.startswith("#"):
            try:
                fields[key.strip()] = " ".join(shlex.split(value))
            except ValueError:
                fields[key.strip()] = value.strip().strip('"')
    os_id = fields.get("ID", "").lower()
    version = fields.get("VERSION_ID", "")
    return {
        "id": os_id or None,
        "id_like": fields.get("ID_LIKE", "").split(),
        "version_id": version or None,
        "version_codename": fields.get("VERSION_CODENAME") or None,
        "pretty_name": fields.get("PRETTY_NAME") or None,
        "eol_date": eol_date(os_id, version),
    }


def eol_date(os_id: str, version: str) -> str | None:
    family = "rhel" if os_id in _EL_CLONES else os_id
    major = version if family == "ubuntu" else version.split(".")[0]
    date = EOL.get((family, major))
    return f"{date}T00:00:00Z" if date else None


def parse_apt_sources(output: str, command: str = "cat /etc/apt/sources.list") -> dict[str, Any]:
    """One-line (`deb URI suite comp...`) or deb822 (`Types:/URIs:/Suites:`) apt sources ->
    the enabled binary suites. A file of either form; stanzas with `Enabled: no` are skipped."""
    suites: list[dict[str, str]] = []
    if re.search(r"(?mi)^\s*Types\s*:", output):
        for stanza in re.split(r"\n\s*\n", output):
            fields = _deb822(stanza)
            if "deb" not in fields.get("types", "").split() or fields.get("enabled", "yes") == "no":
                continue
            for uri in fields.get("uris", "").split():
                suites.extend({"uri": uri, "suite": s} for s in fields.get("suites", "").split())
    else:
        for line in output.splitlines():
            words = re.sub(r"\[[^\]]*\]", "", line.split("#", 1)[0]).split()
            if len(words) >= 3 and words[0] == "deb":
                suites.append({"uri": words[1], "suite": words[2]})
    return {"suites": suites}


def _deb822(stanza: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = ""
    for line in stanza.splitlines():
        if line.lstrip().startswith("#"):
            continue
        if line[:1] in (" ", "\t") and key:
            fields[key] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        if sep:
            key = name.strip().lower()
            fields[key] = value.strip()
    return {k: v.lower() if k in ("types", "enabled") else v for k, v in fields.items()}


def is_security_suite(suite: str) -> bool:
    """bookworm-security, jammy-security, stable-security, bullseye/updates (Debian <= 10)."""
    return suite.endswith("-security") or suite.endswith("/updates")


def parse_release_date(output: str, command: str = "cat InRelease") -> dict[str, Any]:
    """The `Date:` of an apt Release/InRelease file: when the archive signed the lists apt holds."""
    m = re.search(r"(?m)^Date:\s*(.+)$", output)
    if not m:
        return {"date": None}
    try:
        when = email.utils.parsedate_to_datetime(m.group(1).strip())
    except (TypeError, ValueError):
        return {"date": None}
    if when.tzinfo is None:
        return {"date": None}
    return {"date": when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
