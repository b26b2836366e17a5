"""`dpp-auditor notify RUN_DIR`: record a run in the index and notify on a regression."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.commands.history import open_index
from auditor.gate import load_results
from auditor.schedule import NotifySettings, find_regression, notify


@click.command("notify", epilog="Example:\n\n  dpp-auditor notify runs/latest -c dpp-auditor.yaml")
@click.argument("run_dir", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Configuration with the notify (and history) sections.",
)
@click.option("--db", "db", metavar="URL|FILE", help="History index (default as for `history`).")
def command(run_dir: Path, config_path: Path, db: str | None) -> None:
    """Compare RUN_DIR with the previous recorded run; on a clause newly failing or a new critical
    finding, send the configured SMTP and webhook notifications (ids and counts only, no PII)."""
    from auditor.config import load_config

    config = load_config(config_path)
    settings = config.settings()
    section = settings.get("notify")
    results = load_results(run_dir)
    store = run_dir.resolve().parent
    index = open_index(db, config_path, store)
    try:
        prev = index.previous(results.meta.run_id)
        previous = index.snapshot(prev.run_id) if prev else None
        index.record(results, run_dir if run_dir.is_dir() else run_dir.parent)
    finally:
        index.close()
    reg = find_regression(previous, results)
    if not reg.any:
        click.echo(f"{results.meta.run_id}: no regression since {reg.previous_run_id or 'the first run'}")
        return
    if not section:
        click.echo(f"{results.meta.run_id}: regression, but no notify section is configured", err=True)
        return
    sent = notify(NotifySettings.model_validate(section), reg, settings.get("organisation", ""))
    click.echo(f"{results.meta.run_id}: regression notified by {', '.join(sent) or 'nothing'}")
