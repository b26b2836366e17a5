"""host.auditd: whether auditd is installed, running and enabled, its rules (loaded ones from
`auditctl -l` on a running host, else the rules.d files augenrules would load) and auditd.conf."""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector, Transport
from auditor.collect.host.common import expand_glob, file_entry, read_text
from auditor.collect.host.privileged import run_privileged
from auditor.collect.parsers import auditd as parser
from auditor.models import TargetKind

CONF = "/etc/audit/auditd.conf"
RULES_D = "/etc/audit/rules.d/*.rules"
AUDIT_RULES = "/etc/audit/audit.rules"
BINARIES = ("/sbin/auditd", "/usr/sbin/auditd")
WANTS = (
    "/etc/systemd/system/multi-user.target.wants/auditd.service",
    "/etc/systemd/system/sysinit.target.wants/auditd.service",
    "/etc/rc2.d/S01auditd",
)


def _linked(t: Transport, path: str) -> bool:
    """The unit link exists (its target may live outside a mounted image's view)."""
    directory, _, name = path.rpartition("/")
    return name in (t.list_dir(directory) or [])


class AuditdCollector(Collector):
    id: ClassVar[str] = "host.auditd"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        conf_text = read_text(ctx, CONF)
        installed = conf_text is not None or any(t.stat(b) for b in BINARIES)
        files = expand_glob(t, RULES_D) or ([AUDIT_RULES] if t.stat(AUDIT_RULES) else [])
        config_rules: list[dict[str, Any]] = []
        for path in files:
            config_rules += parser.parse(read_text(ctx, path) or "", f"cat {path}")["rules"]
        data: dict[str, Any] = {
            "installed": installed,
            "running": None,
            "enabled": any(_linked(t, w) for w in WANTS),
            "status": None,
            "rules_source": "files",
            "rules": config_rules,
            "config_rules": config_rules,
            "immutable": parser.immutable(config_rules),
            "conf": parser.parse_conf(conf_text or "") if conf_text else None,
            "files": [e for e in (file_entry(t, p) for p in [CONF, *files]) if e],
        }
        if installed and t.can_run_commands():
            self._runtime(ctx, data)
        return data

    @staticmethod
    def _runtime(ctx: CollectContext, data: dict[str, Any]) -> None:
        status, why = run_privileged(ctx, ["auditctl", "-s"])
        if status is None:
            # Not installed: stopped. Sudo refused: the runtime state is unknown (running stays null).
            data["running"] = False if why and why.endswith("not installed") else None
            data["status_reason"] = why
            return
        if status[0] != 0:
            data["running"] = False
            data["status_reason"] = status[2].strip()[:200]
            return
        parsed = parser.parse_status(status[1])
        data["status"] = parsed
        data["running"] = bool(parsed["pid"]) and parsed["enabled"] in (1, 2)
        data["immutable"] = parsed["enabled"] == 2
        loaded, _ = run_privileged(ctx, ["auditctl", "-l"])
        if loaded is not None and loaded[0] == 0:
            data["rules"] = parser.parse(loaded[1], "auditctl -l")["rules"]
            data["rules_source"] = "auditctl -l"
