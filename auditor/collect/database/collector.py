"""The `database.retention` collector: PII retention, purge job, PII-named columns and a sampled
PII scan of one configured database. Evidence holds counts and categories, never values."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import sqlalchemy as sa
from pydantic import ValidationError

from auditor.collect.base import CollectContext, Collector
from auditor.collect.database import checks
from auditor.collect.database.connection import parse_url, read_only, redact
from auditor.collect.database.settings import DatabaseChecks, DatabaseSettings, DatabasesSettings
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

# pg_class.relacl is readable by any role, unlike information_schema's filtered grant views
_PG_GRANTS = sa.text(
    "SELECT COALESCE(r.rolname, 'PUBLIC'), n.nspname, c.relname, a.privilege_type "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee "
    "WHERE c.relkind IN ('r', 'v', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
)


def database_settings(ctx: CollectContext) -> DatabaseSettings:
    try:
        dbs = DatabasesSettings.model_validate(ctx.settings.get("databases") or []).root
    except ValidationError as exc:
        raise CollectorError(ErrorKind.parse, f"databases: {exc.errors()[0]['msg']}") from None
    for db in dbs:
        if db.id == ctx.target.id:
            return db
    raise CollectorError(ErrorKind.unsupported, f"no database with id {ctx.target.id} in the configuration")


def _grants(conn: sa.Connection) -> list[dict[str, Any]] | None:
    if conn.dialect.name != "postgresql":
        return None
    grouped: dict[tuple[str, str], set[str]] = defaultdict(set)
    for grantee, sch, table, priv in conn.execute(_PG_GRANTS):
        grouped[(grantee, f"{sch}.{table}")].add(priv)
    return [{"db_user": u, "object": o, "privileges": sorted(p)} for (u, o), p in sorted(grouped.items())]


def _deletions(
    ctx: CollectContext, schema: checks.Schema, cfg: DatabaseChecks, now: datetime
) -> list[dict[str, Any]]:
    """DEL-3: the deletion register's keyed identifiers, rescanned in the configured columns."""
    from auditor.collect.documents.records import load_records
    from auditor.pii.fingerprint import Fingerprinter, load_or_create_key

    dv = cfg.deletion_verification
    assert dv is not None
    rows = load_records(ctx, Path(dv.register_file))
    if isinstance(rows, dict) and len(rows) == 1:
        rows = next(iter(rows.values()))
    if not isinstance(rows, list):
        raise CollectorError(ErrorKind.parse, f"{dv.register_file}: a register must be a list of records")
    key_file = (ctx.settings.get("logs") or {}).get("hmac_key_file")
    fp = Fingerprinter(load_or_create_key(key_file)).fingerprint
    return checks.deletion_verification(schema, dv, [r for r in rows if isinstance(r, dict)], fp, now)


class DatabaseRetentionCollector(Collector):
    id = "database.retention"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.database})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        db = database_settings(ctx)
        url = parse_url(db)
        now = ctx.now
        cfg = db.checks
        days = {
            "shipped": int(ctx.params.get("retention_days", 30)),
            "cancelled": int(ctx.params.get("retention_days", 30)),
            "open_since_purchase": int(ctx.params.get("open_order_warn_days", 90)),
        }
        ctx.provenance.commands.append(f"read-only SQL session on {redact(url)}")
        with read_only(url, min(30.0, ctx.remaining())) as conn:
            schema = checks.Schema(conn)
            retention = [
                checks.retention_check(
                    schema, c, c.threshold_days or days[c.event], cfg.redaction_tokens, now
                )
                for c in cfg.retention
            ]
            purge = checks.purge_job(schema, cfg.purge_job) if cfg.purge_job else None
            api_logs = [checks.api_log_scan(schema, t, now) for t in cfg.api_log_tables]
            skip = {t.table for t in cfg.api_log_tables}
            columns, tables = checks.schema_scan(schema, cfg, skip)
            grants = _grants(conn)
            deletions = _deletions(ctx, schema, cfg, now) if cfg.deletion_verification else []
        return {
            "engine": url.get_backend_name(),
            "url_redacted": redact(url),
            "checked_at": checks.to_rfc3339(now),
            "retention_checks": retention,
            "purge_job": purge,
            "schema_scan": columns,
            "tables_scanned": tables,
            "api_log_tables": api_logs,
            "grants": grants or [],
            "deletion_verification": deletions,
            "grants_supported": grants is not None,
            "purpose": {
                "order_mgmt_tables": cfg.order_mgmt_tables,
                "order_mgmt_schemas": cfg.order_mgmt_schemas,
                "order_mgmt_db_users": cfg.order_mgmt_db_users,
            },
        }
