"""The tests' fixed clock. The example set's records are stated around it (examples/anchor.yaml),
so a test that reasons about dates injects this and never reads today's date."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
