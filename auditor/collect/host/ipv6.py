"""host.ipv6: is IPv6 on, and does the host have global IPv6 addresses (for NET-4 parity).

A live host reports its kernel state (/proc); a mounted image its configuration (sysctl.d
files and the kernel command line in /etc/default/grub).
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text
from auditor.collect.parsers import ipv6 as parser
from auditor.models import TargetKind

KEYS = ("net.ipv6.conf.all.disable_ipv6", "net.ipv6.conf.default.disable_ipv6")
SYSCTL_FILES = (
    "/usr/lib/sysctl.d/*.conf",
    "/run/sysctl.d/*.conf",
    "/etc/sysctl.d/*.conf",
    "/etc/sysctl.conf",
)


class Ipv6Collector(Collector):
    id: ClassVar[str] = "host.ipv6"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        configured = self._configured(ctx)
        if not t.can_run_commands():
            grub = read_text(ctx, "/etc/default/grub") or ""
            off = "ipv6.disable=1" in grub or configured.get(KEYS[0]) == "1"
            return {
                "method": "configuration",
                "enabled": not off,
                "ip_addresses": None,
                "sysctl": {k: configured.get(k) for k in KEYS},
                "kernel_disabled": "ipv6.disable=1" in grub,
            }
        # Small reads: procfs allocates the requested size.
        inet6 = read_text(ctx, "/proc/net/if_inet6", 1 << 16)
        cmdline = read_text(ctx, "/proc/cmdline", 65536) or ""
        runtime = {
            k: (read_text(ctx, f"/proc/sys/{k.replace('.', '/')}", 64) or "").strip() or None for k in KEYS
        }
        kernel_off = "ipv6.disable=1" in cmdline.split() or inet6 is None
        return {
            "method": "runtime",
            "enabled": not kernel_off and runtime[KEYS[0]] != "1",
            "ip_addresses": parser.parse(inet6 or "")["ip_addresses"],
            "sysctl": runtime,
            "kernel_disabled": kernel_off,
        }

    @staticmethod
    def _configured(ctx: CollectContext) -> dict[str, str]:
        t = ctx.require_transport()
        values: dict[str, str] = {}
        for pattern in SYSCTL_FILES:
            for path in expand_glob(t, pattern) if "*" in pattern else [pattern]:
                values.update(parser.parse_sysctl(read_text(ctx, path) or "")["sysctl"])
        return values
