"""`dpp-auditor sudoers`: the sudoers.d snippet for a non-root audit user.

It allows exactly the collector specs' sudo allow-list (the list the SSH transport enforces),
as anchored sudoers regular expressions: each wildcard stays inside one argument, so no entry
lets the user add options (`find ... -exec`) or more files. Needs sudo >= 1.9.10 on the host
(Debian 12, Ubuntu 22.04, RHEL 9).
"""

from __future__ import annotations

import click

from auditor.collect.transports.sudo_allow import spec_entries, sudoers_snippet


@click.command("sudoers")
@click.option("--user", "user", default="dppaudit", show_default=True,
              help="The SSH login user the auditor connects as.")
def command(user: str) -> None:
    """Print the sudoers snippet for auditing as USER over SSH.

    \b
    Example:
      dpp-auditor sudoers --user dppaudit | sudo tee /etc/sudoers.d/dpp-auditor
      sudo chmod 0440 /etc/sudoers.d/dpp-auditor && sudo visudo -c -f /etc/sudoers.d/dpp-auditor
    """
    try:
        click.echo(sudoers_snippet(user, spec_entries()), nl=False)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--user") from exc
