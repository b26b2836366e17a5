"""`dpp-auditor runs`: list the run store and prune runs whose retention has ended (AUD-1)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.clock import wall_now
from auditor.config import default_config, load_config
from auditor.errors import StoreError, UsageError
from auditor.store.retention import StoreSettings, prune, settings_from, store_report


def _store(config_path: Path | None, directory: Path | None) -> tuple[Path, StoreSettings]:
    config = load_config(config_path) if config_path else default_config()
    store, cfg = settings_from(config.settings())
    store = directory or store
    if store is None:
        raise UsageError("no run store: give --dir or set store.dir in the configuration")
    return store, cfg


_config_opt = click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration file (store section).",
)
_dir_opt = click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="Run store directory (default: store.dir or output_dir).",
)


@click.group("runs")
def command() -> None:
    """Inspect the run store and its retention (AUD-1)."""


@command.command("list")
@_config_opt
@_dir_opt
def list_cmd(config_path: Path | None, directory: Path | None) -> None:
    """Show the runs held, the oldest run, gaps and the retention."""
    store, cfg = _store(config_path, directory)
    click.echo(json.dumps(store_report(store, cfg, wall_now()), indent=2))


@command.command("prune")
@_config_opt
@_dir_opt
@click.argument("run_ids", nargs=-1, required=True)
def prune_cmd(config_path: Path | None, directory: Path | None, run_ids: tuple[str, ...]) -> None:
    """Delete RUN_IDS, refused while their retention has not ended."""
    store, cfg = _store(config_path, directory)
    try:
        deleted = prune(store, cfg, list(run_ids), wall_now())  # real time: --at must not unlock deletion
    except StoreError as exc:  # a refused deletion is the caller's mistake (exit 2), not a crash
        raise UsageError(str(exc)) from None
    for rid in deleted:
        click.echo(f"deleted {rid}")
