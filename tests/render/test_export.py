"""`dpp-auditor export`: the evidence package checks with dpp-auditor verify and with sha256sum alone."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main_group
from auditor.commands.export import export_run
from auditor.errors import StoreError
from auditor.store.manifest import verify, write_manifest

RUN_ID = "20261127T100000Z-abc123"


def _sealed_run(root: Path) -> Path:
    run = root / "runs" / RUN_ID
    (run / "evidence" / "host.sshd").mkdir(parents=True)
    (run / "evidence" / "host.sshd" / "local.json").write_text('{"collector": "host.sshd"}')
    (run / "evidence" / "host.sshd" / "local.json").chmod(0o600)
    (run / "results.json").write_text("{}")
    (run / "report.pdf").write_bytes(b"%PDF-1.7 not really")
    write_manifest(run, run_id=RUN_ID, created_at="2026-11-27T10:00:05Z")
    return run


def test_package_verifies_with_the_tool_and_with_sha256sum(tmp_path: Path) -> None:
    run = _sealed_run(tmp_path)
    archive = export_run(run, tmp_path / "out" / "pkg.tar.gz")
    out = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert all(m.uid == 0 and m.uname == "" for m in tar.getmembers())
        tar.extractall(out, filter="tar")
    assert f"{RUN_ID}/run/report.pdf" in names and f"{RUN_ID}/run/manifest.json" in names
    readme = (out / RUN_ID / "README.txt").read_text()
    assert (
        "dpp-auditor verify" in readme and "sha256sum -c ../SHA256SUMS" in readme and "NOT signed" in readme
    )
    problems, _ = verify(out / RUN_ID / "run")
    assert problems == []
    check = subprocess.run(
        ["sha256sum", "-c", "../SHA256SUMS"], cwd=out / RUN_ID / "run", capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 4  # three files and the manifest itself
    # and sha256sum really checks: a changed report fails
    (out / RUN_ID / "run" / "report.pdf").write_bytes(b"tampered")
    again = subprocess.run(
        ["sha256sum", "-c", "../SHA256SUMS"], cwd=out / RUN_ID / "run", capture_output=True
    )
    assert again.returncode != 0


def test_a_run_that_does_not_verify_is_not_exported(tmp_path: Path) -> None:
    run = _sealed_run(tmp_path)
    (run / "results.json").write_text('{"changed": true}')
    with pytest.raises(StoreError, match=r"modified: results\.json"):
        export_run(run, tmp_path / "pkg.tar.gz")
    assert not (tmp_path / "pkg.tar.gz").exists()
    assert list(tmp_path.glob(".pkg.tar.gz*")) == []


def test_cli_writes_the_archive_beside_the_run(tmp_path: Path) -> None:
    run = _sealed_run(tmp_path)
    result = CliRunner().invoke(main_group, ["export", str(run)])
    assert result.exit_code == 0, result.output
    assert (run.parent / f"{RUN_ID}.tar.gz").is_file()
    assert verify(run)[0] == []  # exporting added nothing to the run directory
