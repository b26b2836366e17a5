"""host.keyfiles: who can read the key files of a host.

Key files are the configured ones (params.key_paths, a list or {target id: list}, and
params.lwa_credential_files) plus common locations: /etc/ssl/private, Let's Encrypt private
keys, /etc/cryptsetup-keys.d and the key files named in /etc/crypttab. Each gets its mode,
owner, group, the group's members, its ACL (getfacl through sudo on a live host; unknown on
a mounted image), the accounts that can read it, and its parent directories.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text
from auditor.collect.host.privileged import run_privileged
from auditor.collect.parsers import keyfiles as parser
from auditor.models import TargetKind

COMMON = {
    "/etc/ssl/private/*": "tls",
    "/etc/letsencrypt/archive/*/privkey*.pem": "tls",
    "/etc/cryptsetup-keys.d/*": "luks",
    "/etc/luks-keys/*": "luks",
}
WEB_ROOTS = ("/var/www", "/usr/share/nginx/html", "/srv/www", "/srv/http")
_MAX_FILES = 500


class KeyfilesCollector(Collector):
    id: ClassVar[str] = "host.keyfiles"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        candidates = self._candidates(ctx)
        present = {
            p: purpose for p, purpose in candidates.items() if (st := t.stat(p)) is not None and not st.is_dir
        }
        members = self._members(ctx)
        acls, acl_reason = self._acls(ctx, sorted(present))
        web_roots = [*WEB_ROOTS, *[str(w) for w in ctx.params.get("web_roots", [])]]
        files = []
        for path in sorted(present)[:_MAX_FILES]:
            st = t.stat(path)
            assert st is not None
            acl = acls.get(path) if acls is not None else None
            group_members = members.get(st.group, [])
            files.append(
                {
                    "path": path,
                    "purpose": present[path],
                    "mode": st.mode_octal,
                    "owner": st.owner,
                    "group": st.group,
                    "group_members": group_members,
                    "acl_entries": [e for e in acl or [] if e["qualifier"]],
                    "acl_known": acls is not None,
                    "effective_readers": parser.readers(st.mode_octal, st.owner, group_members, acl, members),
                    "parent_dirs": self._parents(ctx, path),
                    "in_web_root": any(path == w or path.startswith(w.rstrip("/") + "/") for w in web_roots),
                }
            )
        missing = sorted(p for p in candidates if p not in present and candidates[p] == "configured")
        return {
            "files": files,
            "configured_missing": missing,
            "acl_reason": acl_reason,
            "truncated": len(present) > _MAX_FILES,
        }

    @staticmethod
    def _candidates(ctx: CollectContext) -> dict[str, str]:
        t = ctx.require_transport()
        out: dict[str, str] = {}
        for pattern, purpose in COMMON.items():
            for path in expand_glob(t, pattern):
                out.setdefault(path, purpose)
        for line in (read_text(ctx, "/etc/crypttab") or "").splitlines():
            words = line.split("#", 1)[0].split()
            if len(words) >= 3 and words[2].startswith("/") and not words[2].startswith("/dev/"):
                out.setdefault(words[2], "luks")
        configured = ctx.params.get("key_paths") or []
        if isinstance(configured, dict):
            configured = configured.get(ctx.target.id, [])
        for path in configured:
            for match in expand_glob(t, str(path)) if any(c in str(path) for c in "*?[") else [str(path)]:
                out[match] = "configured"
        for path in ctx.params.get("lwa_credential_files") or []:
            out[str(path)] = "lwa"
        return out

    @staticmethod
    def _members(ctx: CollectContext) -> dict[str, list[str]]:
        """Group name -> members, explicit and primary (from /etc/passwd)."""
        groups: dict[str, set[str]] = {}
        gids: dict[str, str] = {}
        for line in (read_text(ctx, "/etc/group") or "").splitlines():
            f = line.split(":")
            if len(f) >= 4:
                groups.setdefault(f[0], set()).update(m for m in f[3].split(",") if m)
                gids[f[2]] = f[0]
        for line in (read_text(ctx, "/etc/passwd") or "").splitlines():
            f = line.split(":")
            if len(f) >= 4 and f[3] in gids:
                groups[gids[f[3]]].add(f[0])
        return {g: sorted(m) for g, m in groups.items()}

    @staticmethod
    def _acls(ctx: CollectContext, paths: list[str]) -> tuple[dict[str, Any] | None, str | None]:
        if not paths:
            return {}, None
        if not ctx.require_transport().can_run_commands():
            return None, "ACLs cannot be read from a mounted image (getfacl needs the live filesystem)"
        res, why = run_privileged(ctx, ["getfacl", "-p", "--absolute-names", *paths])
        if res is None:
            return None, f"{why} (package acl)" if why and why.endswith("not installed") else why
        acls = parser.parse(res[1])["acls"]
        if res[0] != 0 and not acls:
            return None, f"getfacl failed: {res[2].strip()[:200]}"
        return acls, None

    @staticmethod
    def _parents(ctx: CollectContext, path: str) -> list[dict[str, Any]]:
        t = ctx.require_transport()
        out = []
        parts = path.split("/")[1:-1]
        for i in range(len(parts), 0, -1):
            directory = "/" + "/".join(parts[:i])
            st = t.stat(directory)
            if st is not None:
                out.append({"path": directory, "mode": st.mode_octal, "owner": st.owner, "group": st.group})
        return out
