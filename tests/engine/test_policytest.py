"""`dpp-auditor policy test`: the test_* rules run on both engines with pass/fail/error/skip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.commands.policy import command
from auditor.engine.policytest import Outcome, run_policy_tests
from tests.harness.opa_rest_server import OpaRestServer

SAMPLE = Path(__file__).parent / "data" / "policies"

MIXED = """package mixed

import rego.v1

answer := 42

test_passes if answer == 42

test_fails if {
\tprint("answer is", answer)
\tanswer == 41
}

test_errs if {
\tto_number("not a number") > 1
}

todo_test_later if false

test_with_input if {
\tinput.x == 1 with input as {"x": 1}
}
"""


@pytest.fixture(params=["embedded", "opa"])
def engine_args(request: pytest.FixtureRequest) -> dict[str, str | None]:
    if request.param == "opa":
        server: OpaRestServer = request.getfixturevalue("opa_server")
        return {"engine_name": "opa", "opa_url": server.url}
    return {"engine_name": "embedded", "opa_url": None}


def _mixed(tmp_path: Path) -> Path:
    root = tmp_path / "mine"
    root.mkdir()
    (root / "mixed_test.rego").write_text(MIXED)
    return root


def test_sample_tests_pass(engine_args: dict[str, str | None]) -> None:
    report = run_policy_tests([SAMPLE], **engine_args)  # type: ignore[arg-type]
    assert report.load_error is None
    assert [r.status for r in report.results] == [Outcome.passed] * 4
    assert report.exit_code == 0
    assert {r.file for r in report.results} == {
        "tests/engine/data/policies/sample/cert_x_test.rego",
        "tests/engine/data/policies/sample/net_x_test.rego",
    }


def test_statuses(tmp_path: Path, engine_args: dict[str, str | None]) -> None:
    report = run_policy_tests([_mixed(tmp_path)], **engine_args)  # type: ignore[arg-type]
    by_name = {r.name: r for r in report.results}
    assert by_name["test_passes"].status == Outcome.passed
    assert by_name["test_with_input"].status == Outcome.passed
    assert by_name["test_fails"].status == Outcome.failed
    assert by_name["test_fails"].message == "undefined"
    assert by_name["test_errs"].status == Outcome.error
    assert by_name["todo_test_later"].status == Outcome.skipped
    assert by_name["test_fails"].line == 9
    assert report.exit_code == 1
    if engine_args["engine_name"] == "embedded":
        assert by_name["test_fails"].prints == [f"{tmp_path}/mine/mixed_test.rego:10: answer is 42"]


def test_broken_policy_is_exit_2_with_location(tmp_path: Path, engine_args: dict[str, str | None]) -> None:
    root = tmp_path / "broken"
    root.mkdir()
    (root / "b.rego").write_text("package b\n\nimport rego.v1\n\nx := [1,\n")
    report = run_policy_tests([root], **engine_args)  # type: ignore[arg-type]
    assert report.exit_code == 2
    assert report.load_error is not None
    assert report.load_error.startswith(f"{root}/b.rego:"), report.load_error


def test_shipped_policy_tests_pass() -> None:
    report = run_policy_tests([], include_shipped=True)
    assert report.load_error is None
    failing = [f"{r.file}:{r.line} {r.name}: {r.message}" for r in report.results if r.status != "pass"]
    assert not failing
    assert report.results, "the shipped policies have no tests"


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(command, ["test", str(SAMPLE), "--no-shipped"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.strip().endswith("4 tests on embedded: 4 pass")

    mixed = runner.invoke(command, ["test", str(_mixed(tmp_path)), "--no-shipped", "--json"])
    assert mixed.exit_code == 1
    doc = json.loads(mixed.output)
    assert doc["summary"] == {"pass": 2, "fail": 1, "error": 1, "skip": 1, "total": 5}

    only = runner.invoke(command, ["test", str(tmp_path / "mine"), "--no-shipped", "--run", "passes$"])
    assert only.exit_code == 0, only.output

    (tmp_path / "mine" / "syntax.rego").write_text("package s\n\nimport rego.v1\n\nx if {\n")
    broken = runner.invoke(command, ["test", str(tmp_path / "mine"), "--no-shipped"])
    assert broken.exit_code == 2
    assert "syntax.rego:" in broken.output
