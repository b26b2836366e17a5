"""`dpp-auditor deletion fingerprint`: keyed fingerprints of a deletion request's identifiers, for
the `identifiers_hmac` column of the deletion register (DEL-3). Identifiers are read from stdin,
never from the command line, so they stay out of shell history and process lists."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.pii.categories import CATEGORIES
from auditor.pii.fingerprint import Fingerprinter, load_or_create_key


@click.group("deletion")
def command() -> None:
    """Deletion and return requests (DEL-1..4)."""


@command.command("fingerprint")
@click.option(
    "--category", type=click.Choice(CATEGORIES), required=True, help="PII category of the identifiers."
)
@click.option(
    "--hmac-key-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="HMAC key file (logs.hmac_key_file; default: the auditor's state directory).",
)
def fingerprint(category: str, hmac_key_file: Path | None) -> None:
    """Read one identifier per line on stdin; print their fingerprints joined by ';'.

    \b
    Example:
      printf 'jane@example.org\\n' | dpp-auditor deletion fingerprint --category email
    """
    fp = Fingerprinter(load_or_create_key(hmac_key_file))
    values = [line.strip() for line in sys.stdin if line.strip()]
    click.echo(";".join(fp.fingerprint(category, v) for v in values))
