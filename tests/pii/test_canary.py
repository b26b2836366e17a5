"""The canary test: a value of every DEF-1 category is planted in scanned files; every category is
found, and no raw value appears in anything written (evidence, key state) or printed (stdout, stderr)
by `dpp-auditor logs` in each output mode and by the collector run through the runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.catalogue import load_catalogue
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.models import Target, TargetKind
from auditor.pii.categories import CATEGORIES
from tests.pii.canary import CANARY_LINES, assert_no_raw_values
from tests.pii.conftest import CLEAN, write_lines

CLI = [sys.executable, "-c", "from auditor.cli import main; main()"]


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    root = tmp_path / "logs"
    write_lines(root / "shop" / "shop.log", [*CLEAN, *CANARY_LINES, *CLEAN])
    write_lines(root / "shop" / "shop.log.2.gz", [*CANARY_LINES[::-1]])
    return root


def run_cli(*args: str, env_state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DPP_AUDITOR_STATE": str(env_state)}
    return subprocess.run([*CLI, "logs", *args], capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def all_text_under(path: Path) -> str:
    files = [p for p in sorted(path.rglob("*")) if p.is_file()]
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in files)


@pytest.mark.parametrize("mode", [["--json"], [], ["--evidence"]], ids=["json", "human", "evidence"])
def test_cli_output_holds_no_raw_value(planted: Path, tmp_path: Path, mode: list[str]) -> None:
    state = tmp_path / "state"
    proc = run_cli(*mode, str(planted), env_state=state)
    assert proc.returncode == 1, proc.stderr
    assert_no_raw_values(proc.stdout, "stdout")
    assert_no_raw_values(proc.stderr, "stderr")
    assert_no_raw_values(all_text_under(state), "the key state directory")
    if mode == ["--json"]:
        doc = json.loads(proc.stdout)
        assert set(doc) == {"findings", "counts", "bytes_scanned", "seconds"}
        assert set(doc["counts"]) == set(CATEGORIES)
        assert all(set(f) == {"path", "line", "category", "confidence", "excerpt", "fingerprint"}
                   for f in doc["findings"])


def test_collector_through_the_runner_writes_no_raw_value(planted: Path, tmp_path: Path) -> None:
    evidence_dir = tmp_path / "run" / "evidence"
    target = Target(id="local", kind=TargetKind.host, address="local")
    opts = RunnerOptions(params=dict(load_catalogue().parameters), settings={
        "logs": {"roots": [str(planted)], "file_roots": [str(planted / "shop")], "journald": True}})
    (ev,) = run_units([Unit(load_specs()["logs.pii"], target)], transport_for, evidence_dir, opts)
    assert ev.status == "collected", ev.error
    written = all_text_under(tmp_path / "run")
    assert_no_raw_values(written, "the evidence directory")
    data = ev.data
    assert set(data["counts"]) == set(CATEGORIES)
    assert data["detector"]["canary_test"]["passed"] is True
    assert all(f["fingerprint"].startswith("hmac-sha256:") for f in data["findings"])


def test_clean_logs_exit_0_and_bad_input_exit_2(tmp_path: Path) -> None:
    clean = write_lines(tmp_path / "clean.log", CLEAN)
    assert run_cli(str(clean), env_state=tmp_path / "s").returncode == 0
    missing = run_cli(str(tmp_path / "nope.log"), env_state=tmp_path / "s")
    assert missing.returncode == 2
    assert "nope.log: no such file or directory" in missing.stderr
    assert run_cli("--settings-b64", "!!!", env_state=tmp_path / "s").returncode == 2
    assert run_cli(env_state=tmp_path / "s").returncode == 2
