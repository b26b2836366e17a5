"""host.logging: log retention (logrotate, journald) and forwarding (rsyslog, journal-upload,
shipping agents)."""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector, Transport
from auditor.collect.host.common import expand_glob, read_text, run_text
from auditor.collect.parsers import logging as parser
from auditor.models import TargetKind

LOGROTATE = "/etc/logrotate.conf"
JOURNALD = (
    "/usr/lib/systemd/journald.conf.d/*.conf",
    "/etc/systemd/journald.conf",
    "/etc/systemd/journald.conf.d/*.conf",
    "/run/systemd/journald.conf.d/*.conf",
)
RSYSLOG = "/etc/rsyslog.conf"
UPLOAD = ("/etc/systemd/journal-upload.conf", "/etc/systemd/journal-upload.conf.d/*.conf")
WANTS = "/etc/systemd/system/multi-user.target.wants"
PS = ["ps", "-e", "-o", "comm="]
DPKG_QUERY = ["dpkg-query", "-S"]
LOGROTATE_D = "/etc/logrotate.d"
DPKG_INFO = "/var/lib/dpkg/info"
AGENTS = {
    "filebeat": "/etc/filebeat/filebeat.yml",
    "fluent-bit": "/etc/fluent-bit/fluent-bit.conf",
    "td-agent-bit": "/etc/td-agent-bit/td-agent-bit.conf",
    "vector": "/etc/vector/vector.yaml",
    "promtail": "/etc/promtail/config.yml",
    "amazon-cloudwatch-agent": "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
    "splunkforwarder": "/opt/splunkforwarder/etc/system/local/outputs.conf",
    "datadog-agent": "/etc/datadog-agent/datadog.yaml",
    "wazuh-agent": "/var/ossec/etc/ossec.conf",
}


class LoggingCollector(Collector):
    id: ClassVar[str] = "host.logging"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        return {
            "logrotate": self._logrotate(ctx),
            "journald": self._journald(ctx),
            "rsyslog": self._rsyslog(ctx),
            "journal_upload": self._upload(ctx),
            "agents": self._agents(ctx, t),
            "daemons": self._daemons(ctx, t),
            "packaged": self._packaged(ctx, t),
        }

    @staticmethod
    def _packaged(ctx: CollectContext, t: Transport) -> dict[str, Any]:
        """Debian's packaging conventions for log ownership: each package's own logrotate stanza
        (read even when logrotate itself is absent: the package creates its logs the same way)
        and which package ships each stanza and each directory under /var/log."""
        stanzas: list[dict[str, Any]] = []
        files = expand_glob(t, f"{LOGROTATE_D}/*")
        for path in files:
            stanzas += parser.parse(read_text(ctx, path) or "", f"cat {path}")["entries"]
        dirs = [f"/var/log/{n}" for n in sorted(t.list_dir("/var/log") or [])
                if (st := t.stat(f"/var/log/{n}")) is not None and st.is_dir]
        return {"logrotate_stanzas": stanzas, "owners": _package_owners(ctx, t, [*files, *dirs])}

    @staticmethod
    def _daemons(ctx: CollectContext, t: Transport) -> dict[str, Any]:
        """Which log daemons keep records: journald's storage setting and rsyslog's rules keep
        nothing when the daemon does not run (a container, a minimal host, a stopped unit).
        A running host is asked (ps); an image is read for what would start at boot."""
        if t.can_run_commands():
            res = run_text(ctx, PS)
            if res is None or res[0] != 0:
                return {"method": " ".join(PS), "journald": None, "rsyslog": None, "syslog_ng": None,
                        "reason": "ps could not run: which log daemons run is unknown"}
            return {"method": " ".join(PS), **parser.parse_processes(res[1]), "reason": None}
        wants = t.list_dir(WANTS) or []
        journald = any(t.stat(f"{d}/systemd-journald") is not None
                       for d in ("/lib/systemd", "/usr/lib/systemd"))
        return {"method": "boot configuration", "journald": journald,
                "rsyslog": "rsyslog.service" in wants, "syslog_ng": "syslog-ng.service" in wants,
                "reason": "a mounted image runs nothing: these are the daemons its boot configuration starts"}

    @staticmethod
    def _logrotate(ctx: CollectContext) -> dict[str, Any]:
        text = read_text(ctx, LOGROTATE)
        if text is None:
            return {"installed": False, "defaults": None, "entries": []}
        main = parser.parse(text, f"cat {LOGROTATE}")
        entries = list(main["entries"])
        t = ctx.require_transport()
        for inc in main["includes"]:
            st = t.stat(inc)
            files = (
                [
                    f"{inc}/{n}"
                    for n in t.list_dir(inc) or []
                    if not n.startswith(".")
                    and not n.endswith((".dpkg-old", ".dpkg-dist", ".rpmsave", ".rpmnew", "~"))
                ]
                if st and st.is_dir
                else [inc]
            )
            for path in files:
                body = read_text(ctx, path)
                if body is not None:
                    entries += parser.parse(body, f"cat {path}", dict(main["defaults"]))["entries"]
        for e in entries:
            e["retention_days"] = parser.retention_days(e)
        return {"installed": True, "defaults": main["defaults"], "entries": entries}

    @staticmethod
    def _journald(ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        settings: dict[str, str] = {}
        files = []
        for pattern in JOURNALD:
            for path in expand_glob(t, pattern) if "*" in pattern else [pattern]:
                text = read_text(ctx, path)
                if text is not None:
                    files.append(path)
                    settings.update(parser.parse_ini(text).get("Journal", {}))
        storage = settings.get("Storage", "auto").lower()
        persistent = storage == "persistent" or (storage == "auto" and t.stat("/var/log/journal") is not None)
        return {
            "files": files,
            "settings": settings,
            "storage": storage,
            "persistent": persistent,
            "max_retention_sec": parser.seconds(settings.get("MaxRetentionSec", "0")),
            "system_max_use": settings.get("SystemMaxUse"),
            "seal": settings.get("Seal", "yes").lower() == "yes",
            "forward_to_syslog": settings.get("ForwardToSyslog", "no").lower() == "yes",
        }

    @staticmethod
    def _rsyslog(ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        text = read_text(ctx, RSYSLOG)
        if text is None:
            return {"installed": False, "forwards": [], "file_actions": [], "files": []}
        main = parser.parse_rsyslog(text, f"cat {RSYSLOG}")
        forwards, actions, files = list(main["forwards"]), list(main["file_actions"]), [RSYSLOG]
        for pattern in main["includes"]:
            for path in expand_glob(t, pattern):
                sub = parser.parse_rsyslog(read_text(ctx, path) or "", f"cat {path}")
                forwards += sub["forwards"]
                actions += sub["file_actions"]
                files.append(path)
        return {
            "installed": True,
            "forwards": forwards,
            "file_actions": actions,
            "files": files,
            "file_create_mode": main["file_create_mode"],
        }

    @staticmethod
    def _upload(ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        settings: dict[str, str] = {}
        for pattern in UPLOAD:
            for path in expand_glob(t, pattern) if "*" in pattern else [pattern]:
                settings.update(parser.parse_ini(read_text(ctx, path) or "").get("Upload", {}))
        enabled = "systemd-journal-upload.service" in (t.list_dir(WANTS) or [])
        url = settings.get("URL")
        return {
            "enabled": enabled,
            "url": url,
            "tls": bool(url and url.startswith("https://")),
            "installed": t.stat("/lib/systemd/systemd-journal-upload") is not None
            or t.stat("/usr/lib/systemd/systemd-journal-upload") is not None,
        }

    @staticmethod
    def _agents(ctx: CollectContext, t: Transport) -> list[dict[str, Any]]:
        found = []
        for name, config in AGENTS.items():
            if t.stat(config) is None:
                continue
            running = None
            if t.can_run_commands():
                res = run_text(ctx, ["systemctl", "is-active", name])
                running = None if res is None else res[1].strip() == "active"
            found.append({"name": name, "config": config, "running": running, "last_shipped_at": None})
        return found


def _package_owners(ctx: CollectContext, t: Transport, paths: list[str]) -> dict[str, str]:
    """{path: Debian package} for the paths dpkg knows; {} on a host without dpkg."""
    if not paths:
        return {}
    if t.can_run_commands():
        res = run_text(ctx, [*DPKG_QUERY, *paths])
        # dpkg-query exits 1 when some path belongs to no package; the others are still listed.
        return parser.parse_dpkg_search(res[1])["owners"] if res is not None else {}
    wanted = set(paths)
    owners: dict[str, str] = {}
    for name in sorted(t.list_dir(DPKG_INFO) or []):  # an image: dpkg's file lists, read locally
        if not name.endswith(".list"):
            continue
        package = name[: -len(".list")].split(":")[0]
        for line in (read_text(ctx, f"{DPKG_INFO}/{name}") or "").splitlines():
            if line in wanted:
                owners.setdefault(line, package)
    return owners
