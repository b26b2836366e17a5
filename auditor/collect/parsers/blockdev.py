"""Block devices (lsblk -J), LUKS headers (cryptsetup luksDump) and dm-crypt tables (dmsetup table).

`effective_bits` is the AES strength: XTS splits its key in two, so a 512-bit XTS key is
AES-256 and a 256-bit XTS key is AES-128.
"""

from __future__ import annotations

import json
import re
from typing import Any

LSBLK_COLUMNS = "NAME,KNAME,PATH,TYPE,RM,HOTPLUG,TRAN,FSTYPE,MOUNTPOINTS,PKNAME,SIZE"


def _bool(value: Any) -> bool:
    return value in (True, 1, "1", "true")


def parse(output: str, command: str = f"lsblk -J -b -o {LSBLK_COLUMNS}") -> dict[str, Any]:
    """lsblk JSON tree -> flat devices with their parents (a dm device may have several)."""
    devices: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any], parent: str | None) -> None:
        name = node["name"]
        mounts = node.get("mountpoints", [node.get("mountpoint")])
        dev = devices.setdefault(
            name,
            {
                "name": name,
                "kname": node.get("kname") or name,
                "path": node.get("path") or f"/dev/{name}",
                "type": node.get("type"),
                "removable": _bool(node.get("rm")),
                "hotplug": _bool(node.get("hotplug")),
                "tran": node.get("tran"),
                "fstype": node.get("fstype"),
                "mountpoints": sorted({m for m in mounts or [] if m}),
                "parents": [],
                "size": int(node["size"]) if str(node.get("size", "")).isdigit() else None,
            },
        )
        if parent and parent not in dev["parents"]:
            dev["parents"].append(parent)
        for child in node.get("children", []):
            walk(child, name)

    for node in json.loads(output).get("blockdevices", []):
        walk(node, None)
    # A child of a removable or USB disk is removable too (partitions often say rm=0).
    for dev in devices.values():
        for anc in ancestors(devices, dev["name"]):
            dev["removable"] = dev["removable"] or devices[anc]["removable"]
            dev["tran"] = dev["tran"] or devices[anc]["tran"]
    return {"devices": [devices[n] for n in sorted(devices)]}


def ancestors(devices: dict[str, dict[str, Any]], name: str) -> list[str]:
    out: list[str] = []
    todo = list(devices[name]["parents"])
    while todo:
        cur = todo.pop()
        if cur not in out and cur in devices:
            out.append(cur)
            todo += devices[cur]["parents"]
    return out


def effective_bits(cipher: str | None, key_bits: int | None) -> int | None:
    if not cipher or key_bits is None:
        return None
    return key_bits // 2 if "-xts-" in f"-{cipher}-" or cipher.split("-")[1:2] == ["xts"] else key_bits


def parse_luks_dump(output: str, command: str = "cryptsetup luksDump DEVICE") -> dict[str, Any]:
    version = _field(output, r"^Version:\s*(\d+)")
    if version == "1":
        name, mode = _field(output, r"^Cipher name:\s*(\S+)"), _field(output, r"^Cipher mode:\s*(\S+)")
        cipher: str | None = f"{name}-{mode}" if name and mode else None
        bits = _int(_field(output, r"^MK bits:\s*(\d+)"))
        pbkdf: str | None = "pbkdf2"
    else:
        segment = output.split("Data segments:", 1)[-1].split("Keyslots:", 1)[0]
        cipher = _field(segment, r"^\s*cipher:\s*(\S+)")
        bits = _int(_field(output, r"^\s*Key:\s*(\d+) bits"))
        pbkdf = _field(output, r"^\s*PBKDF:\s*(\S+)")
    return {
        "version": _int(version),
        "cipher": cipher,
        "cipher_name": cipher.split("-")[0] if cipher else None,
        "cipher_mode": cipher.partition("-")[2] or None if cipher else None,
        "key_bits": bits,
        "effective_bits": effective_bits(cipher, bits),
        "pbkdf": pbkdf,
    }


def parse_dmsetup_table(output: str, command: str = "dmsetup table --target crypt") -> dict[str, Any]:
    """`name: start len crypt cipher key iv_offset device offset` -> cipher and key bits.
    The key is shown zeroed or as `:<bytes>:<keyring>` (never stored here)."""
    maps = []
    for line in output.splitlines():
        name, _, rest = line.partition(": ")
        words = rest.split()
        if len(words) < 6 or words[2] != "crypt":
            continue
        key = words[4]
        bits = int(key.split(":")[1]) * 8 if key.startswith(":") and key.count(":") >= 2 else len(key) * 4
        cipher = words[3].removeprefix("capi:")
        maps.append(
            {
                "mapped_name": name,
                "cipher": cipher,
                "key_bits": bits,
                "effective_bits": effective_bits(cipher, bits),
                "backing_device": words[6],
            }
        )
    return {"maps": maps}


def _field(text: str, pattern: str) -> str | None:
    m = re.search(pattern, text, re.M)
    return m.group(1) if m else None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _unescape(field: str) -> str:
    """/proc/mounts octal escapes (\\040 for a space)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mounts(output: str, command: str = "cat /proc/self/mounts") -> dict[str, Any]:
    mounts = []
    for line in output.splitlines():
        f = line.split()
        if len(f) >= 4:
            mounts.append(
                {
                    "source": _unescape(f[0]),
                    "mountpoint": _unescape(f[1]),
                    "fstype": f[2],
                    "options": f[3].split(","),
                }
            )
    return {"mounts": mounts}


def parse_swaps(output: str, command: str = "cat /proc/swaps") -> dict[str, Any]:
    swaps = []
    for line in output.splitlines()[1:]:
        f = line.split()
        if len(f) >= 3:
            swaps.append(
                {"device": _unescape(f[0]), "type": f[1], "size_kib": int(f[2]) if f[2].isdigit() else None}
            )
    return {"swaps": swaps}


def mount_of(mounts: list[dict[str, Any]], path: str) -> dict[str, Any] | None:
    """The mount holding `path`: the longest mountpoint prefix, the last one mounted winning."""
    best: dict[str, Any] | None = None
    for m in mounts:
        mp = m["mountpoint"].rstrip("/") or "/"
        if (path == mp or path.startswith(mp + "/") or mp == "/") and (
            best is None or len(mp) >= len(best["mountpoint"].rstrip("/") or "/")
        ):
            best = m
    return best
