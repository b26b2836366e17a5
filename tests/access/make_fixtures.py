"""Regenerate tests/fixtures/policies/<CLAUSE>/<case>/ for the access clauses from the scenarios.

    .venv/bin/python -m tests.access.make_fixtures

Only clauses served by this area's packages alone get fixture folders here (ACC-3, ACC-10 and
NET-5 share clauses with host rules and are covered end to end in test_defects.py).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from tests.access import rego
from tests.access.conftest import TEST_KEY, collect, policy_input
from tests.access.exports import write_exports
from tests.access.gitrepo import clean_repo
from tests.access.test_defects import CASES, Case

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
CLAUSES = ("ACC-1", "ACC-2", "ACC-4", "ACC-7", "ACC-8", "ACC-9", "LPP-1", "LPP-3", "LOG-6", "ENC-6")
_GIT_CLAUSES = ("LOG-6", "ENC-6")


def _input(case: Case, tmp: Path) -> dict[str, Any]:
    repo = case.repo(tmp / "shop")
    access = write_exports(tmp / "exports", case.mutate)
    evidence = collect(
        {"access": access, "repos": [{"id": "shop", "path": str(repo.path)}]}, {"shop": repo.path}
    )
    return policy_input(evidence)


def _trim(doc: dict[str, Any], clause: str) -> dict[str, Any]:
    keep = {"access.list"} | ({"git.history"} if clause in _GIT_CLAUSES else set())
    needed = {k: v for k, v in doc["evidence"].items() if k in keep}
    params = {
        k: doc["params"][k]
        for k in (
            "access_review_max_days",
            "leaver_revoke_hours",
            "adhoc_revoke_hours",
            "generic_name_regex",
            "max_privileged_accounts",
            "dev_exception_max_days",
            "bot_identities",
        )
    }
    return {**doc, "evidence": needed, "params": params}


def _write(clause: str, name: str, doc: dict[str, Any]) -> None:
    folder = FIXTURES / clause / name
    folder.mkdir(parents=True, exist_ok=True)
    got = rego.findings(clause, doc)
    assert got["regorus"] == got["opa"], (clause, name)
    expected = {
        level: sorted(
            (
                {"check": f["check"], "target": f["target"]}
                for f in rego.findings(clause, doc, level)["regorus"]
            ),
            key=lambda e: (e["check"], e["target"]),
        )
        for level in ("deny", "warn")
    }
    (folder / "input.json").write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
    (folder / "expected.yaml").write_text(yaml.safe_dump(expected, sort_keys=False))


def main() -> None:
    os.environ["DPP_AUDITOR_FINGERPRINT_KEY"] = TEST_KEY
    scenarios = {"pass_clean": Case(repo=clean_repo), **{f"fail_{k}": v for k, v in CASES.items()}}
    for clause in CLAUSES:  # only this area's case folders: other areas share clause folders
        for name in scenarios:
            shutil.rmtree(FIXTURES / clause / name, ignore_errors=True)
    for name, case in scenarios.items():
        with tempfile.TemporaryDirectory() as tmp:
            doc = _input(case, Path(tmp))
        for clause in CLAUSES:
            trimmed = _trim(doc, clause)
            relevant = name == "pass_clean" or any(c == clause for c, _, _ in case.expected)
            if relevant:
                _write(clause, name, trimmed)


if __name__ == "__main__":
    main()
