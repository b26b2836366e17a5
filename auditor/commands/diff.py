"""`dpp-auditor diff RUN_A RUN_B`: what changed between two runs, by finding fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.commands.history import config_option, db_option, open_index, out_option
from auditor.gate import load_results
from auditor.store.history import FindingRecord, RunIndex, Snapshot, diff, snapshot_of

SECTIONS = (
    ("new", "New"),
    ("expired", "Waiver expired"),
    ("still_failing", "Still failing"),
    ("newly_waived", "Newly waived"),
    ("resolved", "Resolved"),
)


def _snapshot(ref: str, index: RunIndex | None) -> Snapshot:
    path = Path(ref)
    if path.exists():
        return snapshot_of(load_results(path))
    if index is None:
        raise click.UsageError(f"{ref}: no such run directory")
    return index.snapshot(ref)


def _line(f: FindingRecord) -> str:
    waived = f" (waived by {f.waived_by})" if f.waived_by else ""
    return f"  [{f.severity}] {f.clause} {f.check} on {f.target}: {f.msg}{waived}  fp {f.fingerprint[:12]}"


@click.command(
    "diff",
    epilog="""\b
Examples:
  dpp-auditor diff runs/20261120T100000Z-1a2b3c runs/latest
  dpp-auditor diff 20261120T100000Z-1a2b3c 20261127T100000Z-4d5e6f --json   # run ids from the index
""",
)
@click.argument("run_a")
@click.argument("run_b")
@db_option
@config_option
@out_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def command(
    run_a: str, run_b: str, db: str | None, config_path: Path | None, out_dir: Path | None, as_json: bool
) -> None:
    """Findings new, resolved, still failing, newly waived and whose waiver expired, from RUN_A to RUN_B.

    RUN_A and RUN_B are run directories, results.json files, or run ids in the history index.
    """
    needs_index = not (Path(run_a).exists() and Path(run_b).exists())
    index = open_index(db, config_path, out_dir) if needs_index else None
    try:
        d = diff(_snapshot(run_a, index), _snapshot(run_b, index))
    finally:
        if index is not None:
            index.close()
    if as_json:
        click.echo(json.dumps(d.as_dict(), indent=2))
        return
    click.echo(f"diff {d.run_a} -> {d.run_b}")
    if d.newly_failing_clauses:
        click.echo(f"Clauses newly failing: {', '.join(d.newly_failing_clauses)}")
    if d.fixed_clauses:
        click.echo(f"Clauses no longer failing: {', '.join(d.fixed_clauses)}")
    for key, title in SECTIONS:
        items: list[FindingRecord] = getattr(d, key)
        click.echo(f"{title}: {len(items)}")
        for f in items:
            click.echo(_line(f))
