from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.commands.gate import command
from auditor.fsutil import canonical_json
from auditor.gate import baseline_fingerprints, exit_code
from auditor.models import ClauseResult, Finding, Results, RunMeta, Severity
from auditor.render.sarif import sarif_validator
from auditor.render.synthetic import synthetic_context


def _finding(fp: str, sev: str, *, level: str = "deny", waived: str | None = None) -> Finding:
    return Finding(
        clause="C-1",
        check="C-1.a",
        target="local",
        msg="m",
        severity=Severity(sev),
        rule="r",
        fingerprint=fp,
        level=level,
        waived_by=waived,
    )  # type: ignore[arg-type]


def _results(*clauses: tuple[str, str, list[Finding]]) -> Results:
    meta = RunMeta(
        run_id="r",
        evaluated_at="2026-11-27T10:00:00Z",
        tool_version="0",
        engine="regorus",
        catalogue_version="0",
        policy_sha256="",
        policies_sha256="",
        input_sha256="",
    )
    rows = [
        ClauseResult(
            id=f"C-{i}",
            section="S",
            severity=sev,
            automation="automated",
            status=status,  # type: ignore[arg-type]
            findings=fs,
        )
        for i, (status, sev, fs) in enumerate(clauses)
    ]
    return Results(schema="dpp-auditor/results@1", meta=meta, summary={}, targets=[], clauses=rows)


HIGH_FAIL = ("fail", "high", [_finding("a" * 32, "high")])
LOW_FAIL = ("fail", "low", [_finding("b" * 32, "low")])
WAIVED = ("waived", "critical", [_finding("c" * 32, "critical", waived="W-1")])
WARN = ("warn", "critical", [_finding("d" * 32, "critical", level="warn")])
ERROR = ("error", "critical", [])
PASS = ("pass", "critical", [])


@pytest.mark.parametrize(
    ("clauses", "fail_on", "fail_on_error", "baseline", "expected"),
    [
        ([PASS], "low", True, None, 0),
        ([HIGH_FAIL], "critical", False, None, 0),
        ([HIGH_FAIL], "high", False, None, 1),
        ([HIGH_FAIL], "low", False, None, 1),
        ([LOW_FAIL], "medium", False, None, 0),
        ([LOW_FAIL], "low", False, None, 1),
        ([WAIVED], "low", False, None, 0),
        ([WARN], "low", False, None, 0),
        ([ERROR], "low", False, None, 0),
        ([ERROR], "low", True, None, 3),
        ([ERROR, HIGH_FAIL], "high", True, None, 1),  # a known failure wins over incomplete
        ([ERROR, HIGH_FAIL], "critical", True, None, 3),
        ([HIGH_FAIL], "low", False, {"a" * 32}, 0),  # baseline holds it
        ([HIGH_FAIL, LOW_FAIL], "low", False, {"a" * 32}, 1),  # the new one gates
        ([HIGH_FAIL], "low", False, set(), 1),  # empty baseline hides nothing
        ([HIGH_FAIL], None, False, None, 0),  # no severity threshold: only errors can gate
        ([ERROR], None, True, None, 3),
    ],
)
def test_exit_code_table(
    clauses: list, fail_on: str | None, fail_on_error: bool, baseline: set[str] | None, expected: int
) -> None:
    sev = Severity(fail_on) if fail_on else None
    assert (
        exit_code(_results(*clauses), sev, fail_on_error=fail_on_error, baseline_fingerprints=baseline)
        == expected
    )


def test_baseline_ignores_findings_waived_in_the_baseline(tmp_path: Path) -> None:
    doc = _results(HIGH_FAIL, WAIVED).to_json_dict()
    (tmp_path / "results.json").write_text(json.dumps(doc))
    assert baseline_fingerprints(tmp_path) == {"a" * 32}


@pytest.fixture()
def run_dir(tmp_path: Path) -> Path:
    ctx = synthetic_context(tmp_path / "run", n_hosts=2)
    (tmp_path / "run" / "results.json").write_text(canonical_json(ctx.results.to_json_dict()))
    return tmp_path / "run"


def test_gate_command_baseline_and_outputs(
    run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    runner = CliRunner()
    out = tmp_path / "out"
    out.mkdir()  # the gate never creates folders: the paths given must lead somewhere
    r = runner.invoke(
        command,
        [
            "--fail-on",
            "low",
            "--results",
            str(run_dir),
            "--junit",
            str(out / "j.xml"),
            "--sarif",
            str(out / "s.sarif"),
            "--markdown",
            str(out / "s.md"),
        ],
    )
    assert r.exit_code == 1, r.output
    assert "exit 1" in r.output
    sarif_validator().validate(json.loads((out / "s.sarif").read_text()))
    assert (out / "j.xml").read_text().startswith("<?xml")
    text = summary.read_text()
    assert text.startswith("earlier step\n## dpp-auditor:")  # appended, not replaced
    same = runner.invoke(
        command, ["--fail-on", "low", "--results", str(run_dir / "results.json"), "--baseline", str(run_dir)]
    )
    assert same.exit_code == 0, same.output
    assert "0 new finding(s)" in same.output


def test_gate_command_errors_and_bad_input(run_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        command,
        ["--fail-on", "critical", "--results", str(run_dir), "--fail-on-error", "--baseline", str(run_dir)],
    )
    assert r.exit_code == 3, r.output
    (tmp_path / "bad.json").write_text("{}")
    bad = runner.invoke(command, ["--fail-on", "low", "--results", str(tmp_path / "bad.json")])
    assert bad.exit_code != 0 and "not a dpp-auditor results file" in str(bad.exception)
