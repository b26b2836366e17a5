"""The *_test.rego unit tests beside my policies pass on regorus and on real OPA."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.governance.helpers import MY_POLICIES, POLICIES, package_of

TEST_FILES = sorted(
    (POLICIES / f).with_name((POLICIES / f).stem + "_test.rego") for fs in MY_POLICIES.values() for f in fs
)


def _tests(path: Path) -> list[str]:
    return re.findall(r"^(test_[a-z0-9_]+) if", path.read_text(encoding="utf-8"), re.MULTILINE)


@pytest.mark.parametrize("test_file", TEST_FILES, ids=[p.name for p in TEST_FILES])
def test_rego_unit_tests(test_file: Path) -> None:
    os.environ["RUST_BACKTRACE"] = "0"
    import opa_bindings
    import regorus

    policy = test_file.with_name(test_file.name.replace("_test.rego", ".rego"))
    pkg = package_of(policy)
    names = _tests(test_file)
    assert len(names) >= 2, "a passing and a failing case at least"
    engine = regorus.Engine()
    engine.add_policy(str(policy), policy.read_text())
    engine.add_policy(str(test_file), test_file.read_text())
    opa = opa_bindings.OpaEngine()
    try:
        opa.add_policy(str(policy), policy.read_text())
        opa.add_policy(str(test_file), test_file.read_text())
        for name in names:
            assert json.loads(engine.eval_rule_as_json(f"data.{pkg}.{name}")) is True, f"regorus {name}"
            assert opa.eval_document(f"{pkg}.{name}") is True, f"opa {name}"
    finally:
        opa.close()
