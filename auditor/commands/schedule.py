"""`dpp-auditor schedule --systemd|--cron`: print ready-to-install units for scheduled scans."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from auditor import inputs
from auditor.config import load_config
from auditor.errors import UsageError
from auditor.schedule import ScheduleSpec, cron_entry, systemd_units

_PRIVATE = (Path("/tmp"), Path("/var/tmp"))


def _refuse_private_tmp(spec: ScheduleSpec) -> None:
    """The unit runs with PrivateTmp=true: files under /tmp or /var/tmp are invisible to it."""
    for what, path in (("config", spec.config), ("run store (-o)", spec.out_dir)):
        if any(path == p or path.is_relative_to(p) for p in _PRIVATE):
            raise UsageError(
                f"{path}: the {what} is under /tmp or /var/tmp, which the unit's PrivateTmp=true "
                "hides from the scan; move it (e.g. /etc/dpp-auditor.yaml, /var/lib/dpp-auditor/runs)"
            )


@click.command(
    "schedule",
    epilog="""\b
Examples:
  dpp-auditor schedule --systemd -c /etc/dpp-auditor.yaml -o /var/lib/dpp-auditor/runs
  dpp-auditor schedule --cron --every weekly -c /etc/dpp-auditor.yaml | crontab -
""",
)
@click.option("--systemd", "kind", flag_value="systemd", help="Print a .service and a .timer.")
@click.option("--cron", "kind", flag_value="cron", help="Print a crontab line.")
@click.option(
    "-c",
    "--config",
    "config",
    type=click.Path(path_type=Path),
    required=True,
    help="Configuration the scheduled scan uses (made absolute).",
)
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("runs"),
    show_default=True,
    help="Run store (made absolute).",
)
@click.option(
    "--every",
    default="daily",
    show_default=True,
    help="hourly, daily, weekly, five cron fields, or (--systemd) an OnCalendar expression "
    "checked with systemd-analyze calendar.",
)
@click.option("-f", "--format", "formats", default="json,html,pdf,sarif,md", show_default=True)
def command(kind: str | None, config: Path, out_dir: Path, every: str, formats: str) -> None:
    """Scan on a schedule; after each scan `dpp-auditor notify` reports regressions by SMTP or webhook."""
    if kind is None:
        raise click.UsageError("choose --systemd or --cron")
    load_config(config)  # a scheduled scan that cannot start fails silently at 03:17
    exe = shutil.which("dpp-auditor") or str(Path(sys.argv[0]).resolve())
    spec = ScheduleSpec(
        exe, inputs.expand(config).resolve(), inputs.expand(out_dir).resolve(), every, formats
    )
    spec.calendar()  # validates --every for both kinds
    if kind == "systemd":
        _refuse_private_tmp(spec)
    if kind == "cron":
        click.echo(cron_entry(spec), nl=False)
        return
    for name, text in systemd_units(spec).items():
        click.echo(f"# /etc/systemd/system/{name}")
        click.echo(text)
    click.echo("# then: systemctl daemon-reload && systemctl enable --now dpp-auditor-scan.timer")
