"""host.accounts: users, groups, shadow state (no hashes), authorized_keys fingerprints, sudoers.

Reading /etc/shadow and sudoers needs root: over SSH they are read with `sudo cat` when
the plain read is refused. A shadow that cannot be read at all is a permission error,
because GEN-4 and ACC-3 cannot be decided without it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import file_entry, read_text
from auditor.collect.parsers import accounts as parser
from auditor.collect.parsers import sudoers as sudoers_parser
from auditor.errors import CollectorError, TransportError
from auditor.models import ErrorKind, TargetKind

KEY_FILES = (".ssh/authorized_keys", ".ssh/authorized_keys2")
_MAX_SUDO_FILES = 200


def _privileged_text(ctx: CollectContext, path: str) -> str | None:
    """Read a root-only file, falling back to `sudo cat` where commands can run."""
    try:
        return read_text(ctx, path)
    except TransportError as exc:
        t = ctx.require_transport()
        if exc.kind != ErrorKind.permission or not t.can_run_commands():
            raise
    result = ctx.run(["cat", path], sudo=True)
    if result.returncode != 0 and b"No such file" in result.stderr:
        return None
    if result.returncode != 0:
        raise CollectorError(ErrorKind.permission, f"cannot read {path}",
                             hint="run as root or allow sudo cat")
    return result.text


class AccountsCollector(Collector):
    id: ClassVar[str] = "host.accounts"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        passwd = read_text(ctx, "/etc/passwd")
        group = read_text(ctx, "/etc/group")
        if passwd is None or group is None:
            raise CollectorError(ErrorKind.parse, "/etc/passwd or /etc/group is missing")
        shadow_text = _privileged_text(ctx, "/etc/shadow")
        if shadow_text is None:
            raise CollectorError(ErrorKind.permission, "/etc/shadow is missing or unreadable")
        users = parser.parse_passwd(passwd)
        groups = parser.parse_group(group)
        shadow = parser.parse_shadow(shadow_text)
        for user in users:
            self._enrich(ctx, user, shadow.get(user["name"]))
        self._last_logins(ctx, users)
        return {
            "hostname": self._hostname(ctx),
            "users": users,
            "groups": self._with_primary_members(groups, users),
            "files": [e for p in ("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow")
                      if (e := file_entry(ctx.require_transport(), p)) is not None],
            "sudoers": self._sudoers(ctx),
        }

    def _enrich(self, ctx: CollectContext, user: dict[str, Any], shadow: dict[str, Any] | None) -> None:
        user["password_state"] = shadow["password_state"] if shadow else "no_shadow_entry"
        user["hash_scheme"] = shadow["hash_scheme"] if shadow else "none"
        user["password_last_change_days"] = shadow["last_change_days"] if shadow else None
        keys: list[dict[str, Any]] = []
        readable = True
        home = user["home"].rstrip("/") or ""
        if home and home not in ("/nonexistent", "/dev/null"):
            for rel in KEY_FILES:
                path = f"{home}/{rel}"
                try:
                    text = _privileged_text(ctx, path)
                except (TransportError, CollectorError):
                    readable = False
                    continue
                if text is not None:
                    keys.extend({**k, "file": path} for k in parser.parse_authorized_keys(text))
        user["authorized_keys"] = keys
        user["authorized_keys_count"] = sum(1 for k in keys if k["fingerprint_sha256"])
        user["authorized_keys_readable"] = readable
        user["interactive"] = bool(user["login_shell"] and (
            user["password_state"] == "usable" or user["authorized_keys_count"] > 0))

    @staticmethod
    def _with_primary_members(groups: list[dict[str, Any]],
                              users: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for g in groups:
            primary = sorted(u["name"] for u in users if u["gid"] == g["gid"])
            out.append({**g, "explicit_members": g["members"], "primary_members": primary,
                        "members": sorted(set(g["members"]) | set(primary))})
        return out

    @staticmethod
    def _last_logins(ctx: CollectContext, users: list[dict[str, Any]]) -> None:
        uids = [u["uid"] for u in users if u["login_shell"] and u["uid"] < 100000]
        size = (max(uids) + 1) * parser.LASTLOG_RECORD if uids else 0
        try:
            limit = min(size, 64 * 1024 * 1024)
            data = ctx.require_transport().read_file("/var/log/lastlog", max_bytes=limit)
        except TransportError:
            data = None
        times = parser.parse_lastlog(data, uids) if data else {}
        for u in users:
            u["last_login"] = times.get(u["uid"])

    @staticmethod
    def _hostname(ctx: CollectContext) -> str | None:
        text = read_text(ctx, "/etc/hostname")
        if text and text.strip():
            return text.strip().split()[0]
        t = ctx.require_transport()
        if t.can_run_commands() and t.which("hostname"):
            return ctx.run(["hostname"]).text.strip() or None
        return None

    def _sudoers(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        if t.stat("/etc/sudoers") is None:
            return {"installed": t.which("sudo") is not None, "present": False, "files": [], "rules": [],
                    "defaults": [], "aliases": {}, "includes": []}
        ordered: list[tuple[str, str]] = []
        self._load_sudoers(ctx, "/etc/sudoers", ordered, set())
        parsed = sudoers_parser.parse_sudoers(ordered)
        files = [e for p, _ in ordered if (e := file_entry(t, p)) is not None]
        return {"installed": t.which("sudo") is not None, "present": True, "files": files, **parsed}

    def _load_sudoers(self, ctx: CollectContext, path: str, out: list[tuple[str, str]],
                      seen: set[str]) -> None:
        if path in seen or len(seen) >= _MAX_SUDO_FILES:
            return
        seen.add(path)
        text = _privileged_text(ctx, path)
        if text is None:
            return
        out.append((path, text))
        base = path.rsplit("/", 1)[0]
        for kind, target in sudoers_parser.includes_of(text):
            target_path = target if target.startswith("/") else f"{base}/{target}"
            if kind == "include":
                self._load_sudoers(ctx, target_path, out, seen)
                continue
            for name in ctx.require_transport().list_dir(target_path) or []:
                # sudo skips names with a dot or a trailing ~ (editor and package backups).
                if "." not in name and not name.endswith("~"):
                    self._load_sudoers(ctx, f"{target_path}/{name}", out, seen)
