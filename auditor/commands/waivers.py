"""`dpp-auditor waivers lint FILE`: check a waivers file before it reaches a scan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.catalogue import load_catalogue
from auditor.clock import run_clock
from auditor.errors import UsageError
from auditor.waivers import DEFAULT_MAX_HORIZON_DAYS, lint


@click.group("waivers")
def command() -> None:
    """Accountable waivers: reason, requester, a different approver, an expiry."""


@command.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--max-horizon-days",
    type=click.IntRange(1, 366),
    default=DEFAULT_MAX_HORIZON_DAYS,
    show_default=True,
    help="Longest allowed time between created and expires.",
)
@click.option("--at", "at", metavar="RFC3339", help="Judge expiry at this time instead of now.")
def lint_cmd(files: tuple[Path, ...], max_horizon_days: int, at: str | None) -> None:
    """Print every problem as FILE:LINE: message; exit 2 when there is one.

    Expired waivers are reported too, so a scheduled lint catches them before a scan fails.

    \b
    Example:
      dpp-auditor waivers lint waivers.yaml
      dpp-auditor waivers lint --at 2027-01-01T00:00:00Z waivers.yaml
    """
    now = run_clock(at)
    ids = set(load_catalogue().ids)
    failed = False
    for file in files:
        problems = lint(file, max_horizon_days=max_horizon_days, now=now, clause_ids=ids)
        for p in problems:
            click.echo(p, err=True)
        failed = failed or bool(problems)
        if not problems:
            click.echo(f"{file}: ok")
    if failed:
        sys.exit(UsageError.exit_code)
