"""logs.pii over SSH on a lab host: every root through one tar stream (constant channels),
complete, and the same findings as scanning the host's root filesystem directly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.rootfs import RootfsTransport
from auditor.collect.transports.ssh import SshTransport
from auditor.models import Evidence
from auditor.targets import parse_target_uri
from tests.lab.fixtures import Lab

pytestmark = pytest.mark.slow

FILES = 500


class _Counting(SshTransport):
    """The real transport, counting the session channels it opens."""

    sessions = 0

    def _session(self, *args: Any, **kw: Any) -> Any:
        type(self).sessions += 1
        return super()._session(*args, **kw)


@pytest.fixture
def pii_files(lab: Lab) -> Iterator[None]:
    lab.stock.run(
        f"mkdir -p /srv/data && cd /srv/data && i=0; while [ $i -lt {FILES} ]; do "
        "printf 'order %s shipped\\ncontact jane.doe%s@example.org now\\n' $i $i > f$i.log; "
        "i=$((i+1)); done; printf 'binary\\0junk' > blob.bin; "
        "seq 1 200000 | sed 's/$/ request ok/' > /var/log/big.log", timeout=120)
    yield
    lab.stock.run("rm -rf /srv/data /var/log/big.log")


def _key(tmp_path: Any) -> Any:
    path = tmp_path / "key"
    path.write_bytes(b"k" * 32)
    path.chmod(0o600)
    return path


def _scan(transport: Any, settings: dict[str, Any]) -> Evidence:
    spec = load_specs()["logs.pii"]
    target = parse_target_uri(transport.target.address if hasattr(transport, "target") else "local")
    (ev,) = run_units([Unit(spec, target)], lambda t: transport, None,
                      RunnerOptions(max_workers=1, settings=settings))
    return ev


def test_logs_over_ssh_use_one_stream(lab: Lab, pii_files: None, tmp_path: Any) -> None:
    logs = {"roots": ["/var/log"], "file_roots": ["/srv"], "journald": False,
            "hmac_key_file": str(_key(tmp_path)), "time_budget_s": 300}
    settings = {**lab.settings(), "logs": logs}
    _Counting.sessions = 0
    ssh = _Counting(parse_target_uri(lab.stock.address), settings)
    try:
        over_ssh = _scan(ssh, settings)
    finally:
        ssh.close()
    assert over_ssh.status == "collected", over_ssh.error
    assert over_ssh.data["method"] == "ssh-tar-stream"
    assert over_ssh.data["partial"] is False, over_ssh.data["partial_reason"]
    assert _Counting.sessions <= 5, _Counting.sessions

    rootfs = RootfsTransport(lab.stock.root)
    spec = load_specs()["logs.pii"]
    (direct,) = run_units([Unit(spec, parse_target_uri(f"rootfs:{lab.stock.root}"))], lambda t: rootfs, None,
                          RunnerOptions(max_workers=1, settings={"logs": logs}))
    assert direct.status == "collected", direct.error
    assert over_ssh.data["scope"]["files_scanned"] == direct.data["scope"]["files_scanned"] >= FILES
    for key in ("bytes_scanned", "findings_total", "counts", "partial"):
        assert over_ssh.data[key] == direct.data[key], key
    assert over_ssh.data["findings_total"] >= FILES  # one e-mail address per small file
