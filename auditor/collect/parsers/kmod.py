"""Kernel module policy: modprobe.d directives, /proc/modules, the kernel command line and the
udisks2 polkit defaults (action XML and .pkla overrides).

Module names are normalised as the kernel does: `-` and `_` are the same, so `usb-storage`
and `usb_storage` compare equal after `normalise`.
"""

from __future__ import annotations

import configparser
import fnmatch
import re
import xml.etree.ElementTree as ET
from typing import Any

DIRECTIVES = ("install", "blacklist", "remove", "options", "alias", "softdep")
MOUNT_ACTION = "org.freedesktop.udisks2.filesystem-mount"


def normalise(name: str) -> str:
    return name.replace("-", "_")


def parse(output: str, command: str = "/etc/modprobe.d/x.conf") -> dict[str, Any]:
    """A modprobe.d file -> {rules[]{module, directive, target, file, line}} (comments and
    backslash continuations as modprobe reads them)."""
    rules: list[dict[str, Any]] = []
    path = command.split()[-1]
    pending, start = "", 0
    for number, raw in enumerate(output.splitlines(), 1):
        if not pending:
            start = number
        line = raw.split("#", 1)[0] if not pending else raw
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        words = (pending + line).split()
        pending = ""
        if len(words) < 2 or words[0] not in DIRECTIVES:
            continue
        target = " ".join(words[2:]) or None
        rules.append(
            {
                "module": normalise(words[1]),
                "directive": words[0],
                "target": target,
                "file": path,
                "line": start,
            }
        )
    return {"rules": rules}


def parse_proc_modules(output: str, command: str = "cat /proc/modules") -> dict[str, Any]:
    return {"loaded": sorted({line.split()[0] for line in output.splitlines() if line.strip()})}


def parse_cmdline(output: str, command: str = "cat /proc/cmdline") -> dict[str, Any]:
    """modprobe.blacklist=a,b and module_blacklist=a,b on the kernel command line."""
    blacklisted: set[str] = set()
    for word in output.split():
        key, _, value = word.partition("=")
        if key in ("modprobe.blacklist", "module_blacklist"):
            blacklisted.update(normalise(v) for v in value.split(",") if v)
    return {"cmdline_blacklist": sorted(blacklisted), "nomodule": "nomodule" in output.split()}


def parse_builtin(output: str, command: str = "cat modules.builtin") -> dict[str, Any]:
    names = {normalise(line.rsplit("/", 1)[-1].removesuffix(".ko")) for line in output.splitlines() if line}
    return {"builtin": sorted(names)}


def parse_udisks_policy(output: str, command: str = "org.freedesktop.UDisks2.policy") -> dict[str, Any]:
    """Default authorisations of the udisks2 filesystem-mount actions."""
    root = ET.fromstring(output)
    actions = []
    for action in root.iter("action"):
        action_id = action.get("id", "")
        if not action_id.startswith(MOUNT_ACTION):
            continue
        defaults = action.find("defaults")
        entry: dict[str, Any] = {"action_id": action_id}
        for key in ("allow_any", "allow_inactive", "allow_active"):
            entry[key] = ((defaults.findtext(key) or "").strip() or None) if defaults is not None else None
        actions.append(entry)
    return {"actions": actions}


def parse_pkla(output: str, command: str = "x.pkla") -> dict[str, Any]:
    """polkit localauthority .pkla sections that match a udisks2 mount action."""
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read_string(output)
    rules = []
    for name in cp.sections():
        sec = cp[name]
        actions = [a.strip() for a in sec.get("Action", "").split(";") if a.strip()]
        if not any(fnmatch.fnmatchcase(MOUNT_ACTION, a) or a.startswith(MOUNT_ACTION) for a in actions):
            continue
        rules.append(
            {
                "section": name,
                "identities": [i.strip() for i in sec.get("Identity", "").split(";") if i.strip()],
                "actions": actions,
                "result_active": sec.get("ResultActive"),
                "result_any": sec.get("ResultAny"),
                "file": command.split()[-1],
            }
        )
    return {"rules": rules}


# Removable-storage drivers, the Kconfig symbol that builds each and the bus it needs.
STORAGE_SYMBOLS = {"usb_storage": ("USB_STORAGE", "USB"), "uas": ("USB_UAS", "USB"),
                   "firewire_sbp2": ("FIREWIRE_SBP2", "FIREWIRE")}
_KCONFIG = re.compile(r"^(?:CONFIG_(\w+)=(\S+)|# CONFIG_(\w+) is not set)$")


def parse_kernel_config(output: str, command: str = "zcat /proc/config.gz") -> dict[str, Any]:
    """A kernel's .config (/proc/config.gz, /boot/config-*) -> how each removable-storage
    driver exists: builtin (=y), module (=m with CONFIG_MODULES=y) or absent (not set, its bus
    not built, or =m in a kernel that cannot load modules)."""
    symbols: dict[str, str] = {}
    for line in output.splitlines():
        m = _KCONFIG.match(line.strip())
        if m and m.group(1):
            symbols[m.group(1)] = m.group(2)
        elif m:
            symbols[m.group(3)] = "n"
    if not symbols:  # not a kernel configuration
        return {"symbols": {}, "storage_drivers": None}
    wanted = {"MODULES", *(s for pair in STORAGE_SYMBOLS.values() for s in pair)}
    kept = {k: symbols.get(k, "n") for k in sorted(wanted)}
    return {"symbols": kept, "storage_drivers": {mod: _support(kept, sym, bus)
                                                 for mod, (sym, bus) in STORAGE_SYMBOLS.items()}}


def _support(symbols: dict[str, str], symbol: str, bus: str) -> str:
    if symbols.get(bus, "n") == "n":
        return "absent"
    value = symbols.get(symbol, "n")
    if value == "y":
        return "builtin"
    if value == "m" and symbols.get("MODULES") == "y":
        return "module"
    return "absent"
