"""Each fixture folder of this area's clauses gives exactly its expected (check, target) pairs,
on regorus and on OPA (the engine contract test runs them again through every backend)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.access import rego
from tests.access.make_fixtures import CLAUSES, FIXTURES
from tests.access.test_defects import CASES as DEFECTS

# Only the cases this area generates: other areas add their own cases to shared clauses
# (e.g. ACC-4's host part), and the contract test runs every case through every engine.
OWN_CASES = {"pass_clean", *(f"fail_{name}" for name in DEFECTS)}
CASES = sorted(
    p.parent for c in CLAUSES for p in (FIXTURES / c).glob("*/input.json") if p.parent.name in OWN_CASES
)


def test_every_clause_has_a_passing_and_a_failing_fixture() -> None:
    for clause in CLAUSES:
        names = {c.name for c in CASES if c.parent.name == clause}
        assert "pass_clean" in names and any(n.startswith("fail_") for n in names), clause


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(case: Path) -> None:
    doc = json.loads((case / "input.json").read_text())
    expected = yaml.safe_load((case / "expected.yaml").read_text())
    for level in ("deny", "warn"):
        got = rego.findings(case.parent.name, doc, level)
        assert got["regorus"] == got["opa"]
        pairs = sorted((f["check"], f["target"]) for f in got["regorus"])
        assert pairs == sorted((e["check"], e["target"]) for e in expected.get(level) or []), level
    if case.name.startswith("fail_"):
        assert expected["deny"], "a fail_ fixture must expect at least one deny finding"
