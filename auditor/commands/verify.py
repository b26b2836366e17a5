"""`dpp-auditor verify RUN_DIR`: prove a run directory is as it was sealed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.errors import StoreError, UsageError
from auditor.store.manifest import MANIFEST, verify
from auditor.trust import special_entries


def signing_settings(config_path: Path | None) -> dict[str, str | None]:
    if config_path is None:
        return {}
    from auditor.config import load_config

    section = load_config(config_path).settings().get("signing") or {}
    return dict(section)


@click.command(
    "verify",
    epilog="""\b
Examples:
  dpp-auditor verify runs/latest
  dpp-auditor verify runs/20261127T100000Z-3f2a1b --public-key audit-signing.pub.pem
""",
)
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--public-key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Require a signature by this Ed25519 public key (PEM).",
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration whose signing.public_key_file is required.",
)
def command(run_dir: Path, public_key: Path | None, config_path: Path | None) -> None:
    """Check every file against manifest.json, the signature and the chain to the previous run.

    Exits 1 on any modified, removed or added file, a symlink or special file in the run, a bad
    or missing signature, or a broken chain; 2 when the run has no manifest. The whole verdict
    (notes, problems, ok) goes to stdout.
    """
    configured = signing_settings(config_path).get("public_key_file")
    pinned = public_key or (Path(configured) if configured else None)
    if not (run_dir / MANIFEST).exists():
        raise UsageError(f"{run_dir}: no {MANIFEST}; the run was never sealed (`dpp-auditor seal {run_dir}`)")
    try:
        problems, notes = verify(run_dir, public_key=pinned)
    except StoreError as exc:  # a corrupt manifest is a failed verification, not a crash
        problems, notes = [str(exc).removeprefix(f"{run_dir / MANIFEST}: ")], []
    problems = special_entries(run_dir) + problems
    for note in notes:
        click.echo(f"{run_dir}: {note}")
    for problem in problems:
        click.echo(f"{run_dir}: {problem}")
    if problems:
        click.echo(f"{run_dir}: FAILED ({len(problems)} problem(s))")
        sys.exit(1)
    click.echo(f"{run_dir}: ok")
