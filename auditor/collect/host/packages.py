"""host.packages: OS identity and end of life, pending security updates, pending reboot.

apt is asked for a simulated dist-upgrade (no root, no lock); dnf for its security
advisories. Whenever the pending list cannot be trusted to be complete the unit is an error,
not an empty list: a mounted image (no package manager runs), apt without a -security suite
or without its downloaded lists, a package manager that fails. The date the security lists
were signed is kept so the rule can tell lists too old to show overdue updates.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text, run_text
from auditor.collect.host.stat import mtimes
from auditor.collect.parsers import packages as parser
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

APT = ["apt-get", "-s", "-o", "Debug::NoLocking=1", "dist-upgrade"]
DNF = ["dnf", "-q", "updateinfo", "list", "--security", "--with-issued"]
REBOOT_FLAGS = ("/run/reboot-required", "/var/run/reboot-required")
SOURCES_LIST = "/etc/apt/sources.list"
LISTS = "/var/lib/apt/lists"


class PackagesCollector(Collector):
    id: ClassVar[str] = "host.packages"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        text = read_text(ctx, "/etc/os-release") or read_text(ctx, "/usr/lib/os-release") or ""
        os_info = parser.parse_os_release(text)
        data: dict[str, Any] = {
            "os": os_info,
            "os_eol_date": os_info["eol_date"],
            "manager": None,
            "method": None,
            "method_reason": None,
            "security_updates_pending": None,
            "upgrades_pending": None,
            "apt_suites": None,
            "apt_security_suites": None,
            "apt_security_lists_date": None,
        }
        self._updates(ctx, data)
        self._reboot(ctx, data)
        return data

    def _updates(self, ctx: CollectContext, data: dict[str, Any]) -> None:
        t = ctx.require_transport()
        if not t.can_run_commands():
            # An empty list here would read as "nothing pending": the clause cannot be decided.
            raise CollectorError(ErrorKind.unsupported,
                                 "a mounted root filesystem cannot run a package manager, so pending "
                                 "security updates cannot be listed",
                                 hint="audit the running host over SSH or locally")
        apt = run_text(ctx, APT)
        if apt is not None:
            data["manager"] = "apt"
            self._apt_sources(ctx, data)
            self._apt(apt, data)
            return
        dnf = run_text(ctx, DNF)
        if dnf is not None:
            data["manager"] = "dnf"
            code, out, err = dnf
            if code != 0:
                raise CollectorError(ErrorKind.unsupported,
                                     f"dnf updateinfo exited {code}: {_first(err)}; pending security "
                                     "updates cannot be listed")
            data["method"] = " ".join(DNF)
            data["security_updates_pending"] = parser.parse_dnf(out)["security_updates_pending"]
            return
        raise CollectorError(ErrorKind.unsupported,
                             "neither apt-get nor dnf is installed, so pending security updates "
                             "cannot be listed")

    @staticmethod
    def _apt_sources(ctx: CollectContext, data: dict[str, Any]) -> None:
        """apt only sees security updates from a -security suite whose lists it holds: without
        one, an empty simulated upgrade proves nothing (debootstrap writes no such suite)."""
        t = ctx.require_transport()
        files = [SOURCES_LIST, *expand_glob(t, "/etc/apt/sources.list.d/*.list"),
                 *expand_glob(t, "/etc/apt/sources.list.d/*.sources")]
        suites = [s for f in files for s in parser.parse_apt_sources(read_text(ctx, f) or "")["suites"]]
        security = sorted({s["suite"] for s in suites if parser.is_security_suite(s["suite"])})
        data["apt_suites"] = sorted({s["suite"] for s in suites})
        data["apt_security_suites"] = security
        if not security:
            raise CollectorError(ErrorKind.unsupported,
                                 f"apt's sources ({', '.join(f for f in files if t.stat(f))}) name no "
                                 "-security suite, so apt cannot see any security update: none "
                                 "pending proves nothing",
                                 hint="add the distribution's security suite (e.g. bookworm-security) "
                                      "to /etc/apt/sources.list.d and run apt-get update")
        names = t.list_dir(LISTS) or []
        dates = []
        for suite in security:
            tail = f"_dists_{suite.replace('/', '_')}_"
            release = next((n for n in sorted(names) if tail in n and n.endswith(("_InRelease", "_Release"))),
                           None)
            date = parser.parse_release_date(read_text(ctx, f"{LISTS}/{release}") or "")["date"] \
                if release else None
            if date is None:
                raise CollectorError(ErrorKind.unsupported,
                                     f"apt holds no dated package lists of {suite} in {LISTS}, so its "
                                     "security updates cannot be listed",
                                     hint="run apt-get update (from a timer, e.g. apt-daily.timer)")
            dates.append(date)
        data["apt_security_lists_date"] = min(dates)

    @staticmethod
    def _apt(result: tuple[int, str, str], data: dict[str, Any]) -> None:
        code, out, err = result
        if code != 0:
            raise CollectorError(ErrorKind.unsupported,
                                 f"apt-get -s dist-upgrade exited {code}: {_first(err)}; pending "
                                 "security updates cannot be listed")
        parsed = parser.parse(out)
        data["method"] = " ".join(APT)
        data["security_updates_pending"] = parsed["security_updates_pending"]
        data["upgrades_pending"] = len(parsed["upgrades"])

    @staticmethod
    def _reboot(ctx: CollectContext, data: dict[str, Any]) -> None:
        t = ctx.require_transport()
        flag = next((p for p in REBOOT_FLAGS if t.stat(p) is not None), None)
        data["reboot_required"] = flag is not None
        data["reboot_required_since"] = mtimes(ctx, [flag]).get(flag) if flag else None
        pkgs = read_text(ctx, f"{flag}.pkgs") if flag else None
        data["reboot_required_packages"] = sorted(set((pkgs or "").split()))


def _first(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""
