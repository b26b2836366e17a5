"""host.kmod: modprobe.d policy, loaded and built-in modules, and udisks2 mount authorisation.

modprobe.d files are read in modprobe's order (a file name in /etc hides the same name in
/run, /usr/local/lib, /usr/lib and /lib). Runtime state (/proc) is read only on a live host.
"""

from __future__ import annotations

import gzip
from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text
from auditor.collect.parsers import kmod as parser
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

MODPROBE_DIRS = (
    "/etc/modprobe.d",
    "/run/modprobe.d",
    "/usr/local/lib/modprobe.d",
    "/usr/lib/modprobe.d",
    "/lib/modprobe.d",
)
UDISKS_POLICY = "/usr/share/polkit-1/actions/org.freedesktop.UDisks2.policy"
PKLA_GLOBS = ("/etc/polkit-1/localauthority/*/*.pkla", "/var/lib/polkit-1/localauthority/*/*.pkla")
JS_RULE_DIRS = ("/etc/polkit-1/rules.d", "/usr/share/polkit-1/rules.d")


class KmodCollector(Collector):
    id: ClassVar[str] = "host.kmod"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        rules, files = self._modprobe(ctx)
        data: dict[str, Any] = {
            "modprobe_rules": rules,
            "modprobe_files": files,
            "loaded": None,
            "module_support": None,
            "builtin": None,
            "cmdline_blacklist": [],
        }
        if ctx.require_transport().can_run_commands():
            self._runtime(ctx, data)
        data["kernel_config"] = self._kernel_config(ctx)
        data["udisks_polkit"] = self._udisks(ctx)
        return data

    @staticmethod
    def _modprobe(ctx: CollectContext) -> tuple[list[dict[str, Any]], list[str]]:
        t = ctx.require_transport()
        chosen: dict[str, str] = {}
        for directory in MODPROBE_DIRS:
            for path in expand_glob(t, f"{directory}/*.conf"):
                chosen.setdefault(path.rsplit("/", 1)[1], path)
        rules: list[dict[str, Any]] = []
        files = [chosen[name] for name in sorted(chosen)]
        for path in files:
            rules += parser.parse(read_text(ctx, path) or "", path)["rules"]
        return rules, files

    @staticmethod
    def _runtime(ctx: CollectContext, data: dict[str, Any]) -> None:
        modules = read_text(ctx, "/proc/modules", 1 << 20)
        data["module_support"] = modules is not None  # no /proc/modules: no CONFIG_MODULES
        # (small reads: procfs allocates the requested size)
        data["loaded"] = parser.parse_proc_modules(modules)["loaded"] if modules is not None else []
        cmdline = parser.parse_cmdline(read_text(ctx, "/proc/cmdline", 65536) or "")
        data["cmdline_blacklist"] = cmdline["cmdline_blacklist"]
        release = (read_text(ctx, "/proc/sys/kernel/osrelease", 4096) or "").strip()
        builtin = read_text(ctx, f"/lib/modules/{release}/modules.builtin") if release else None
        data["builtin"] = parser.parse_builtin(builtin)["builtin"] if builtin is not None else None

    @staticmethod
    def _kernel_config(ctx: CollectContext) -> dict[str, Any]:
        """How the kernel builds the removable-storage drivers: a kernel without USB (or without
        module support) cannot load usb-storage whatever modprobe.d says. A live host is read at
        /proc/config.gz, else /boot/config-<running release>; an image at every /boot/config-*,
        since any of its kernels may boot (a driver counts if any kernel can have it)."""
        t = ctx.require_transport()
        if t.can_run_commands():
            raw = ctx.read("/proc/config.gz", 1 << 20)
            if raw is not None:
                text = gzip.decompress(raw).decode("utf-8", "replace")
                return {"sources": ["/proc/config.gz"], **parser.parse_kernel_config(text)}
            release = (read_text(ctx, "/proc/sys/kernel/osrelease", 4096) or "").strip()
            paths = [f"/boot/config-{release}"] if release else []
        else:
            paths = expand_glob(t, "/boot/config-*")
            if not paths and not t.list_dir("/lib/modules"):
                # A container image or a minimal root: the kernel that runs it is not in it, so
                # whether usb-storage can be loaded is not the image's to show.
                raise CollectorError(ErrorKind.unsupported,
                                     "the image holds no kernel (no /boot/config-*, no /lib/modules): "
                                     "which storage drivers its kernel can load cannot be known",
                                     hint="audit the running host over SSH or locally")
        views = [(p, parser.parse_kernel_config(read_text(ctx, p) or "")) for p in paths]
        views = [(p, v) for p, v in views if v["storage_drivers"] is not None]
        if not views:
            return {"sources": [], "symbols": {}, "storage_drivers": None}
        rank = {"absent": 0, "module": 1, "builtin": 2}
        drivers = {m: max((v["storage_drivers"][m] for _, v in views), key=rank.__getitem__)
                   for m in parser.STORAGE_SYMBOLS}
        return {"sources": [p for p, _ in views], "symbols": views[0][1]["symbols"],
                "storage_drivers": drivers}

    @staticmethod
    def _udisks(ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        policy = read_text(ctx, UDISKS_POLICY)
        if policy is None:
            return {"installed": False, "actions": [], "pkla_rules": [], "js_rules_files": []}
        pkla: list[dict[str, Any]] = []
        for pattern in PKLA_GLOBS:
            for path in expand_glob(t, pattern):
                pkla += parser.parse_pkla(read_text(ctx, path) or "", path)["rules"]
        js = [
            p
            for d in JS_RULE_DIRS
            for p in expand_glob(t, f"{d}/*.rules")
            if parser.MOUNT_ACTION in (read_text(ctx, p) or "")
        ]
        return {
            "installed": True,
            "actions": parser.parse_udisks_policy(policy)["actions"],
            "pkla_rules": pkla,
            "js_rules_files": js,
        }
