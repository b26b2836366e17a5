"""A refused sudo is recorded as unknown state with its reason; the collection still succeeds."""

from __future__ import annotations

import time
from typing import Any

import pytest

from auditor.collect.base import CollectContext
from auditor.collect.specs import load_specs
from auditor.collect.transports.local import LocalTransport
from auditor.errors import TransportError
from auditor.models import ErrorKind, Target
from tests.clock import NOW


class _NoSudo(LocalTransport):
    """This machine, reached as a user whose sudo is refused (as the SSH transport reports it)."""

    name = "ssh"

    def run(self, argv: list[str], timeout: float, *, sudo: bool = False) -> Any:
        if sudo:
            raise TransportError(ErrorKind.permission, f"x: sudo denied for {argv[0]}")
        return super().run(argv, timeout)


def _collect(cid: str) -> dict[str, Any]:
    ctx = CollectContext(
        now=NOW,
        target=Target(id="x", kind="host", address="local"),
        params={"key_paths": ["/etc/hostname"]},
        settings={},
        deadline=time.monotonic() + 60,
        transport=_NoSudo(),
    )
    return load_specs()[cid].load_class()().collect(ctx)  # type: ignore[no-any-return]


def test_logfiles_falls_back_to_the_login_user() -> None:
    got = _collect("host.logfiles")
    assert got["partial_reason"] == "x: sudo denied for find" and got["log_files"]


def test_keyfiles_acl_unknown_with_reason() -> None:
    got = _collect("host.keyfiles")
    assert got["acl_reason"] == "x: sudo denied for getfacl"
    assert [f["acl_known"] for f in got["files"]] == [False]


@pytest.mark.parametrize("cid", ["host.blockdev", "host.auditd", "host.fail2ban"])
def test_collects_without_sudo(cid: str) -> None:
    got = _collect(cid)
    if cid == "host.blockdev":
        assert got["dm_crypt_reason"] == "x: sudo denied for dmsetup"
