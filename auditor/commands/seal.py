"""`dpp-auditor seal RUN_DIR`: write manifest.json for a run (scan does this itself)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.clock import wall_now
from auditor.commands.verify import signing_settings
from auditor.models import rfc3339
from auditor.store.manifest import write_manifest


@click.command("seal", epilog="Example:\n\n  dpp-auditor seal runs/latest -c dpp-auditor.yaml")
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--key",
    "key_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Sign with this Ed25519 private key (PEM); default signing.key_file.",
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration with a signing section.",
)
def command(run_dir: Path, key_file: Path | None, config_path: Path | None) -> None:
    """Record the sha256 of every file of RUN_DIR, chained to the previous run, optionally signed."""
    configured = signing_settings(config_path).get("key_file")
    key = key_file or (Path(configured) if configured else None)
    run_id = run_dir.resolve().name
    results = run_dir / "results.json"
    if results.is_file():
        run_id = json.loads(results.read_text(encoding="utf-8")).get("meta", {}).get("run_id", run_id)
    click.echo(str(write_manifest(run_dir, run_id=run_id, created_at=rfc3339(wall_now()), key_file=key)))
