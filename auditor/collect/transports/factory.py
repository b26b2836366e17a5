"""Pick the transport for a target from its address: local, rootfs:PATH or ssh://."""

from __future__ import annotations

import importlib
from typing import Any

from auditor.collect.base import Transport
from auditor.collect.transports.local import LocalTransport
from auditor.collect.transports.rootfs import RootfsTransport
from auditor.errors import CollectorError
from auditor.models import ErrorKind, Target, TargetKind

_SSH_MODULE = "auditor.collect.transports.ssh"


def transport_for(target: Target, settings: dict[str, Any] | None = None) -> Transport | None:
    """The transport of a host target; None for kinds that need none (endpoints, exports...)."""
    if target.kind != TargetKind.host:
        return None
    address = target.address
    if address == "local":
        return LocalTransport()
    if address.startswith("rootfs:"):
        return RootfsTransport(address.removeprefix("rootfs:"))
    if address.startswith("ssh://"):
        return _ssh(target, settings or {})
    raise CollectorError(ErrorKind.unsupported, f"{target.id}: unknown host address {address!r}",
                         hint="use local, ssh://[user@]host[:port] or rootfs:PATH")


def _ssh(target: Target, settings: dict[str, Any]) -> Transport:
    try:
        module = importlib.import_module(_SSH_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != _SSH_MODULE:
            raise
        raise CollectorError(ErrorKind.unsupported, f"{target.id}: the SSH transport is not available",
                             hint="audit the host locally or through rootfs:PATH") from exc
    transport: Transport = module.SshTransport(target, settings)
    return transport
