"""host.blockdev: block devices, LUKS/dm-crypt ciphers, and where PII paths, swap and tmp live.

lsblk gives the device tree; cryptsetup luksDump (per LUKS device, via sudo) and dmsetup
table give cipher and key size; /proc/self/mounts and /proc/swaps say what is mounted where.
Each PII path (params.pii_paths[<target id>]) and /tmp, /var/tmp get their device chain,
so a rule can see whether a LUKS mapping is underneath. Live hosts only: a mounted image's
block devices are those of the machine that mounted it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import read_text, run_text
from auditor.collect.host.privileged import run_privileged
from auditor.collect.parsers import blockdev as parser
from auditor.errors import CollectorError, NotApplicable
from auditor.models import ErrorKind, TargetKind

LSBLK = ["lsblk", "-J", "-b", "-o", parser.LSBLK_COLUMNS]
TMP_PATHS = ("/tmp", "/var/tmp")


class BlockdevCollector(Collector):
    id: ClassVar[str] = "host.blockdev"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        if not ctx.require_transport().can_run_commands():
            raise NotApplicable("block devices of a mounted image belong to the machine that mounted it")
        lsblk = run_text(ctx, LSBLK)
        if lsblk is None or lsblk[0] != 0:
            raise CollectorError(
                ErrorKind.unsupported,
                "lsblk -J could not run",
                "install util-linux 2.37 or later (MOUNTPOINTS column)",
            )
        devices = parser.parse(lsblk[1])["devices"]
        mounts = parser.parse_mounts(read_text(ctx, "/proc/self/mounts", 1 << 20) or "")["mounts"]
        if parser.mount_of(mounts, "/") is None:  # every Linux host mounts "/": the table was not read
            raise CollectorError(ErrorKind.parse, "/proc/self/mounts gave no mount of /: the mount table "
                                 "could not be read, so where /tmp and /var/tmp live is unknown")
        swaps = parser.parse_swaps(read_text(ctx, "/proc/swaps", 1 << 16) or "")["swaps"]
        for s in swaps:  # a swap file lives on the device of the mount that holds it
            held = parser.mount_of(mounts, s["device"]) if s["type"] == "file" else None
            s["source"] = held["source"] if held else s["device"]
        luks = self._luks(ctx, devices)
        dm_crypt, dm_reason = self._dmsetup(ctx)
        by_name = {d["name"]: d for d in devices}
        pii = [str(p) for p in (ctx.params.get("pii_paths") or {}).get(ctx.target.id, [])]
        return {
            "block_devices": devices,
            "luks": luks,
            "dm_crypt": dm_crypt,
            "dm_crypt_reason": dm_reason,
            "swap": [self._swap(s, devices, by_name) for s in swaps],
            "path_mounts": [self._path(p, mounts, devices, by_name) for p in [*TMP_PATHS, *pii]],
            "pii_paths": pii,
        }

    @staticmethod
    def _luks(ctx: CollectContext, devices: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Without udev, lsblk may not know the fstype: leaf devices of unknown type are tried too.
        candidates = [
            d
            for d in devices
            if d["fstype"] == "crypto_LUKS"
            or (
                d["fstype"] is None
                and d["type"] in ("disk", "part", "loop", "lvm")
                and d["size"]
                and not any(d["name"] in o["parents"] for o in devices)
            )
        ]
        found = []
        for dev in candidates:
            res, why = run_privileged(ctx, ["cryptsetup", "luksDump", dev["path"]])
            if res is None:  # not installed or sudo refused: the header is unknown, not absent
                return [
                    {"device": d["path"], "name": d["name"], "mapped_names": [], "error": why}
                    for d in candidates
                    if d["fstype"] == "crypto_LUKS"
                ]
            if res[0] == 0:
                mapped = [o["name"] for o in devices if dev["name"] in o["parents"] and o["type"] == "crypt"]
                found.append(
                    {
                        "device": dev["path"],
                        "name": dev["name"],
                        "mapped_names": mapped,
                        **parser.parse_luks_dump(res[1]),
                    }
                )
        return found

    @staticmethod
    def _dmsetup(ctx: CollectContext) -> tuple[list[dict[str, Any]], str | None]:
        res, why = run_privileged(ctx, ["dmsetup", "table", "--target", "crypt"])
        if res is None:
            return [], why
        if res[0] != 0:
            return [], (res[2].strip().splitlines() or [f"dmsetup exited {res[0]}"])[0]
        return parser.parse_dmsetup_table(res[1])["maps"], None

    @staticmethod
    def _chain(source: str, devices: list[dict[str, Any]], by_name: dict[str, Any]) -> list[dict[str, Any]]:
        dev = next(
            (d for d in devices if source in (d["path"], f"/dev/mapper/{d['name']}", f"/dev/{d['kname']}")),
            None,
        )
        if dev is None:
            return []
        names = [dev["name"], *parser.ancestors(by_name, dev["name"])]
        return [{"name": n, "type": by_name[n]["type"], "fstype": by_name[n]["fstype"]} for n in names]

    def _path(
        self, path: str, mounts: list[dict[str, Any]], devices: list[dict[str, Any]], by_name: dict[str, Any]
    ) -> dict[str, Any]:
        m = parser.mount_of(mounts, path)
        if m is None:
            return {"path": path, "mountpoint": None, "fstype": None, "source": None, "device_chain": []}
        return {
            "path": path,
            "mountpoint": m["mountpoint"],
            "fstype": m["fstype"],
            "source": m["source"],
            "device_chain": self._chain(m["source"], devices, by_name),
        }

    def _swap(
        self, swap: dict[str, Any], devices: list[dict[str, Any]], by_name: dict[str, Any]
    ) -> dict[str, Any]:
        chain = self._chain(swap.pop("source"), devices, by_name)
        return {**swap, "device_chain": chain, "encrypted": any(c["type"] == "crypt" for c in chain)}
