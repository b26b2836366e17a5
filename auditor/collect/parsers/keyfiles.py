"""Key file access: `getfacl -p --absolute-names` output and who can read a file.

Readers are account names: the owner (u+r), the group's members (g+r, explicit and primary),
named ACL users and groups with r (limited by the mask), and "*" when others may read.
"""

from __future__ import annotations

from typing import Any


def parse(output: str, command: str = "getfacl -p --absolute-names FILE...") -> dict[str, Any]:
    """-> {acls: {path: [{tag: user|group|mask|other, qualifier, perms}]}}"""
    acls: dict[str, list[dict[str, Any]]] = {}
    current: list[dict[str, Any]] | None = None
    for raw in output.splitlines():
        line = raw.strip()
        if line.startswith("# file: "):
            current = acls.setdefault(line[len("# file: ") :], [])
            continue
        if not line or line.startswith("#") or current is None:
            continue
        parts = line.split("#", 1)[0].strip().split(":")
        if len(parts) == 3 and parts[0] in ("user", "group", "mask", "other"):
            current.append({"tag": parts[0], "qualifier": parts[1] or None, "perms": parts[2]})
    return {"acls": acls}


def _can_read(digit: str) -> bool:
    return int(digit) & 4 != 0


def readers(
    mode: str,
    owner: str,
    group_members: list[str],
    acl: list[dict[str, Any]] | None,
    members_of: dict[str, list[str]],
) -> list[str]:
    """Accounts that can read a file with this mode, owner, group and ACL."""
    out: set[str] = set()
    u, g, o = mode[-3], mode[-2], mode[-1]
    if _can_read(u):
        out.add(owner)
    if _can_read(o):
        out.add("*")
    named = [e for e in acl or [] if e["qualifier"]]
    mask = next((e["perms"] for e in acl or [] if e["tag"] == "mask"), None)
    # With an ACL mask, the group digit of the mode *is* the mask; the owning group's own
    # entry is then `group::` in the ACL.
    owning = next((e["perms"] for e in acl or [] if e["tag"] == "group" and not e["qualifier"]), None)
    group_reads = ("r" in owning and (mask is None or "r" in mask)) if owning is not None else _can_read(g)
    if group_reads:
        out.update(group_members)
    for e in named:
        if "r" not in e["perms"] or (mask is not None and "r" not in mask):
            continue
        out.update([e["qualifier"]] if e["tag"] == "user" else members_of.get(e["qualifier"], []))
    return sorted(out)
