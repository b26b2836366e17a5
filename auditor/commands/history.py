"""`dpp-auditor history`: the runs in the run index (SQLite in the run store, or PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.gate import load_results
from auditor.store.history import RunIndex, history_url

db_option = click.option(
    "--db",
    "db",
    metavar="URL|FILE",
    help="postgresql://... or a SQLite file (default: history.url, $DPP_AUDITOR_HISTORY_URL, "
    "history.db_file, then OUTDIR/history.sqlite).",
)
config_option = click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration with a history section.",
)
out_option = click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Run store holding history.sqlite (default: output_dir or runs).",
)


def open_index(db: str | None, config_path: Path | None, out_dir: Path | None) -> RunIndex:
    settings = None
    if config_path is not None:
        from auditor.config import load_config

        settings = load_config(config_path).settings()
        out_dir = out_dir or (Path(settings["output_dir"]) if settings.get("output_dir") else None)
    return RunIndex(db or history_url(settings, out_dir))


@click.command(
    "history",
    epilog="""\b
Examples:
  dpp-auditor history
  dpp-auditor history --record runs/latest
  dpp-auditor history --db postgresql://auditor@db.internal/dpp --json
""",
)
@db_option
@config_option
@out_option
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Newest runs to show.")
@click.option(
    "--record",
    "record",
    type=click.Path(exists=True, path_type=Path),
    help="Add this run directory (or results.json) to the index first.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def command(
    db: str | None,
    config_path: Path | None,
    out_dir: Path | None,
    limit: int,
    record: Path | None,
    as_json: bool,
) -> None:
    """List the recorded runs with their score and status counts, oldest first."""
    index = open_index(db, config_path, out_dir)
    try:
        if record is not None:
            results = load_results(record)
            index.record(results, record if record.is_dir() else record.parent)
        rows = index.runs(limit=limit)
    finally:
        index.close()
    if as_json:
        click.echo(json.dumps({"runs": [r.__dict__ for r in rows]}, indent=2))
        return
    click.echo(
        f"{'run':<32} {'evaluated at':<21} {'score':>6} {'pass':>5} {'fail':>5} {'warn':>5} "
        f"{'error':>5} {'waived':>6} {'open':>5}"
    )
    for r in rows:
        score = "n/a" if r.score is None else f"{r.score:g}%"
        click.echo(
            f"{r.run_id:<32} {r.evaluated_at:<21} {score:>6} {r.n_pass:>5} {r.n_fail:>5} {r.n_warn:>5} "
            f"{r.n_error:>5} {r.n_waived:>6} {r.open_findings:>5}"
        )
    if not rows:
        click.echo("(no runs recorded yet)")
