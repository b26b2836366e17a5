"""The host clauses of this area (every package whose METADATA names one of them), on regorus and
real OPA through the shared harness."""

from __future__ import annotations

from tests.harness.clause_policies import ClausePolicies

POLICIES = ClausePolicies(("NET-1", "NET-3", "NET-5", "GEN-4", "ACC-3", "LPP-2"))
