"""File modification times through any transport (FileStat carries no mtime).

Hosts that run commands answer one `stat` exec for many paths; a mounted root filesystem
is stat'ed directly under its root (the same tree the transport reads).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from auditor.collect.base import CollectContext
from auditor.collect.transports.rootfs import RootfsTransport
from auditor.errors import TransportError


def rfc3339(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def mtimes(ctx: CollectContext, paths: list[str]) -> dict[str, str]:
    """{path: RFC 3339 mtime} for the paths that exist."""
    if not paths:
        return {}
    t = ctx.require_transport()
    if isinstance(t, RootfsTransport):
        out: dict[str, str] = {}
        for p in paths:
            try:
                out[p] = rfc3339(int(os.stat(t.host_path(p)).st_mtime))
            except (OSError, TransportError):
                continue
        return out
    result = ctx.run(["stat", "-c", "%Y %n", "--", *paths])
    found: dict[str, str] = {}
    for line in result.text.splitlines():
        stamp, _, name = line.partition(" ")
        if stamp.isdigit() and name in paths:
            found[name] = rfc3339(int(stamp))
    return found
