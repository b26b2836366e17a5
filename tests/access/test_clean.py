"""A clean organisation passes every access clause, on regorus and on OPA alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.access import rego
from tests.access.gitrepo import clean_repo
from tests.access.hostdata import host_evidence

CLAUSES = sorted(rego.packages_by_clause())


@pytest.fixture
def clean_input(scan: Any, tmp_path: Path) -> dict[str, Any]:
    repo = clean_repo(tmp_path / "shop")
    return scan(repos={"shop": repo.path}, extra=host_evidence())  # type: ignore[no-any-return]


@pytest.mark.parametrize("clause", CLAUSES)
def test_clean_set_passes(clean_input: dict[str, Any], clause: str) -> None:
    got = rego.findings(clause, clean_input)
    assert got["regorus"] == got["opa"]
    assert got["regorus"] == [], [f["msg"] for f in got["regorus"]]


def test_clean_set_has_every_required_evidence(clean_input: dict[str, Any]) -> None:
    ev = clean_input["evidence"]
    assert set(ev) >= {"access.list", "git.history", "host.accounts", "host.sshd"}
    access = ev["access.list"]["access"]
    assert access["import_errors"] == []
    assert len(access["persons"]) == 5 and len(access["accounts"]) == 13
    shop = ev["git.history"]["shop"]
    assert shop["commits_scanned"] == 4
    assert {i["email"] for i in shop["identities"]} == {"a***@e***.com", "b***@e***.com"}
