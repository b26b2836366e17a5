"""The run's one clock, and the only place that reads the wall clock for a date.

A run has one "now": `--at` when it is given, else the moment the run started. Collectors read
it from their context (`ctx.now`), policies from `input.meta.evaluated_at`, so a run collected
and evaluated today or re-evaluated offline next year decides every date the same way.
Durations and deadlines use `time.monotonic()`, never this module. `tests/core/test_clock.py`
fails when a wall-clock date read appears anywhere else in `auditor/`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from auditor.errors import UsageError


def wall_now() -> datetime:
    """The real time: for the run clock's origin and for records of when something happened
    (an evidence file's collected_at, a manifest's created_at), never for a verdict."""
    return datetime.now(UTC)


def parse_instant(value: str, *, what: str = "--at") -> datetime:
    """An RFC 3339 time with a zone, as given on the command line or stored in run.json."""
    try:
        ts = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{what} {value!r}: not an RFC 3339 time (e.g. 2026-11-27T10:00:00Z)") from None
    if ts.tzinfo is None:
        raise UsageError(f"{what} {value!r}: add a time zone, e.g. Z")
    return ts.astimezone(UTC).replace(microsecond=0)


def run_clock(at: str | None) -> datetime:
    """The run's now: `--at` when given, else the run's start."""
    return parse_instant(at) if at else wall_now().replace(microsecond=0)
