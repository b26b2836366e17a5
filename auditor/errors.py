"""One exception root for everything the auditor raises on purpose."""

from __future__ import annotations


class AuditorError(Exception):
    """Root of all expected errors; the CLI turns these into one clear line."""

    exit_code = 4


class UsageError(AuditorError):
    """Bad command line, config, inventory, CSV or Rego input (exit 2)."""

    exit_code = 2


class ConfigError(UsageError):
    """A configuration file is invalid; the message names file, key path and line."""


class PolicyError(UsageError):
    """A Rego policy failed to parse, compile or evaluate; message carries file:line:col."""


class EngineError(AuditorError):
    """The policy engine backend failed (server unreachable, bad response)."""


class CollectorError(AuditorError):
    """A collector could not produce evidence. `kind` is one of models.ErrorKind."""

    def __init__(self, kind: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.hint = hint


class TransportError(CollectorError):
    """A transport (local, ssh, rootfs) failed to run a command or read a file."""


class NotApplicable(AuditorError):
    """The collector does not apply to this target (e.g. a command under rootfs)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StoreError(AuditorError):
    """The run store refused an operation or is corrupt."""
