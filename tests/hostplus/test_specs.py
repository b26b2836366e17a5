"""Contract of this area's collector specs: sudo only from the allow-list, bare command names,
and every spec's parser has golden cases."""

from __future__ import annotations

import time
from typing import Any

import pytest

from auditor.collect.base import CollectContext
from auditor.collect.specs import load_specs
from auditor.collect.transports.local import LocalTransport
from auditor.collect.transports.sudo_allow import allowed_by_any
from auditor.models import Target
from tests.hostplus.conftest import GOLDEN

MINE = (
    "host.packages",
    "host.kmod",
    "host.blockdev",
    "host.pam",
    "host.auditd",
    "host.logging",
    "host.logfiles",
)


class _Recording(LocalTransport):
    name = "ssh"

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[list[str], bool]] = []

    def run(self, argv: list[str], timeout: float, *, sudo: bool = False) -> Any:
        self.calls.append((list(argv), sudo))
        return super().run(argv, timeout, sudo=sudo)


@pytest.mark.parametrize("cid", MINE)
def test_sudo_commands_are_in_the_allow_list(cid: str) -> None:
    spec = load_specs()[cid]
    transport = _Recording()
    ctx = CollectContext(
        target=Target(id="x", kind="host", address="local"),
        params={},
        settings={},
        deadline=time.monotonic() + 60,
        transport=transport,
    )
    spec.load_class()().collect(ctx)
    for cmd, sudo in transport.calls:
        assert not cmd[0].startswith("/"), cmd
        if sudo:
            # the transport's own matcher: what passes here is what the transport sends
            assert allowed_by_any(cmd, spec.raw["sudo_commands"]), cmd


@pytest.mark.parametrize("cid", MINE)
def test_parser_has_golden_cases(cid: str) -> None:
    spec = load_specs()[cid]
    assert spec.parser and list((GOLDEN / spec.parser.rsplit(".", 1)[1]).glob("*.json"))
    assert "evidence" in spec.raw
