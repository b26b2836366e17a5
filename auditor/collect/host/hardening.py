"""host.hardening: password ageing and quality, default umask, network and core-dump sysctls,
file-integrity monitoring (AIDE) and time synchronisation.

A running host is read where the kernel keeps the value (/proc/sys, read only, never written)
and asked which daemons run (ps); a mounted image gives its boot configuration instead
(sysctl.d files, enabled units), and says so in `method`.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector, Transport
from auditor.collect.host.common import expand_glob, read_text, run_text
from auditor.collect.parsers import hardening as parser
from auditor.models import TargetKind

LOGIN_DEFS = "/etc/login.defs"
PWQUALITY = ("/etc/security/pwquality.conf", "/etc/security/pwquality.conf.d/*.conf")
PAM_PASSWORD = ("/etc/pam.d/common-password", "/etc/pam.d/system-auth", "/etc/pam.d/password-auth")
SYSCTL_DIRS = ("/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d",
               "/lib/sysctl.d")
COREDUMP = ("/etc/systemd/coredump.conf", "/etc/systemd/coredump.conf.d/*.conf")
LIMITS = ("/etc/security/limits.conf", "/etc/security/limits.d/*.conf")
PROFILES = ("/etc/profile", "/etc/bash.bashrc", "/etc/profile.d/*.sh")
AIDE_BINARIES = ("/usr/bin/aide", "/usr/sbin/aide")
AIDE_DBS = ("/var/lib/aide/aide.db", "/var/lib/aide/aide.db.gz")
AIDE_SCHEDULES = ("/etc/cron.daily/aide", "/etc/cron.daily/dailyaidecheck",
                  "/etc/systemd/system/timers.target.wants/dailyaidecheck.timer",
                  "/etc/systemd/system/timers.target.wants/aidecheck.timer")
TIME_UNITS = {"chrony": "chrony.service", "systemd-timesyncd": "systemd-timesyncd.service",
              "ntp": "ntp.service", "ntpsec": "ntpsec.service", "openntpd": "openntpd.service"}
WANTS_DIRS = ("/etc/systemd/system/multi-user.target.wants", "/etc/systemd/system/sysinit.target.wants")
PS = ["ps", "-e", "-o", "comm="]
_PAM_QUALITY = re.compile(r"(?m)^\s*password\s+\S+\s+pam_(pwquality|cracklib)\.so")
_UMASK = re.compile(r"^\s*umask\s+(0?[0-7]{3})\b", re.M)


class HardeningCollector(Collector):
    id: ClassVar[str] = "host.hardening"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        live = t.can_run_commands()
        sysctl = self._sysctl(ctx, live)
        return {
            "method": "runtime" if live else "boot configuration",
            "login_defs": parser.parse_login_defs(read_text(ctx, LOGIN_DEFS) or "")
            if t.stat(LOGIN_DEFS) else None,
            "pwquality": self._pwquality(ctx, t),
            "umask": self._umask(ctx, t),
            "sysctl": sysctl,
            "coredump": self._coredump(ctx, t, sysctl),
            "aide": self._aide(ctx, t),
            "time_sync": self._time(ctx, t, live),
        }

    @staticmethod
    def _files(t: Transport, patterns: tuple[str, ...]) -> list[str]:
        paths = [p for pattern in patterns
                 for p in (expand_glob(t, pattern) if "*" in pattern else [pattern])]
        return [p for p in paths if t.stat(p) is not None]

    def _pwquality(self, ctx: CollectContext, t: Transport) -> dict[str, Any]:
        values: dict[str, str] = {}
        for path in self._files(t, PWQUALITY):
            values.update(parser.parse_key_values(read_text(ctx, path) or "")["values"])
        pam = [p for p in self._files(t, PAM_PASSWORD) if _PAM_QUALITY.search(read_text(ctx, p) or "")]
        return {"settings": values, "minlen": _int(values.get("minlen")), "pam_files": pam,
                "enforced": bool(pam)}

    def _umask(self, ctx: CollectContext, t: Transport) -> dict[str, Any]:
        found = []
        for path in self._files(t, PROFILES):
            found += [{"file": path, "umask": m} for m in _UMASK.findall(read_text(ctx, path) or "")]
        login = parser.parse_login_defs(read_text(ctx, LOGIN_DEFS) or "")["umask"]
        # Shells read /etc/profile, then profile.d in order: the last umask set wins; pam_umask
        # (Debian's default) applies login.defs UMASK before them.
        effective = found[-1]["umask"] if found else login
        return {"login_defs": login, "profiles": found, "effective": effective,
                "restrictive": parser.umask_ok(effective)}

    def _sysctl(self, ctx: CollectContext, live: bool) -> dict[str, Any]:
        keys = (*parser.NET_SYSCTLS, *parser.CORE_SYSCTLS)
        if live:
            values = {k: (read_text(ctx, "/proc/sys/" + k.replace(".", "/"), 4096) or "").strip() or None
                      for k in keys}
            return {"method": "/proc/sys", "values": values}
        t = ctx.require_transport()
        chosen: dict[str, str] = {}
        for directory in SYSCTL_DIRS:  # systemd-sysctl: a name in /etc hides it further down
            for path in expand_glob(t, f"{directory}/*.conf"):
                chosen.setdefault(path.rsplit("/", 1)[1], path)
        merged: dict[str, str] = {}
        files = [chosen[n] for n in sorted(chosen)]
        files += ["/etc/sysctl.conf"] if t.stat("/etc/sysctl.conf") else []
        for path in files:
            for k, v in parser.parse_key_values(read_text(ctx, path) or "")["values"].items():
                merged[k.replace("/", ".")] = v
        return {"method": "sysctl.d files (kernel defaults where unset)",
                "values": {k: merged.get(k) for k in keys}}

    def _coredump(self, ctx: CollectContext, t: Transport, sysctl: dict[str, Any]) -> dict[str, Any]:
        storage = None
        for path in self._files(t, COREDUMP):
            storage = parser.parse_key_values(read_text(ctx, path) or "")["values"].get("Storage", storage)
        hard = None
        for path in self._files(t, LIMITS):
            hard = parser.parse_limits(read_text(ctx, path) or "")["core"]["hard"] or hard
        pattern = sysctl["values"].get("kernel.core_pattern")
        return {"systemd_storage": storage, "limits_hard_core": hard, "core_pattern": pattern,
                "suid_dumpable": sysctl["values"].get("fs.suid_dumpable"),
                "systemd_coredump": pattern is not None and "systemd-coredump" in pattern}

    @staticmethod
    def _aide(ctx: CollectContext, t: Transport) -> dict[str, Any]:
        installed = any(t.stat(b) is not None for b in AIDE_BINARIES)
        return {"installed": installed,
                "database": next((d for d in AIDE_DBS if t.stat(d) is not None), None),
                "scheduled": [s for s in AIDE_SCHEDULES if _linked(t, s)]}

    @staticmethod
    def _time(ctx: CollectContext, t: Transport, live: bool) -> dict[str, Any]:
        if live:
            res = run_text(ctx, PS)
            running = parser.parse_time_daemons(res[1])["running"] if res and res[0] == 0 else None
            return {"method": " ".join(PS), "running": running}
        enabled = sorted(pkg for pkg, unit in TIME_UNITS.items()
                         if any(_linked(t, f"{d}/{unit}") for d in WANTS_DIRS))
        return {"method": "enabled units (boot configuration)", "running": enabled}


def _linked(t: Transport, path: str) -> bool:
    directory, _, name = path.rpartition("/")
    return name in (t.list_dir(directory) or [])


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip().lstrip("-").isdigit() else None
