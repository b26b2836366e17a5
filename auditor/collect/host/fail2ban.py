"""host.fail2ban: installed, running, and the effective settings of every jail."""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text
from auditor.collect.host.privileged import run_privileged
from auditor.collect.parsers import fail2ban as parser
from auditor.models import TargetKind

ORDER = (
    "/etc/fail2ban/jail.conf",
    "/etc/fail2ban/jail.d/*.conf",
    "/etc/fail2ban/jail.local",
    "/etc/fail2ban/jail.d/*.local",
)


class Fail2banCollector(Collector):
    id: ClassVar[str] = "host.fail2ban"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        merged: dict[str, dict[str, str]] = {}
        files: list[str] = []
        for pattern in ORDER:
            for path in expand_glob(t, pattern) if "*" in pattern else [pattern]:
                text = read_text(ctx, path)
                if text is None:
                    continue
                files.append(path)
                for section, values in parser.parse(text, f"cat {path}")["sections"].items():
                    merged.setdefault(section, {}).update(values)
        if not files:
            return {
                "installed": False,
                "running": None,
                "enabled_at_boot": False,
                "jails": [],
                "files": [],
                "active_jails": None,
            }
        data: dict[str, Any] = {
            "installed": True,
            "running": None,
            "active_jails": None,
            "files": files,
            "jails": parser.jails(merged),
            "enabled_at_boot": "fail2ban.service"
            in (t.list_dir("/etc/systemd/system/multi-user.target.wants") or []),
        }
        if t.can_run_commands():
            res, why = run_privileged(ctx, ["fail2ban-client", "status"])
            data["running"] = (
                (res is not None and res[0] == 0)
                if res is not None or "not installed" in (why or "")
                else None
            )
            data["status_reason"] = why
            if res is not None and res[0] == 0:
                data["active_jails"] = parser.parse_status(res[1])
        return data
