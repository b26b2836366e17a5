"""host.packages: OS identity and end of life, pending security updates, pending reboot.

apt is asked for a simulated dist-upgrade (no root, no lock); dnf for its security
advisories. A mounted image cannot run either, so `method` is null with the reason.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import read_text, run_text
from auditor.collect.host.stat import mtimes
from auditor.collect.parsers import packages as parser
from auditor.models import TargetKind

APT = ["apt-get", "-s", "-o", "Debug::NoLocking=1", "dist-upgrade"]
DNF = ["dnf", "-q", "updateinfo", "list", "--security", "--with-issued"]
REBOOT_FLAGS = ("/run/reboot-required", "/var/run/reboot-required")


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
        }
        self._updates(ctx, data)
        self._reboot(ctx, data)
        return data

    def _updates(self, ctx: CollectContext, data: dict[str, Any]) -> None:
        t = ctx.require_transport()
        if not t.can_run_commands():
            data["method_reason"] = "a mounted root filesystem cannot run a package manager"
            data["manager"] = (
                "apt" if t.stat("/var/lib/dpkg/status") else "rpm" if t.stat("/var/lib/rpm") else None
            )
            return
        apt = run_text(ctx, APT)
        if apt is not None:
            data["manager"] = "apt"
            self._apt(apt, data)
            return
        dnf = run_text(ctx, DNF)
        if dnf is not None:
            data["manager"] = "dnf"
            code, out, err = dnf
            if code != 0:
                data["method_reason"] = f"dnf updateinfo exited {code}: {_first(err)}"
                return
            data["method"] = " ".join(DNF)
            data["security_updates_pending"] = parser.parse_dnf(out)["security_updates_pending"]
            return
        data["method_reason"] = "neither apt-get nor dnf is installed"

    @staticmethod
    def _apt(result: tuple[int, str, str], data: dict[str, Any]) -> None:
        code, out, err = result
        if code != 0:
            data["method_reason"] = f"apt-get -s dist-upgrade exited {code}: {_first(err)}"
            return
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
