"""database.retention against a real PostgreSQL (started by conftest) and SQLite."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from auditor.collect.database.collector import DatabaseRetentionCollector
from auditor.collect.database.connection import parse_url, read_only
from auditor.collect.database.settings import DatabaseSettings
from auditor.errors import CollectorError
from auditor.models import Target, TargetKind, rfc3339
from tests.clock import NOW
from tests.governance.conftest import AUDITOR_PASSWORD, Postgres
from tests.governance.helpers import collect, envelope, evaluate_clauses

PII = (
    "Alice Buyer",
    "alice@example.org",
    "12 Rose Street, Leeds LS2 9JT",
    "Bob Late",
    "bob@example.org",
    "carol@example.org",
    "dave@example.org",
    "07911 123456",
)
PII_COLUMNS = ["buyer_name", "buyer_email", "ship_address"]

# The rows are dated against the tests' clock, which the collector is given too.
_PG_NOW = f"TIMESTAMPTZ '{NOW.isoformat()}'"
SEED = f"""
DROP TABLE IF EXISTS orders, purge_runs, api_log, marketing;
DROP ROLE IF EXISTS auditor; DROP ROLE IF EXISTS reporting;
CREATE ROLE auditor LOGIN PASSWORD '{AUDITOR_PASSWORD}';
CREATE ROLE reporting;
CREATE TABLE orders (id serial PRIMARY KEY, status text, purchased_at timestamptz, shipped_at timestamptz,
  cancelled_at timestamptz, buyer_name text, buyer_email text, ship_address text);
INSERT INTO orders (status, purchased_at, shipped_at, cancelled_at, buyer_name, buyer_email,
  ship_address) VALUES
 ('shipped', {_PG_NOW} - interval '33 days', {_PG_NOW} - interval '31 days', NULL,
  'Alice Buyer', 'alice@example.org', '12 Rose Street, Leeds LS2 9JT'),
 ('shipped', {_PG_NOW} - interval '30 days', {_PG_NOW} - interval '29 days', NULL,
  'Bob Late', 'bob@example.org', NULL),
 ('shipped', {_PG_NOW} - interval '50 days', {_PG_NOW} - interval '45 days', NULL, '[REDACTED]', NULL, NULL),
 ('cancelled', {_PG_NOW} - interval '40 days', NULL, {_PG_NOW} - interval '35 days', NULL,
  'carol@example.org', NULL),
 ('open', {_PG_NOW} - interval '100 days', NULL, NULL, NULL, 'dave@example.org', NULL);
CREATE TABLE purge_runs (finished_at timestamptz, status text, rows_purged int);
INSERT INTO purge_runs VALUES ({_PG_NOW} - interval '3 hours', 'success', 12),
 ({_PG_NOW} - interval '1 hour', 'failed', 0);
CREATE TABLE api_log (created_at timestamptz, operation text, response_body text);
INSERT INTO api_log VALUES
 ({_PG_NOW} - interval '2 days', 'getOrderBuyerInfo', '{{"BuyerEmail":"alice@example.org"}}'),
 ({_PG_NOW} - interval '1 days', 'getOrders', '{{"Orders":[]}}');
CREATE TABLE marketing (id int, contact_phone text);
INSERT INTO marketing VALUES (1, '07911 123456');
GRANT SELECT ON orders, purge_runs, api_log, marketing TO auditor;
GRANT SELECT ON orders TO reporting;
"""


def _checks() -> dict[str, Any]:
    return {
        "retention": [
            {
                "name": "orders_shipped",
                "table": "orders",
                "event": "shipped",
                "event_column": "shipped_at",
                "pii_columns": PII_COLUMNS,
            },
            {
                "name": "orders_cancelled",
                "table": "orders",
                "event": "cancelled",
                "event_column": "cancelled_at",
                "pii_columns": PII_COLUMNS,
            },
            {
                "name": "orders_open",
                "table": "orders",
                "event": "open_since_purchase",
                "event_column": "purchased_at",
                "open_when_null": ["shipped_at", "cancelled_at"],
                "pii_columns": PII_COLUMNS,
            },
        ],
        "purge_job": {
            "table": "purge_runs",
            "finished_column": "finished_at",
            "status_column": "status",
            "rows_column": "rows_purged",
        },
        "api_log_tables": [{"table": "api_log", "time_column": "created_at"}],
        "order_mgmt_tables": ["orders"],
        "order_mgmt_db_users": ["auditor", "postgres"],
    }


@pytest.fixture(scope="module")
def seeded(postgres: Postgres) -> Postgres:
    postgres.psql(SEED)
    return postgres


def _pg_evidence(pg: Postgres, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("SHOP_DB_URL", pg.url())
    settings = {"databases": [{"id": "shop", "url_env": "SHOP_DB_URL", "checks": _checks()}]}
    target = Target(id="shop", kind=TargetKind.database, address="database:shop")
    data, _ = collect(DatabaseRetentionCollector, target, settings, {"retention_days": 30})
    return data


def test_postgres_31_day_rows_fail_ret3_with_a_count_and_no_value(
    seeded: Postgres, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = _pg_evidence(seeded, monkeypatch)
    shipped = next(c for c in data["retention_checks"] if c["event"] == "shipped")
    assert shipped["offending_rows"] == 1  # the 31-day row; the 29-day row is within retention
    assert shipped["oldest_offending_age_days"] == 31
    text = json.dumps(data)
    for value in (*PII, AUDITOR_PASSWORD):
        assert value not in text
    assert data["url_redacted"] == f"postgresql+psycopg://auditor@127.0.0.1:{seeded.port}/shop"

    target = Target(id="shop", kind=TargetKind.database, address="database:shop")
    results = evaluate_clauses(
        tmp_path, [envelope("database.retention", target, data)], [target], rfc3339(NOW)
    )
    ret3 = results["RET-3"]
    assert ret3.status == "fail"
    finding = next(f for f in ret3.findings if f.check == "RET-3.a")
    assert finding.details["offending_rows"] == 1
    assert not any(v in json.dumps(finding.model_dump()) for v in PII)


def test_postgres_other_checks(seeded: Postgres, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = _pg_evidence(seeded, monkeypatch)
    by_event = {c["event"]: c["offending_rows"] for c in data["retention_checks"]}
    assert by_event == {"shipped": 1, "cancelled": 1, "open_since_purchase": 1}
    assert data["purge_job"]["rows_purged"] == 12  # the failed later run is not a success
    assert data["purge_job"]["last_run_at"] > data["purge_job"]["last_success_at"]
    api = data["api_log_tables"][0]
    assert api["rows_scanned"] == 2 and api["full_scan"]
    assert {"column": "response_body", "category": "email", "count": 1, "confidence": "high"} in api[
        "findings"
    ]
    phone = [c for c in data["schema_scan"] if c["table"] == "marketing"]
    assert phone and phone[0]["name_match_category"] == "phone" and phone[0]["sample_pii_hits"] == 1
    assert {"db_user": "reporting", "object": "public.orders", "privileges": ["SELECT"]} in data["grants"]

    target = Target(id="shop", kind=TargetKind.database, address="database:shop")
    results = evaluate_clauses(
        tmp_path, [envelope("database.retention", target, data)], [target], rfc3339(NOW)
    )
    assert results["RET-4"].status == "fail"
    assert {f.check for f in results["RET-4"].findings} == {"RET-4.a", "RET-4.b"}
    assert results["LOG-7"].status == "fail"
    assert {f.check for f in results["RET-2"].findings} == {"RET-2.a", "RET-2.b"}


def test_postgres_session_is_read_only(seeded: Postgres) -> None:
    db = DatabaseSettings.model_validate({"id": "shop", "url": seeded.url()})
    with pytest.raises(CollectorError) as exc, read_only(parse_url(db), 10) as conn:
        conn.execute(sa.text("DELETE FROM orders"))
    assert "read-only" in exc.value.message
    assert AUDITOR_PASSWORD not in exc.value.message
    assert seeded.psql("SELECT count(*) FROM orders").strip() == "5"


def test_postgres_bad_password_is_an_auth_error_without_the_secret(seeded: Postgres, tmp_path: Path) -> None:
    secret = tmp_path / "db.url"
    secret.write_text(seeded.url(password="wrong-Pa55"))
    settings = {"databases": [{"id": "shop", "secrets_file": str(secret)}]}
    with pytest.raises(CollectorError) as exc:
        collect(
            DatabaseRetentionCollector, Target(id="shop", kind=TargetKind.database, address="x"), settings
        )
    assert exc.value.kind == "auth"
    assert "wrong-Pa55" not in exc.value.message


_SQLITE_NOW = NOW.strftime("%Y-%m-%d %H:%M:%S")


def _sqlite(path: Path, shipped_days: int) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, shipped_at DATETIME, cancelled_at DATETIME, "
            "buyer_name TEXT, buyer_email TEXT)"
        )
        conn.execute("CREATE TABLE purge_runs (finished_at DATETIME)")
        conn.execute(
            "INSERT INTO orders (shipped_at, buyer_name, buyer_email) VALUES "
            f"(datetime('{_SQLITE_NOW}', '-{shipped_days} days'), 'Alice Buyer', 'alice@example.org')"
        )
        conn.execute(f"INSERT INTO purge_runs VALUES (datetime('{_SQLITE_NOW}', '-1 hours'))")


@pytest.mark.parametrize(("days", "status"), [(31, "fail"), (29, "pass")])
def test_sqlite_retention(tmp_path: Path, days: int, status: str) -> None:
    db = tmp_path / "shop.sqlite"
    _sqlite(db, days)
    checks = {
        "retention": [
            {
                "name": "shipped",
                "table": "orders",
                "event": "shipped",
                "event_column": "shipped_at",
                "pii_columns": ["buyer_name", "buyer_email"],
            },
            {
                "name": "cancelled",
                "table": "orders",
                "event": "cancelled",
                "event_column": "cancelled_at",
                "pii_columns": ["buyer_name", "buyer_email"],
            },
        ],
        "purge_job": {"table": "purge_runs", "finished_column": "finished_at"},
    }
    target = Target(id="shop", kind=TargetKind.database, address="database:shop")
    data, _ = collect(
        DatabaseRetentionCollector,
        target,
        {"databases": [{"id": "shop", "url": f"sqlite:///{db}", "checks": checks}]},
    )
    assert data["retention_checks"][0]["offending_rows"] == (1 if days > 30 else 0)
    assert "alice" not in json.dumps(data).lower()
    results = evaluate_clauses(
        tmp_path, [envelope("database.retention", target, data)], [target], rfc3339(NOW)
    )
    assert results["RET-3"].status == status


def test_missing_table_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    sqlite3.connect(db).close()
    checks = {
        "retention": [
            {
                "name": "x",
                "table": "orders",
                "event": "shipped",
                "event_column": "shipped_at",
                "pii_columns": ["buyer_name"],
            }
        ]
    }
    with pytest.raises(CollectorError, match="table orders not found"):
        collect(
            DatabaseRetentionCollector,
            Target(id="d", kind=TargetKind.database, address="x"),
            {"databases": [{"id": "d", "url": f"sqlite:///{db}", "checks": checks}]},
        )


def test_deletion_identifiers_still_present_fail_del3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    from auditor.collect.documents.collector import DocumentsCollector
    from tests.governance.helpers import singleton

    monkeypatch.setenv("DPP_AUDITOR_STATE", str(tmp_path / "state"))
    db = tmp_path / "shop.sqlite"
    _sqlite(db, 40)
    # the identifiers are fingerprinted by the CLI from stdin, as an operator would
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "deletion", "fingerprint", "--category", "email"],
        input="Alice@Example.org\nnobody@example.org\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "DPP_AUDITOR_STATE": str(tmp_path / "state")},
    )
    ids = proc.stdout.strip()
    assert ids.count("hmac-sha256:") == 2 and "example.org" not in ids
    register = tmp_path / "deletions.csv"
    register.write_text(
        "request_id,received_at,requested_action,completed_at,verification_ref,method.nist_category,"
        "method.media_type,live_instances_deleted_at,identifiers_hmac\n"
        f"DR-9,2026-10-01T09:00:00Z,delete,2026-10-02T09:00:00Z,x,purge,db_records,2026-10-20T00:00:00Z,{ids}\n"
    )
    checks = {
        "deletion_verification": {
            "register_file": str(register),
            "columns": [{"table": "orders", "column": "buyer_email", "category": "email"}],
        }
    }
    target = Target(id="shop", kind=TargetKind.database, address="database:shop")
    data, _ = collect(
        DatabaseRetentionCollector,
        target,
        {"databases": [{"id": "shop", "url": f"sqlite:///{db}", "checks": checks}]},
    )
    assert data["deletion_verification"] == [
        {
            "request_id": "DR-9",
            "matches": 1,
            "identifiers": 2,
            "rows_scanned": 1,
            "complete": True,
            "checked_at": data["checked_at"],
        }
    ]
    docs_settings = {"documents": {"dir": str(tmp_path), "registers": {"deletion_requests": str(register)}}}
    docs_target = singleton(TargetKind.documents)
    docs, _ = collect(DocumentsCollector, docs_target, docs_settings)
    results = evaluate_clauses(
        tmp_path,
        [envelope("database.retention", target, data), envelope("documents.records", docs_target, docs)],
        [target, docs_target],
        "2026-11-27T10:00:00Z",
    )
    assert [f.check for f in results["DEL-3"].findings] == ["DEL-3.c"]
