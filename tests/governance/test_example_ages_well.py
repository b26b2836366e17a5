"""The demo does not age: the example set, dated for any day by auditor.example, gives the same
status for every clause that rests on records (documents, registers, access exports, inventory,
demo database, shop repository) as on its anchor day."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from auditor.config import load_config
from auditor.example import anchor_of, materialise, shift_text
from auditor.models import TargetKind, rfc3339
from auditor.pipeline import EvaluateOptions, collect, evaluate_run, write_run_meta
from auditor.scope import build_targets
from auditor.store.rundir import create_run_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RECORD_COLLECTORS = {
    "documents.records", "access.list", "inventory.assets", "database.retention", "git.history"
}


def _record_statuses(tmp: Path, days: int) -> dict[str, str]:
    anchor = anchor_of(EXAMPLES)
    copy = tmp / f"example{days:+d}"
    clock = materialise(EXAMPLES, copy, anchor + timedelta(days=days, hours=3))
    assert clock == anchor + timedelta(days=days)  # whole days, never past the run's now
    config = load_config(copy / "dpp-auditor.yaml")
    records_only = [t for t in build_targets(config, [], None)
                    if t.kind not in (TargetKind.host, TargetKind.endpoint)]
    run = create_run_dir(tmp / f"runs{days:+d}", f"run{days:+d}")
    config.core.output_dir = str(tmp / f"runs{days:+d}")
    _, final = collect(config, records_only, run, None, clock)
    write_run_meta(run, run.path.name, config, final, rfc3339(clock), rfc3339(clock))
    results = evaluate_run(run, at=None, params=config.params, options=EvaluateOptions(),
                           organisation=config.core.organisation, settings=config.settings())
    assert results.meta.evaluated_at == rfc3339(clock)  # evaluation defaults to the run's clock
    return {c.id: str(c.status) for c in results.clauses if RECORD_COLLECTORS & set(c.collectors)}


def test_record_verdicts_are_the_same_on_any_day(tmp_path: Path) -> None:
    base = _record_statuses(tmp_path, 0)
    assert len(base) >= 30
    assert sum(s == "pass" for s in base.values()) >= 25  # the clean example passes on its anchor
    for days in (-30, 120, 400):
        assert _record_statuses(tmp_path, days) == base, f"verdicts moved when dated {days:+d} days"


def test_dates_move_in_names_contents_database_and_repository(tmp_path: Path) -> None:
    assert shift_text("INC-2026-004-2026-08-11.md v1.2.3 2026-02-30 2026-12-31T23:00:00Z", 1) == (
        "INC-2026-004-2026-08-12.md v1.2.3 2026-02-30 2027-01-01T23:00:00Z"
    )
    anchor = anchor_of(EXAMPLES)
    copy = tmp_path / "ex"
    materialise(EXAMPLES, copy, anchor + timedelta(days=10))
    assert (copy / "governance/records/minutes/INC-2026-004-2026-08-21.md").is_file()
    con = sqlite3.connect(copy / "governance/demo.sqlite")
    assert con.execute("SELECT finished_at FROM purge_runs").fetchone()[0] == "2026-12-07 09:00:00"
    con.close()
    clone = tmp_path / "shop"
    subprocess.run(["git", "clone", "-q", str(copy / "access/shop.bundle"), str(clone)], check=True)
    log = subprocess.run(["git", "-C", str(clone), "log", "--all", "--format=%ad", "--date=short"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert log == ["2026-05-14", "2026-05-13", "2026-05-12", "2026-05-11"]
    att = (copy / "governance/attestations.yaml").read_text()
    assert "valid_until: 2027-10-11" in att  # and each sha256 names the dated copy of its file
    for doc in ("audit-cooperation-procedure.md", "management-attestation.md"):
        assert hashlib.sha256((copy / "governance/documents" / doc).read_bytes()).hexdigest() in att


def test_command_prints_the_clock_to_scan_with(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "auditor.example", str(EXAMPLES), str(tmp_path / "ex"),
                          "--at", "2027-03-01T08:00:00Z"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2027-02-28T10:00:00Z"
    bad = subprocess.run([sys.executable, "-m", "auditor.example", str(tmp_path), str(tmp_path / "x")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "anchor.yaml" in bad.stderr
