"""pytest fixtures for the lab: one stock and one hardened Debian 12 server per test session.

Use from any test directory by importing the fixture into that directory's conftest.py:

    from tests.lab.fixtures import lab  # noqa: F401  (a pytest fixture)

then `def test_x(lab): lab.stock.address, lab.settings(), lab.hardened.root ...`.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from auditor.bench.sshd_lab import keygen
from tests.lab.host import LabHost, LabNetwork
from tests.lab.image import build_image


@dataclass
class Lab:
    net: LabNetwork
    stock: LabHost
    hardened: LabHost
    client_key: Path
    known_hosts: Path
    ssh_config: Path  # Host stock / hardened / hardened-via-stock (ProxyJump through stock)

    def settings(self, **ssh: Any) -> dict[str, Any]:
        """Transport settings (config `transport.ssh`) that reach the lab hosts as root."""
        base = {"identity_file": str(self.client_key), "known_hosts_file": str(self.known_hosts),
                "ssh_config_file": str(self.ssh_config), "connect_timeout_s": 15.0}
        return {"ssh": {**base, **ssh}}


@pytest.fixture(scope="session")
def lab() -> Iterator[Lab]:
    stock_image, hardened_image = build_image("stock"), build_image("hardened")
    keys = Path(tempfile.mkdtemp(prefix="dpp-lab-keys-"))
    client_key = keygen(keys / "client_key")
    net = LabNetwork(client_key)
    try:
        stock = net.start("stock", stock_image, wait=False)
        hardened = net.start("hardened", hardened_image, wait=False)
        net.wait_ready([stock, hardened])
        known = net.known_hosts(keys / "known_hosts")
        config = _ssh_config(keys, client_key, known, stock, hardened)
        yield Lab(net, stock, hardened, client_key, known, config)
    finally:
        net.stop()
        shutil.rmtree(keys, ignore_errors=True)


def _ssh_config(keys: Path, client_key: Path, known: Path, stock: LabHost, hardened: LabHost) -> Path:
    common = (f"  User root\n  IdentityFile {client_key}\n  UserKnownHostsFile {known}\n"
              "  StrictHostKeyChecking yes\n  BatchMode yes\n")
    path = keys / "ssh_config"
    path.write_text(
        f"Host stock\n  HostName 127.0.0.1\n  Port {stock.port}\n{common}\n"
        f"Host hardened\n  HostName 127.0.0.1\n  Port {hardened.port}\n{common}\n"
        f"Host hardened-via-stock\n  HostName {hardened.ip}\n  ProxyJump stock\n{common}")
    return path
