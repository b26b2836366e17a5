"""The run index: one row per run, per-clause status and finding fingerprints.

SQLite by default (a file in the run store), or any SQLAlchemy URL such as
`postgresql://user@host/db` (driven by psycopg 3). Only identities are stored: clause ids,
statuses, checks, target ids, PII-free messages and fingerprints; never evidence.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import Connection, Engine

from auditor.errors import StoreError
from auditor.models import Results
from auditor.render.view import compliance_score

DEFAULT_DB_NAME = "history.sqlite"


class HistorySettings(BaseModel):
    """Config section `history:`; `url` wins over `db_file`."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None  # e.g. postgresql://auditor@db.internal/dpp (password via ~/.pgpass or PGPASSWORD)
    db_file: str | None = None  # SQLite file; default OUTDIR/history.sqlite
    trend_runs: int = 12


metadata = sa.MetaData()
runs_t = sa.Table(
    "dpp_runs",
    metadata,
    sa.Column("run_id", sa.String(80), primary_key=True),
    sa.Column("evaluated_at", sa.String(32), nullable=False, index=True),
    sa.Column("organisation", sa.Text, nullable=False, default=""),
    sa.Column("profile", sa.String(80), nullable=False, default="default"),
    sa.Column("tool_version", sa.String(40), nullable=False),
    sa.Column("catalogue_version", sa.String(40), nullable=False),
    sa.Column("engine", sa.String(40), nullable=False),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("n_pass", sa.Integer, nullable=False),
    sa.Column("n_fail", sa.Integer, nullable=False),
    sa.Column("n_warn", sa.Integer, nullable=False),
    sa.Column("n_error", sa.Integer, nullable=False),
    sa.Column("n_waived", sa.Integer, nullable=False),
    sa.Column("n_other", sa.Integer, nullable=False),
    sa.Column("open_findings", sa.Integer, nullable=False),
    sa.Column("run_dir", sa.Text, nullable=True),
)
clauses_t = sa.Table(
    "dpp_clause_status",
    metadata,
    sa.Column(
        "run_id", sa.String(80), sa.ForeignKey("dpp_runs.run_id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("clause_id", sa.String(40), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("severity", sa.String(10), nullable=False),
)
findings_t = sa.Table(
    "dpp_findings",
    metadata,
    sa.Column(
        "run_id", sa.String(80), sa.ForeignKey("dpp_runs.run_id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("fingerprint", sa.String(64), primary_key=True),
    sa.Column("clause_id", sa.String(40), nullable=False, index=True),
    sa.Column("check_id", sa.String(60), nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("severity", sa.String(10), nullable=False),
    sa.Column("level", sa.String(10), nullable=False),
    sa.Column("waived_by", sa.String(80), nullable=True),
    sa.Column("msg", sa.Text, nullable=False),
)


@dataclass(frozen=True)
class RunRecord:
    run_id: str
    evaluated_at: str
    score: float | None
    n_pass: int
    n_fail: int
    n_warn: int
    n_error: int
    n_waived: int
    open_findings: int
    run_dir: str | None


@dataclass(frozen=True)
class FindingRecord:
    fingerprint: str
    clause: str
    check: str
    target: str
    severity: str
    level: str
    waived_by: str | None
    msg: str


@dataclass
class Snapshot:
    """What a diff needs from one run."""

    run_id: str
    clauses: dict[str, str] = field(default_factory=dict)  # clause id -> status
    findings: dict[str, FindingRecord] = field(default_factory=dict)


def snapshot_of(results: Results) -> Snapshot:
    snap = Snapshot(results.meta.run_id, {c.id: str(c.status) for c in results.clauses})
    for c in results.clauses:
        for f in c.findings:
            snap.findings[f.fingerprint] = FindingRecord(
                f.fingerprint, f.clause, f.check, f.target, str(f.severity), str(f.level), f.waived_by, f.msg
            )
    return snap


def database_url(value: str) -> str:
    """A URL as given, a bare path as SQLite; postgresql:// goes through psycopg 3."""
    if "://" not in value:
        path = Path(value).resolve()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return f"sqlite:///{path}"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def _safe(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<invalid database URL>"


class RunIndex:
    def __init__(self, url: str) -> None:
        self.url = database_url(url)
        try:
            self.engine: Engine = sa.create_engine(self.url, pool_pre_ping=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"history database {_safe(self.url)}: {exc}") from None
        with self._conn() as conn:
            metadata.create_all(conn)
        db_file = self.engine.url.database if self.engine.url.get_backend_name() == "sqlite" else None
        if db_file and Path(db_file).is_file():
            os.chmod(db_file, 0o600)  # holds target ids and finding messages

    @contextmanager
    def _conn(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            first = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"history database {_safe(self.url)}: {first}") from None

    def close(self) -> None:
        self.engine.dispose()

    def record(self, results: Results, run_dir: Path | None = None) -> None:
        """Insert or replace one run (re-recording the same run is harmless)."""
        meta, clauses = results.meta, results.clauses
        counts = {
            s: sum(1 for c in clauses if c.status == s) for s in ("pass", "fail", "warn", "error", "waived")
        }
        snap = snapshot_of(results)
        with self._conn() as conn:
            for table in (findings_t, clauses_t, runs_t):
                conn.execute(table.delete().where(table.c.run_id == meta.run_id))
            conn.execute(
                runs_t.insert().values(
                    run_id=meta.run_id,
                    evaluated_at=meta.evaluated_at,
                    organisation=meta.organisation,
                    profile=meta.profile,
                    tool_version=meta.tool_version,
                    catalogue_version=meta.catalogue_version,
                    engine=meta.engine,
                    score=compliance_score(clauses).percent,
                    **{f"n_{k}": v for k, v in counts.items()},
                    n_other=len(clauses) - sum(counts.values()),
                    open_findings=sum(1 for f in snap.findings.values() if not f.waived_by),
                    run_dir=str(run_dir) if run_dir else None,
                )
            )
            conn.execute(
                clauses_t.insert(),
                [
                    {
                        "run_id": meta.run_id,
                        "clause_id": c.id,
                        "status": str(c.status),
                        "severity": str(c.severity),
                    }
                    for c in clauses
                ],
            )
            if snap.findings:
                conn.execute(
                    findings_t.insert(),
                    [
                        {
                            "run_id": meta.run_id,
                            "fingerprint": f.fingerprint,
                            "clause_id": f.clause,
                            "check_id": f.check,
                            "target": f.target,
                            "severity": f.severity,
                            "level": f.level,
                            "waived_by": f.waived_by,
                            "msg": f.msg,
                        }
                        for f in snap.findings.values()
                    ],
                )

    def runs(self, limit: int | None = None, before: str | None = None) -> list[RunRecord]:
        """Runs oldest first; `limit` keeps the newest ones; `before` excludes that run and later ones."""
        # run ids start with the UTC start time, so they order runs even when --at back-dates evaluation
        q = sa.select(runs_t).order_by(runs_t.c.run_id.desc())
        if before is not None:
            q = q.where(runs_t.c.run_id < before)
        if limit is not None:
            q = q.limit(limit)
        with self._conn() as conn:
            rows = conn.execute(q).mappings().all()
        return [
            RunRecord(
                r["run_id"],
                r["evaluated_at"],
                r["score"],
                r["n_pass"],
                r["n_fail"],
                r["n_warn"],
                r["n_error"],
                r["n_waived"],
                r["open_findings"],
                r["run_dir"],
            )
            for r in reversed(rows)
        ]

    def snapshot(self, run_id: str) -> Snapshot:
        with self._conn() as conn:
            if conn.execute(sa.select(runs_t.c.run_id).where(runs_t.c.run_id == run_id)).first() is None:
                raise StoreError(f"run {run_id} is not in the history index")
            snap = Snapshot(run_id)
            for row in conn.execute(sa.select(clauses_t).where(clauses_t.c.run_id == run_id)).mappings():
                snap.clauses[row["clause_id"]] = row["status"]
            for row in conn.execute(sa.select(findings_t).where(findings_t.c.run_id == run_id)).mappings():
                snap.findings[row["fingerprint"]] = FindingRecord(
                    row["fingerprint"],
                    row["clause_id"],
                    row["check_id"],
                    row["target"],
                    row["severity"],
                    row["level"],
                    row["waived_by"],
                    row["msg"],
                )
        return snap

    def previous(self, run_id: str) -> RunRecord | None:
        earlier = self.runs(limit=1, before=run_id)
        return earlier[-1] if earlier else None


def history_url(settings: dict[str, Any] | None, out_dir: Path | None) -> str:
    """The index location: history.url, $DPP_AUDITOR_HISTORY_URL, history.db_file, OUTDIR/history.sqlite."""
    section = (settings or {}).get("history") or {}
    value = section.get("url") or os.environ.get("DPP_AUDITOR_HISTORY_URL") or section.get("db_file")
    if value:
        return str(value)
    return str((out_dir or Path("runs")) / DEFAULT_DB_NAME)


def trend_points(index: RunIndex | None, results: Results, limit: int = 12) -> list[dict[str, Any]]:
    """The last `limit` runs up to and including `results` (which need not be recorded yet)."""
    earlier = index.runs(limit=max(limit - 1, 0), before=results.meta.run_id) if index else []
    points = [
        {"run_id": r.run_id, "evaluated_at": r.evaluated_at, "score": r.score, "fail": r.n_fail}
        for r in earlier
    ]
    points.append(
        {
            "run_id": results.meta.run_id,
            "evaluated_at": results.meta.evaluated_at,
            "score": compliance_score(results.clauses).percent,
            "fail": sum(1 for c in results.clauses if c.status == "fail"),
        }
    )
    return points


# --- diff ------------------------------------------------------------------------------


@dataclass
class RunDiff:
    run_a: str
    run_b: str
    new: list[FindingRecord] = field(default_factory=list)
    resolved: list[FindingRecord] = field(default_factory=list)
    still_failing: list[FindingRecord] = field(default_factory=list)
    newly_waived: list[FindingRecord] = field(default_factory=list)
    expired: list[FindingRecord] = field(default_factory=list)
    newly_failing_clauses: list[str] = field(default_factory=list)
    fixed_clauses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[FindingRecord]) -> list[dict[str, Any]]:
            return [f.__dict__ for f in items]

        return {
            "run_a": self.run_a,
            "run_b": self.run_b,
            "new": rows(self.new),
            "resolved": rows(self.resolved),
            "still_failing": rows(self.still_failing),
            "newly_waived": rows(self.newly_waived),
            "expired": rows(self.expired),
            "newly_failing_clauses": self.newly_failing_clauses,
            "fixed_clauses": self.fixed_clauses,
        }


def _is_expiry_notice(f: FindingRecord) -> bool:
    return f.check.endswith(".waiver")  # the finding auditor.waivers adds for a lapsed waiver


def diff(a: Snapshot, b: Snapshot) -> RunDiff:
    """Findings by fingerprint from run A to run B, and clauses that started or stopped failing."""
    out = RunDiff(a.run_id, b.run_id)
    for fp, fb in sorted(b.findings.items(), key=lambda kv: (kv[1].clause, kv[1].target, kv[0])):
        fa = a.findings.get(fp)
        if fb.waived_by:
            if fa is None or not fa.waived_by:
                out.newly_waived.append(fb)
        elif _is_expiry_notice(fb) or (fa is not None and fa.waived_by):
            out.expired.append(fb)
        elif fa is None:
            out.new.append(fb)
        else:
            out.still_failing.append(fb)
    out.resolved = [
        fa
        for fp, fa in sorted(a.findings.items(), key=lambda kv: (kv[1].clause, kv[1].target, kv[0]))
        if not fa.waived_by and fp not in b.findings
    ]
    out.newly_failing_clauses = sorted(
        c for c, s in b.clauses.items() if s == "fail" and a.clauses.get(c) != "fail"
    )
    out.fixed_clauses = sorted(
        c for c, s in a.clauses.items() if s == "fail" and b.clauses.get(c) not in (None, "fail")
    )
    return out
