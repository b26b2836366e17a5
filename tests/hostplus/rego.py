"""The host clauses of this area, on regorus and real OPA through the shared harness."""

from __future__ import annotations

import json
from pathlib import Path

from tests.harness.clause_policies import ClausePolicies

CLAUSES = (
    "GEN-5",
    "ACC-11",
    "ACC-14",
    "LOG-1",
    "LOG-3",
    "ACC-5",
    "LOG-5",
    "ACC-6",
    "LOG-2",
    "TLS-8",
    "NET-2",
    "NET-4",
    "ACC-4",
    "ENC-1",
    "ENC-2",
    "ENC-5",
    "ACC-15",
    "TLS-6",
)


def host_only(case: Path) -> bool:
    """Cases of the host parts (shared clauses also hold other engineers' access-list cases)."""
    evidence = json.loads((case / "input.json").read_text()).get("evidence", {})
    return all(k.startswith("host.") for k in evidence)


# Parts of shared clauses that other engineers own (access-list views): not ours to test.
POLICIES = ClausePolicies(
    CLAUSES, foreign_suffixes=("_access.rego", "_documents.rego", "_inventory.rego"), case_filter=host_only
)
