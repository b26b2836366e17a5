"""Fixture cases and Rego unit tests of NET-1, NET-3, NET-5, GEN-4, ACC-3 and LPP-2 (the checks
the engine contract test leaves to areas), and the wording of their messages."""

from __future__ import annotations

from tests.collectors.rego import POLICIES
from tests.harness.clause_policies import ClausePolicyChecks


class TestHostPolicies(ClausePolicyChecks):
    policies = POLICIES


def test_messages_name_source_and_value() -> None:
    input_doc, _ = POLICIES.load("GEN-4", "fail_debian_defaults")
    msgs = {f["msg"] for f in POLICIES.findings("regorus", "GEN-4", input_doc)["deny"]}
    assert "PermitRootLogin is without-password in sshd -T (want no)" in msgs
    assert "MaxAuthTries is 6 in sshd -T (want 1-4)" in msgs
    assert "/etc/ssh/sshd_config is 0644 root:root (want 0600 root:root)" in msgs
    input_doc, _ = POLICIES.load("NET-3", "fail_database_world_open")
    msgs = {f["msg"] for f in POLICIES.findings("opa", "NET-3", input_doc)["deny"]}
    assert "port 5432/tcp is allowed from 0.0.0.0/0 by the nftables ruleset (effective_allow, ipv4)" in msgs
