"""Acceptance (#14): a non-root user with the `dpp-auditor sudoers` snippet audits both lab
servers exactly as root does: same host-clause statuses, same findings (NET-5's unregistered
authorized_keys included)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lab.fixtures import Lab
from tests.lab.host import LabHost
from tests.lab.scan import Scan, host_clauses, scan

pytestmark = pytest.mark.slow
USER = "dppaudit"


def _snippet() -> str:
    done = subprocess.run([sys.executable, "-m", "auditor", "sudoers", "--user", USER],
                          capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def audit_user(lab: Lab) -> Iterator[str]:
    snippet = _snippet()
    for host in (lab.stock, lab.hardened):
        host.add_user(USER, lab.client_key, snippet)
        # keys a fleet forgot to register: NET-5 must find them whoever audits
        host.run("id alice >/dev/null 2>&1 || useradd -m -s /bin/sh alice; install -d -m 700 -o alice "
                 "/home/alice/.ssh; ssh-keygen -q -t ed25519 -N '' -f /tmp/k -C stray@x; "
                 "mv /tmp/k.pub /home/alice/.ssh/authorized_keys; rm -f /tmp/k; "
                 "chown alice: /home/alice/.ssh/authorized_keys; chmod 600 /home/alice/.ssh/authorized_keys")
    yield USER
    for host in (lab.stock, lab.hardened):
        host.run(f"userdel -r -f {USER}; userdel -r -f alice; rm -f /etc/sudoers.d/{USER}", check=False)


def test_snippet_is_accepted_by_visudo(lab: Lab, tmp_path: Path) -> None:
    (lab.stock.root / "tmp/snippet").write_text(_snippet())
    done = lab.stock.run("visudo -c -f /tmp/snippet", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    lab.stock.run("rm /tmp/snippet")


def _findings(s: Scan, clause: str) -> list[tuple[str, str]]:
    return sorted((f["check"], f["msg"]) for f in s.clauses[clause].get("findings") or [])


@pytest.mark.parametrize("which", ["stock", "hardened"])
def test_non_root_with_snippet_audits_like_root(lab: Lab, audit_user: str, tmp_path: Path,
                                                which: str) -> None:
    host: LabHost = getattr(lab, which)
    common = ("--identity", str(lab.client_key), "--known-hosts", str(lab.known_hosts))
    as_root = scan(tmp_path / "root", f"ssh://root@127.0.0.1:{host.port}", *common)
    as_user = scan(tmp_path / "user", f"ssh://{audit_user}@127.0.0.1:{host.port}", *common)
    compared = host_clauses(as_root, comparable_with_rootfs=False)
    differing = {c: (as_root.statuses[c], as_user.statuses[c]) for c in compared
                 if as_root.statuses[c] != as_user.statuses[c]}
    why = {c: (as_root.clauses[c].get("errors"), as_user.clauses[c].get("errors")) for c in differing}
    assert differing == {}, why
    assert {c: _findings(as_user, c) for c in compared} == {c: _findings(as_root, c) for c in compared}
    assert any("alice" in msg for _, msg in _findings(as_user, "NET-5")), _findings(as_user, "NET-5")
    # the user really went through sudo (the transport's file fallback for shadow), and
    # provenance lists only what ran
    accounts = as_user.unit("host.accounts")
    assert "/etc/shadow" in [f["path"] for f in accounts["provenance"]["files"]]
    assert "sudo cat /home/alice/.ssh/authorized_keys" in accounts["provenance"]["commands"]
    assert not as_user.errors("permission"), as_user.errors("permission")
