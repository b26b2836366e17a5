"""The `ssh:` config section (also set by --identity, --known-hosts, --ssh-config and
--accept-new-host-keys). Paths are resolved relative to the config file by the loader."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class SshSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    identity_file: str | None = None  # private key tried before the agent and ssh_config's
    known_hosts_file: str | None = None  # default: ssh_config UserKnownHostsFile, ~/.ssh/known_hosts
    ssh_config_file: str | None = None  # default: ~/.ssh/config when present
    accept_new_host_keys: bool = False  # only hosts absent from known_hosts; a changed key never
    connect_timeout_s: float = Field(default=10.0, gt=0)  # TCP connect + handshake + auth, per hop
    command_timeout_s: float = Field(default=120.0, gt=0)  # cap per command, on top of the unit deadline
    sudo: bool = True  # run allow-listed commands with `sudo -n` when the SSH user is not root
    max_hosts_in_parallel: int = Field(default=32, ge=1)
    per_host_units: int = Field(default=4, ge=1, le=8)  # sshd's MaxSessions defaults to 10


def ssh_settings(settings: dict[str, Any] | None) -> SshSettings:
    """The validated `ssh` section of a whole-config dict (defaults when absent)."""
    return SshSettings.model_validate((settings or {}).get("ssh") or {})


def runner_limits(ssh: SshSettings) -> tuple[int, int]:
    """(max_workers, per_target) for RunnerOptions: every host may use its per-host share."""
    return ssh.max_hosts_in_parallel * ssh.per_host_units, ssh.per_host_units
