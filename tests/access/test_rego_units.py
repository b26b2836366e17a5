"""The _test.rego unit tests beside this area's policies pass on regorus and on OPA."""

from __future__ import annotations

import pytest

from tests.access import rego


def test_every_policy_has_unit_tests() -> None:
    tested = {pkg for pkg, _ in rego.test_rules()}
    assert tested == {pkg for pkgs in rego.packages_by_clause().values() for pkg in pkgs}


@pytest.mark.parametrize(("package", "rule"), rego.test_rules(), ids=lambda v: v)
def test_rego_unit(package: str, rule: str) -> None:
    got_regorus, got_opa = rego.eval_both(f"{package}.{rule}")
    assert got_regorus is True, f"regorus: {package}.{rule} = {got_regorus}"
    assert got_opa is True, f"opa: {package}.{rule} = {got_opa}"
