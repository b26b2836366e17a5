"""Fixture cases and Rego unit tests of TLS-1..5, TLS-7 and NET-6 (the checks the engine contract
test leaves to areas), and the Python TLS-5 join against the rule."""

from __future__ import annotations

import pytest

from auditor.collect.tls.discovery import plaintext_listeners
from tests.harness.clause_policies import ClausePolicyChecks
from tests.tls.rego import POLICIES


class TestTlsPolicies(ClausePolicyChecks):
    policies = POLICIES


@pytest.mark.parametrize(("clause", "case"), [c for c in POLICIES.cases() if c[0] == "TLS-5"])
def test_python_tls5_join_matches_rule(clause: str, case: str) -> None:
    input_doc, _ = POLICIES.load(clause, case)
    listening = input_doc["evidence"].get("host.listening", {})
    expected = sorted(
        (f["target"], f["details"]["endpoint"])
        for f in POLICIES.findings("regorus", "TLS-5", input_doc)["deny"]
        if f["target"] in listening
    )
    got = plaintext_listeners(
        listening,
        input_doc["evidence"].get("tls.endpoint", {}),
        set(input_doc["targets"]),
        input_doc["params"],
    )
    assert sorted((g["host"], g["endpoint"]) for g in got) == expected
