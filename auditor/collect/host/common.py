"""Helpers shared by host collectors: glob expansion and file metadata through a transport."""

from __future__ import annotations

import fnmatch
from typing import Any

from auditor.collect.base import CollectContext, Transport
from auditor.errors import TransportError
from auditor.models import ErrorKind

_GLOB_CHARS = frozenset("*?[")


def expand_glob(transport: Transport, pattern: str) -> list[str]:
    """Absolute glob -> existing paths, sorted as sshd and sudo do (lexically)."""
    parts = [p for p in pattern.split("/") if p]
    paths = ["/"]
    for part in parts:
        found: list[str] = []
        for base in paths:
            prefix = base.rstrip("/")
            if _GLOB_CHARS.isdisjoint(part):
                found.append(f"{prefix}/{part}")
                continue
            names = transport.list_dir(base) or []
            found.extend(f"{prefix}/{n}" for n in names
                         if fnmatch.fnmatchcase(n, part) and not n.startswith("."))
        paths = found
    return sorted(p for p in paths if transport.stat(p) is not None)


def file_entry(transport: Transport, path: str) -> dict[str, Any] | None:
    """{path, mode, owner, group} of a file, or None when it does not exist."""
    st = transport.stat(path)
    if st is None:
        return None
    return {"path": path, "mode": st.mode_octal, "owner": st.owner, "group": st.group}


def read_text(ctx: CollectContext, path: str, max_bytes: int = 4 * 1024 * 1024) -> str | None:
    data = ctx.read(path, max_bytes)
    return None if data is None else data.decode("utf-8", errors="replace")


def try_read_text(ctx: CollectContext, path: str) -> tuple[str | None, str | None]:
    """(text, None), or (None, reason) when the file is unreadable (not root, no sudo)."""
    try:
        return read_text(ctx, path), None
    except TransportError as exc:
        return None, exc.message


def run_text(ctx: CollectContext, argv: list[str], *, sudo: bool = False) -> tuple[int, str, str] | None:
    """(returncode, stdout, stderr) or None when the command is not installed."""
    transport = ctx.require_transport()
    if not transport.can_run_commands():
        return None
    try:  # no `which` first: over SSH every lookup is a round trip
        result = ctx.run(argv, sudo=sudo)
    except TransportError as exc:
        if exc.kind == ErrorKind.unsupported:
            return None
        raise
    return result.returncode, result.text, result.stderr.decode("utf-8", "replace")
