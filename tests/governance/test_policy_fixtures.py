"""Every fixture case of my clauses gives exactly the expected findings on regorus and on real OPA."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.governance.helpers import FIXTURES, MY_POLICIES, POLICIES, eval_opa, eval_regorus, pairs

# clauses shared with other areas: only my cases (prefixed), other engineers own the rest
MY_PREFIX = {"ACC-7": "documents_", "LOG-7": "database_", "ENC-3": "inventory_", "ENC-4": "inventory_"}
CASES = sorted(
    (clause, case)
    for clause in MY_POLICIES
    for case in (FIXTURES / clause).iterdir()
    if (case / "input.json").is_file() and case.name.startswith(MY_PREFIX.get(clause, ""))
)


def test_every_clause_has_a_clean_and_a_failing_case() -> None:
    for clause in MY_POLICIES:
        names = {
            c.name for c in (FIXTURES / clause).iterdir() if c.name.startswith(MY_PREFIX.get(clause, ""))
        }
        assert any(n.endswith("clean") for n in names) and len(names) >= 2, clause


@pytest.mark.parametrize(("clause", "case"), CASES, ids=[f"{c}/{p.name}" for c, p in CASES])
def test_fixture(clause: str, case: Path) -> None:
    doc = json.loads((case / "input.json").read_text())
    expected = yaml.safe_load((case / "expected.yaml").read_text()) or {}
    files = [POLICIES / f for f in MY_POLICIES[clause]]
    want = {
        level: sorted((f["check"], f["target"]) for f in expected.get(level) or [])
        for level in ("deny", "warn")
    }
    regorus, opa = eval_regorus(files, doc), eval_opa(files, doc)
    for level in ("deny", "warn"):
        assert pairs(regorus[level]) == want[level], level
        assert all(f["clause"] == clause for f in regorus[level])
        # the same findings, message and details included, on both engines
        canon = sorted(json.dumps(x, sort_keys=True) for x in regorus[level])
        assert canon == sorted(json.dumps(x, sort_keys=True) for x in opa[level]), level
