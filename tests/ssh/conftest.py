"""Real OpenSSH sshd "hosts" on loopback for the SSH transport and fleet tests.

alpha and beta run in private mount namespaces, so each shows its own /etc/ssh/sshd_config
(the one it serves) and beta its own accounts and sudoers.d; gamma is the machine itself,
reached through alpha as a ProxyJump bastion; delta refuses public keys; epsilon's key in
known_hosts is not the one it presents; zeta allows one session at a time (MaxSessions 1).
Every server is stopped when the session ends.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from auditor.bench.sshd_lab import SshdHost, SshdLab, free_port, keygen

AUDIT_USER = "dppaudit"
AUDIT_UID = 4242


@dataclass
class Fleet:
    lab: SshdLab
    alpha: SshdHost
    beta: SshdHost
    gamma: SshdHost
    delta: SshdHost
    epsilon: SshdHost
    zeta: SshdHost
    ssh_config: Path
    root: Path

    def settings(self, **ssh: Any) -> dict[str, Any]:
        base = {"identity_file": str(self.lab.client_key), "known_hosts_file": str(self.lab.known_hosts),
                "ssh_config_file": str(self.ssh_config), "connect_timeout_s": 15.0}
        return {"ssh": {**base, **ssh}}


def _beta_files(root: Path) -> dict[str, Path]:
    """beta's own accounts: the machine's plus an unprivileged auditor with one sudo rule."""
    etc = root / "beta-etc"
    etc.mkdir()
    home = root / "beta-home"
    home.mkdir()
    for name, extra in (("passwd", f"{AUDIT_USER}:x:{AUDIT_UID}:{AUDIT_UID}::{home}:/bin/sh\n"),
                        ("group", f"{AUDIT_USER}:x:{AUDIT_UID}:\n"),
                        ("shadow", f"{AUDIT_USER}:*:20000:0:99999:7:::\n")):
        shutil.copy2(f"/etc/{name}", etc / name)
        with open(etc / name, "a", encoding="utf-8") as fh:
            fh.write(extra)
    sudoers_d = etc / "sudoers.d"
    sudoers_d.mkdir(mode=0o755)
    rule = sudoers_d / "dppaudit"
    rule.write_text(f"{AUDIT_USER} ALL=(root) NOPASSWD: /usr/bin/id\n")
    rule.chmod(0o440)
    return {f"/etc/{n}": etc / n for n in ("passwd", "group", "shadow", "sudoers.d")}


@pytest.fixture(scope="session")
def fleet() -> Iterator[Fleet]:
    # Not under pytest's 0700 temp dirs: sshd reads the unprivileged user's authorized_keys as that user.
    root = Path(tempfile.mkdtemp(prefix="dpp-sshlab-"))
    root.chmod(0o755)
    lab = SshdLab(root / "lab")
    lab.authorize(AUDIT_USER)
    try:
        alpha = lab.prepare("alpha", "MaxAuthTries 3\nX11Forwarding no", binds={})
        beta = lab.prepare("beta", "MaxAuthTries 5\nClientAliveInterval 300", binds=_beta_files(root))
        gamma = lab.prepare("gamma", "MaxAuthTries 4")
        delta = lab.prepare("delta", "PubkeyAuthentication no")
        epsilon = lab.prepare("epsilon")
        zeta = lab.prepare("zeta", "MaxSessions 1")  # hardened: one session at a time
        lab.wait_ready(lab.hosts)
        lab.trust([alpha, beta, gamma, delta, zeta])
        other = keygen(root / "impostor_key")  # epsilon is known under another key
        kind, b64 = other.with_suffix(".pub").read_text().split()[:2]
        with open(lab.known_hosts, "a", encoding="ascii") as fh:
            fh.write(f"[127.0.0.1]:{epsilon.port} {kind} {b64}\n")
        ssh_config = root / "ssh_config"
        ssh_config.write_text(
            f"Host bastion\n  HostName 127.0.0.1\n  Port {alpha.port}\n  User root\n\n"
            f"Host gamma\n  HostName 127.0.0.1\n  Port {gamma.port}\n  User root\n  ProxyJump bastion\n\n"
            f"Host beta-alias\n  HostName 127.0.0.1\n  Port {beta.port}\n  User {AUDIT_USER}\n"
            f"  IdentityFile {lab.client_key}\n\n"
            f"Host behind-impostor\n  HostName 127.0.0.1\n  Port {gamma.port}\n  User root\n"
            f"  ProxyJump root@127.0.0.1:{epsilon.port}\n")
        yield Fleet(lab, alpha, beta, gamma, delta, epsilon, zeta, ssh_config, root)
    finally:
        lab.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A TCP listener that accepts and never speaks: an SSH banner that never comes."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def closed_port() -> int:
    return free_port()
