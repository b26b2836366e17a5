"""The TLS clauses and NET-6, on regorus and real OPA through the shared harness."""

from __future__ import annotations

from tests.harness.clause_policies import ClausePolicies

POLICIES = ClausePolicies(("TLS-1", "TLS-2", "TLS-3", "TLS-4", "TLS-5", "TLS-7", "NET-6"))
