"""A clean organisation passes every access clause, on regorus and on OPA alike."""

from __future__ import annotations

from typing import Any

import pytest

from tests.access import rego
from tests.access.conftest import TEST_KEY, collect, policy_input
from tests.access.exports import write_exports
from tests.access.gitrepo import clean_repo
from tests.access.hostdata import host_evidence

CLAUSES = sorted(rego.packages_by_clause())


@pytest.fixture(scope="module")
def clean_input(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("clean")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DPP_AUDITOR_FINGERPRINT_KEY", TEST_KEY)
        repo = clean_repo(tmp / "shop")
        access = write_exports(tmp / "exports")
        evidence = collect(
            {"access": access, "repos": [{"id": "shop", "path": str(repo.path)}]}, {"shop": repo.path}
        )
    assert all(e.status == "collected" for e in evidence), [e.error for e in evidence]
    return policy_input(evidence, host_evidence())


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
