"""The shipped sample exports and bundle load through the real config loader and pass every
access clause (this machine's own host accounts are not part of this test)."""

from __future__ import annotations

from pathlib import Path

import yaml

from auditor.config import parse_config
from tests.access import rego
from tests.access.conftest import collect, policy_input
from tests.access.hostdata import host_evidence

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_README = (EXAMPLES / "access" / "README.md").read_text()


def _snippet() -> str:
    return _README.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_example_snippet_loads_and_passes(tmp_path: Path) -> None:
    config_file = EXAMPLES / "example-access.yaml"
    text = "version: 1\ntargets: [local]\n" + _snippet()
    cfg = parse_config(text, config_file)  # paths resolve against examples/, as for the lead's config
    settings = cfg.settings()
    assert Path(settings["access"]["people_file"]).is_file()
    [repo] = settings["repos"]
    evidence = collect(settings, {"shop": Path(repo["path"])})
    assert [e.status for e in evidence] == ["collected", "collected"], [e.error for e in evidence]
    doc = policy_input(evidence, host_evidence())
    for clause in rego.packages_by_clause():
        got = rego.findings(clause, doc)
        assert got["regorus"] == got["opa"] == [], (clause, [f["msg"] for f in got["regorus"]])


def test_snippet_is_valid_yaml() -> None:
    assert set(yaml.safe_load(_snippet())) == {"access", "repos"}
