"""`dpp-auditor schedule --systemd|--cron`: print ready-to-install units for scheduled scans."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from auditor.schedule import ScheduleSpec, cron_entry, systemd_units


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
    help="hourly, daily, weekly, a systemd OnCalendar expression or a 5-field cron expression.",
)
@click.option("-f", "--format", "formats", default="json,html,pdf,sarif,md", show_default=True)
def command(kind: str | None, config: Path, out_dir: Path, every: str, formats: str) -> None:
    """Scan on a schedule; after each scan `dpp-auditor notify` reports regressions by SMTP or webhook."""
    if kind is None:
        raise click.UsageError("choose --systemd or --cron")
    exe = shutil.which("dpp-auditor") or str(Path(sys.argv[0]).resolve())
    spec = ScheduleSpec(exe, config.resolve(), out_dir.resolve(), every, formats)
    if kind == "cron":
        click.echo(cron_entry(spec), nl=False)
        return
    for name, text in systemd_units(spec).items():
        click.echo(f"# /etc/systemd/system/{name}")
        click.echo(text)
    click.echo("# then: systemctl daemon-reload && systemctl enable --now dpp-auditor-scan.timer")
