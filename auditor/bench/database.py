"""database.retention benchmark: an SQLite orders + API-log database of N rows, audited by the
collector (retention counts, schema scan, sampled scan, full API-log scan), beside the reference
run of plainly fetching the same API-log rows without scanning them.

    python -m auditor.bench.database [--rows 100000]

Prints API-log rows per second for both and the collector's share of the plain fetch speed.
LOG-7 asks for at least 100 000 rows (or the last 30 days) per run.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.clock import wall_now
from auditor.collect.base import CollectContext
from auditor.collect.database.collector import DatabaseRetentionCollector
from auditor.models import Target, TargetKind


def _build(path: Path, rows: int) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, shipped_at DATETIME, buyer_name TEXT, "
            "buyer_email TEXT, ship_address TEXT)"
        )
        conn.execute(
            "CREATE TABLE api_log (id INTEGER PRIMARY KEY, created_at DATETIME, operation TEXT, "
            "request_body TEXT, response_body TEXT)"
        )
        conn.executemany(
            "INSERT INTO orders (shipped_at, buyer_name, buyer_email, ship_address) "
            "VALUES (datetime('now', ?), ?, ?, ?)",
            [
                (
                    f"-{i % 60} days",
                    "[REDACTED]" if i % 60 > 30 else f"Buyer {i}",
                    None if i % 60 > 30 else f"buyer{i}@example.org",
                    "[REDACTED]",
                )
                for i in range(rows // 10)
            ],
        )
        conn.executemany(
            "INSERT INTO api_log (created_at, operation, request_body, response_body) "
            "VALUES (datetime('now', ?), ?, ?, ?)",
            [
                (
                    f"-{i % 25} days",
                    "getOrders",
                    f'{{"orderId":"203-{i:07d}-{i:07d}"}}',
                    '{"BuyerEmail":"[REDACTED]","Items":[{"ASIN":"B000TEST","Qty":1}]}'
                    if i % 1000
                    else f'{{"BuyerEmail":"leak{i}@example.org"}}',
                )
                for i in range(rows)
            ],
        )


def _reference(path: Path) -> float:
    engine = sa.create_engine(f"sqlite:///{path}")
    start = time.perf_counter()
    with engine.connect() as conn:
        for _ in conn.execute(sa.text("SELECT request_body, response_body FROM api_log")):
            pass
    engine.dispose()
    return time.perf_counter() - start


def _collector(path: Path) -> tuple[float, dict[str, Any]]:
    checks = {
        "retention": [
            {
                "name": "shipped",
                "table": "orders",
                "event": "shipped",
                "event_column": "shipped_at",
                "pii_columns": ["buyer_name", "buyer_email", "ship_address"],
            }
        ],
        "api_log_tables": [
            {"table": "api_log", "time_column": "created_at", "columns": ["request_body", "response_body"]}
        ],
        "order_mgmt_tables": ["orders"],
    }
    ctx = CollectContext(
        now=wall_now(),  # the benchmark's data is made against the real clock
        target=Target(id="bench", kind=TargetKind.database, address="database:bench"),
        params={},
        settings={"databases": [{"id": "bench", "url": f"sqlite:///{path}", "checks": checks}]},
        deadline=time.monotonic() + 3600,
    )
    start = time.perf_counter()
    data = DatabaseRetentionCollector().collect(ctx)
    return time.perf_counter() - start, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        _build(path, args.rows)
        ref = _reference(path)
        took, data = _collector(path)
    api = data["api_log_tables"][0]
    hits = sum(f["count"] for f in api["findings"])
    print(f"rows: {args.rows} API-log rows, {args.rows // 10} orders")
    print(f"reference (plain fetch): {ref:7.2f} s  {args.rows / ref:12,.0f} rows/s")
    print(
        f"database.retention:      {took:7.2f} s  {api['rows_scanned'] / took:12,.0f} rows/s "
        f"(scanned {api['rows_scanned']}, {hits} PII values found)"
    )
    print(f"ratio: collector runs at {ref / took:.1%} of the plain fetch speed")


if __name__ == "__main__":
    main()
