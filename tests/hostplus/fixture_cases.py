"""Fixture cases of the clauses after GEN-5 (see make_fixtures.py)."""

from __future__ import annotations

from tests.hostplus.make_fixtures import case, d, with_  # noqa: F401
