"""The queries of database.retention. Every query returns counts, timestamps or categories:
values of PII columns are read only by the sampled scan, in memory, and never returned."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from auditor.collect.database import pii
from auditor.collect.database.settings import (
    ApiLogTable,
    DatabaseChecks,
    DeletionVerification,
    PurgeJob,
    RetentionCheck,
)
from auditor.collect.documents.records import to_rfc3339
from auditor.errors import CollectorError
from auditor.models import ErrorKind

_TEXT = (sa.String, sa.Text, sa.JSON)
Fingerprint = Callable[[str, str], str]
_MEMO_MAX = 50_000


class Schema:
    """Reflected tables, looked up by (schema, name) with a clear error when absent."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.meta = sa.MetaData()
        self.inspector = sa.inspect(conn)

    def table(self, name: str, schema: str | None = None) -> sa.Table:
        try:
            return sa.Table(name, self.meta, schema=schema, autoload_with=self.conn)
        except sa.exc.NoSuchTableError:
            where = f"{schema}.{name}" if schema else name
            raise CollectorError(
                ErrorKind.unsupported,
                f"table {where} not found",
                "fix the table name in the databases checks",
            ) from None

    def column(self, table: sa.Table, name: str) -> sa.Column[Any]:
        if name not in table.c:
            raise CollectorError(ErrorKind.unsupported, f"column {table.name}.{name} not found")
        return table.c[name]


def _as_dt(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _bound(col: sa.Column[Any], when: datetime) -> Any:
    """A cutoff comparable with the column: naive UTC for naive types, text for text columns."""
    if isinstance(col.type, sa.DateTime):
        return when if col.type.timezone else when.astimezone(UTC).replace(tzinfo=None)
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _holds_pii(table: sa.Table, schema: Schema, columns: list[str], tokens: list[str]) -> Any:
    conds = []
    for name in columns:
        col = schema.column(table, name)
        text = sa.cast(col, sa.Text)
        conds.append(sa.and_(col.is_not(None), text != "", text.not_in(tokens)))
    return sa.or_(*conds)


def retention_check(
    schema: Schema, chk: RetentionCheck, threshold: int, tokens: list[str], now: datetime
) -> dict[str, Any]:
    table = schema.table(chk.table, chk.schema_)
    event_col = schema.column(table, chk.event_column)
    where = [
        event_col.is_not(None),
        event_col < _bound(event_col, now - timedelta(days=threshold)),
        _holds_pii(table, schema, chk.pii_columns, tokens),
    ]
    where += [schema.column(table, c).is_(None) for c in chk.open_when_null]
    if chk.status_column:
        where.append(schema.column(table, chk.status_column).in_(chk.status_values))
    query = sa.select(sa.func.count(), sa.func.min(event_col)).select_from(table).where(*where)
    count, oldest = schema.conn.execute(query).one()
    oldest_dt = _as_dt(oldest)
    sql = str(query.compile(schema.conn))
    return {
        "name": chk.name,
        "table": chk.table,
        "schema": chk.schema_,
        "event": chk.event,
        "event_column": chk.event_column,
        "threshold_days": threshold,
        "pii_columns": chk.pii_columns,
        "offending_rows": int(count),
        "oldest_offending_age_days": (now - oldest_dt).days if oldest_dt else None,
        "query_sha256": hashlib.sha256(sql.encode()).hexdigest(),
    }


def purge_job(schema: Schema, job: PurgeJob) -> dict[str, Any]:
    table = schema.table(job.table, job.schema_)
    finished = schema.column(table, job.finished_column)
    last_run = schema.conn.execute(sa.select(sa.func.max(finished)).select_from(table)).scalar()
    ok = sa.select(finished).select_from(table).where(finished.is_not(None))
    if job.status_column:
        ok = ok.where(schema.column(table, job.status_column).in_(job.success_values))
    cols = [finished] + ([schema.column(table, job.rows_column)] if job.rows_column else [])
    last_ok = schema.conn.execute(
        sa.select(*cols)
        .select_from(table)
        .where(finished == ok.with_only_columns(sa.func.max(finished)).scalar_subquery())
        .limit(1)
    ).first()
    return {
        "table": job.table,
        "last_run_at": to_rfc3339(_as_dt(last_run)) if last_run else None,
        "last_success_at": to_rfc3339(_as_dt(last_ok[0])) if last_ok else None,
        "rows_purged": int(last_ok[1]) if last_ok and job.rows_column and last_ok[1] is not None else None,
    }


def _text_columns(table: sa.Table, only: list[str] | None = None) -> list[sa.Column[Any]]:
    if only is not None:
        return [table.c[c] for c in only if c in table.c]
    return [c for c in table.c if isinstance(c.type, _TEXT)]


def _scan_rows(
    rows: list[sa.Row[Any]], columns: list[sa.Column[Any]]
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """Per column: rows with each PII category; and the highest confidence seen per category."""
    hits: dict[str, Counter[str]] = {c.name: Counter() for c in columns}
    confidence: dict[str, str] = {}
    memo: dict[str, dict[str, str]] = {}
    for row in rows:
        for col, value in zip(columns, row, strict=True):
            if value is None:
                continue
            text = str(value)
            found = memo.get(text)
            if found is None:  # API logs repeat bodies: scan each distinct value once per table
                found = pii.categories(text)
                if len(memo) < _MEMO_MAX:
                    memo[text] = found
            hits[col.name].update(found.keys())
            for cat, conf in found.items():
                if confidence.get(cat) != "high":
                    confidence[cat] = conf
    return hits, confidence


Rows = list[dict[str, Any]]


def schema_scan(schema: Schema, cfg: DatabaseChecks, skip: set[str]) -> tuple[Rows, Rows]:
    """PII-named columns and sampled value hits per column: (columns, tables scanned)."""
    entries: list[dict[str, Any]] = []
    tables: list[dict[str, Any]] = []
    schemas: list[str | None] = list(cfg.schemas) if cfg.schemas else [None]
    default = schema.inspector.default_schema_name
    for sch in schemas:
        names = cfg.pii_scan.tables or schema.inspector.get_table_names(schema=sch)
        for name in sorted(set(names) - set(cfg.pii_scan.exclude_tables) - skip):
            table = schema.table(name, sch)
            cols = _text_columns(table)
            rows = list(schema.conn.execute(sa.select(*cols).limit(cfg.pii_scan.sample_rows))) if cols else []
            hits, _ = _scan_rows(rows, cols)
            tables.append({"schema": sch or default, "table": name, "rows_sampled": len(rows)})
            for col in table.c:
                category = pii.name_category(col.name)
                found = hits.get(col.name, Counter())
                if category or found:
                    entries.append(
                        {
                            "schema": sch or default,
                            "table": name,
                            "column": col.name,
                            "name_match_category": category,
                            "sample_pii_hits": sum(found.values()),
                            "sample_categories": sorted(found),
                        }
                    )
    return entries, tables


def api_log_scan(schema: Schema, cfg: ApiLogTable, now: datetime) -> dict[str, Any]:
    table = schema.table(cfg.table, cfg.schema_)
    cols = _text_columns(table, cfg.columns)
    where = []
    if cfg.time_column:
        tcol = schema.column(table, cfg.time_column)
        where.append(tcol >= _bound(tcol, now - timedelta(days=cfg.days)))
    total = int(schema.conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
    in_window = int(
        schema.conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar() or 0
    )
    rows = list(schema.conn.execute(sa.select(*cols).where(*where).limit(cfg.max_rows))) if cols else []
    hits, confidence = _scan_rows(rows, cols)
    findings = [
        {"column": col, "category": cat, "count": n, "confidence": confidence[cat]}
        for col, counter in sorted(hits.items())
        for cat, n in sorted(counter.items())
    ]
    return {
        "table": cfg.table,
        "schema": cfg.schema_,
        "rows_total": total,
        "rows_in_window": in_window,
        "rows_scanned": len(rows),
        "full_scan": len(rows) >= in_window,
        "window_days": cfg.days if cfg.time_column else None,
        "findings": findings,
    }


def deletion_verification(
    schema: Schema,
    cfg: DeletionVerification,
    requests: list[dict[str, Any]],
    fingerprint: Fingerprint,
    now: datetime,
) -> list[dict[str, Any]]:
    """Per deletion request: how many values in the configured columns still carry one of its
    identifiers (compared as keyed fingerprints; the identifiers themselves are never known here)."""
    wanted: dict[str, set[str]] = {}
    for req in requests:
        ids = req.get("identifiers_hmac") or []
        for fp in [ids] if isinstance(ids, str) else ids:
            wanted.setdefault(str(fp), set()).add(str(req.get("request_id")))
    matches: Counter[str] = Counter()
    scanned, complete = 0, True
    for spec in cfg.columns:
        table = schema.table(spec.table, spec.schema_)
        col = schema.column(table, spec.column)
        rows = schema.conn.execute(sa.select(col).where(col.is_not(None)).limit(cfg.max_rows + 1))
        for n, (value,) in enumerate(rows):
            if n == cfg.max_rows:
                complete = False
                break
            scanned += 1
            for rid in wanted.get(fingerprint(spec.category, str(value)), ()):
                matches[rid] += 1
    checked = to_rfc3339(now)
    return [
        {
            "request_id": str(req.get("request_id")),
            "matches": matches[str(req.get("request_id"))],
            "identifiers": len(req.get("identifiers_hmac") or []),
            "rows_scanned": scanned,
            "complete": complete,
            "checked_at": checked,
        }
        for req in requests
        if req.get("identifiers_hmac")
    ]
