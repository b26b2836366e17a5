"""host.dbtls: PostgreSQL and MySQL/MariaDB server settings for TLS and connection logging.

Configuration files only (the effective server state is TLS-5's probe): every cluster under
/etc/postgresql/<version>/<name>, and /etc/mysql/my.cnf (or /etc/my.cnf) with its includes.
A host without either gives an empty db_config.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text
from auditor.collect.parsers import dbtls as parser
from auditor.models import TargetKind

PG_GLOB = "/etc/postgresql/*/*/postgresql.conf"
MY_CNF = ("/etc/mysql/my.cnf", "/etc/my.cnf")
_MAX_DEPTH = 8


class DbTlsCollector(Collector):
    id: ClassVar[str] = "host.dbtls"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        configs = [self._postgres(ctx, path) for path in expand_glob(t, PG_GLOB)]
        mysql = next((p for p in MY_CNF if t.stat(p) is not None), None)
        if mysql is not None:
            configs.append(self._mysql(ctx, mysql))
        return {"db_config": configs}

    def _postgres(self, ctx: CollectContext, path: str) -> dict[str, Any]:
        t = ctx.require_transport()
        directory = path.rsplit("/", 1)[0]
        settings: dict[str, str] = {}
        files = [path]
        main = parser.parse(read_text(ctx, path) or "", f"cat {path}")
        settings.update(main["settings"])
        for inc in main["includes"]:
            base = inc["path"] if inc["path"].startswith("/") else f"{directory}/{inc['path']}"
            paths = expand_glob(t, f"{base}/*.conf") if inc["kind"] == "include_dir" else [base]
            for p in paths:
                text = read_text(ctx, p)
                if text is not None:
                    files.append(p)
                    settings.update(parser.parse(text, f"cat {p}")["settings"])
        hba_path = settings.get("hba_file", f"{directory}/pg_hba.conf")
        hba_text = read_text(ctx, hba_path)
        version, cluster = directory.split("/")[-2:]
        listen = [a.strip() for a in settings.get("listen_addresses", "localhost").split(",") if a.strip()]
        return {
            "engine": "postgresql",
            "instance": f"{version}/{cluster}",
            "files": files,
            "bind_addresses": listen,
            "port": int(settings.get("port", "5432")),
            "loopback_only": parser.loopback_only(listen),
            "ssl_enabled": settings.get("ssl", "off").lower() in ("on", "true", "yes", "1"),
            "ssl_min_protocol_version": settings.get("ssl_min_protocol_version", "TLSv1.2"),
            "log_connections": _on(settings.get("log_connections", "off")),
            "log_disconnections": _on(settings.get("log_disconnections", "off")),
            "hba_file": hba_path,
            "hba": parser.parse_hba(hba_text)["hba"] if hba_text is not None else None,
            "require_secure_transport": None,
            "tls_versions": None,
            "audit_plugin": None,
        }

    def _mysql(self, ctx: CollectContext, path: str) -> dict[str, Any]:
        options: dict[str, str] = {}
        files: list[str] = []
        self._load_cnf(ctx, path, options, files, 0)
        bind = [a.strip() for a in options.get("bind_address", "*").split(",") if a.strip()]
        if options.get("skip_networking") in ("1", "ON", "on", "true"):
            bind = ["127.0.0.1"]
        plugins = options.get("plugin_load_add", "") + options.get("plugin_load", "")
        audit = (
            "server_audit" if "server_audit" in plugins else "audit_log" if "audit_log" in plugins else None
        )
        return {
            "engine": "mysql",
            "instance": path,
            "files": files,
            "bind_addresses": bind,
            "port": int(options.get("port", "3306")),
            "loopback_only": parser.loopback_only(bind),
            "ssl_enabled": bool(options.get("ssl_cert") or options.get("ssl")),
            "ssl_min_protocol_version": None,
            "require_secure_transport": _on(options.get("require_secure_transport", "off")),
            "tls_versions": [v.strip() for v in options["tls_version"].split(",")]
            if "tls_version" in options
            else None,
            "audit_plugin": audit,
            "log_connections": None,
            "log_disconnections": None,
            "hba": None,
            "hba_file": None,
        }

    def _load_cnf(
        self, ctx: CollectContext, path: str, options: dict[str, str], files: list[str], depth: int
    ) -> None:
        text = read_text(ctx, path)
        if text is None or depth > _MAX_DEPTH:
            return
        files.append(path)
        parsed = parser.parse_mycnf(text, f"cat {path}")
        for group in parser.SERVER_GROUPS:
            options.update(parsed["groups"].get(group, {}))
        for inc in parsed["includes"]:
            targets = (
                sorted(
                    p
                    for p in expand_glob(ctx.require_transport(), f"{inc['path'].rstrip('/')}/*")
                    if p.endswith((".cnf", ".ini"))
                )
                if inc["kind"] == "includedir"
                else [inc["path"]]
            )
            for p in targets:
                self._load_cnf(ctx, p, options, files, depth + 1)


def _on(value: str | None) -> bool | None:
    return None if value is None else value.strip("'\"").lower() in ("on", "true", "yes", "1")
