"""Fixture cases and Rego unit tests of this area's host clauses (the checks the engine contract
test leaves to areas)."""

from __future__ import annotations

from tests.harness.clause_policies import ClausePolicyChecks
from tests.hostplus.rego import POLICIES


class TestHostplusPolicies(ClausePolicyChecks):
    policies = POLICIES
