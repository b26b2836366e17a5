"""logs.pii on a real sshd over loopback: files are streamed through one SSH channel (tar) and
scanned here (method ssh-tar-stream); findings equal a local scan of the same tree."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.bench.sshd_lab import SshdHost, SshdLab
from auditor.collect import base
from auditor.collect.logs.collector import LogsPiiCollector
from auditor.collect.transports.ssh import SshTransport
from auditor.targets import parse_target_uri
from tests.pii.canary import CANARY_LINES, assert_no_raw_values
from tests.pii.conftest import CLEAN, write_lines
from tests.pii.test_scan import collect

pytestmark = pytest.mark.skipif(not Path("/usr/sbin/sshd").exists(), reason="openssh-server is not installed")


@pytest.fixture(scope="module")
def sshd() -> Iterator[tuple[SshdLab, SshdHost]]:
    root = Path(tempfile.mkdtemp(prefix="dpp-pii-ssh-"))
    root.chmod(0o755)
    lab = SshdLab(root / "lab")
    try:
        host = lab.start("pii")
        lab.trust([host])
        yield lab, host
    finally:
        lab.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_ssh_stream_scan_equals_local_scan(sshd: tuple[SshdLab, SshdHost], tmp_path: Path) -> None:
    lab, host = sshd
    root = tmp_path / "remote-logs"
    write_lines(root / "app.log", [*CLEAN, *CANARY_LINES])
    write_lines(root / "app.log.1.gz", [*CANARY_LINES[:4]])
    logs = {"roots": [str(root)], "file_roots": [], "journald": False}
    settings: dict[str, Any] = {"ssh": {"identity_file": str(lab.client_key),
                                        "known_hosts_file": str(lab.known_hosts), "connect_timeout_s": 5.0},
                                "logs": logs}
    target = parse_target_uri(host.address)
    transport = SshTransport(target, settings)
    try:
        ctx = base.CollectContext(target=target, params={}, settings=settings,
                                  deadline=time.monotonic() + 120, transport=transport)
        remote = LogsPiiCollector().collect(ctx)
    finally:
        transport.close()
    assert remote["method"] == "ssh-tar-stream"  # every root through one tar channel (#14)
    assert any(c.startswith("sudo tar ") for c in ctx.provenance.commands), ctx.provenance.commands
    local = collect(logs)

    def key(d: dict[str, Any]) -> set[tuple[Any, ...]]:
        return {(f["path"], f["line"], f["category"], f["fingerprint"]) for f in d["findings"]}

    assert key(remote) == key(local) and len(key(remote)) >= 13
    assert remote["partial"] is False
    assert_no_raw_values(repr(remote), "ssh-stream evidence")
