"""Commands that need root: a refused sudo is a fact about the host (recorded with its reason),
not a failed collection, so the rest of the evidence still counts."""

from __future__ import annotations

from auditor.collect.base import CollectContext
from auditor.collect.host.common import run_text
from auditor.errors import TransportError
from auditor.models import ErrorKind


def run_privileged(ctx: CollectContext, argv: list[str]) -> tuple[tuple[int, str, str] | None, str | None]:
    """((returncode, stdout, stderr), None), or (None, why) when not installed or sudo is refused."""
    try:
        result = run_text(ctx, argv, sudo=True)
    except TransportError as exc:
        if exc.kind != ErrorKind.permission:
            raise
        return None, exc.message
    if result is None:
        return None, f"{argv[0]} is not installed"
    return result, None
