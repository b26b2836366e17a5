"""Files over exec channels (no SFTP) read, stat and list exactly what the host's root holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from auditor.collect.transports.rootfs import RootfsTransport
from auditor.collect.transports.ssh import SshTransport
from auditor.errors import TransportError
from auditor.models import ErrorKind
from auditor.targets import parse_target_uri
from tests.lab.fixtures import Lab

PATHS = ("/etc/ssh/sshd_config", "/etc/passwd", "/etc/nftables.conf", "/etc/ssh", "/etc/audit/rules.d",
         "/no/such/file", "/etc/passwd/child", "/etc/os-release", "/bin", "/proc/self/status")


@pytest.fixture
def hardened(lab: Lab) -> Iterator[SshTransport]:
    tr = SshTransport(parse_target_uri(lab.hardened.address), lab.settings())
    yield tr
    tr.close()


def test_exec_files_match_the_host_root(lab: Lab, hardened: SshTransport) -> None:
    lab.hardened.run("mkdir -p /srv/odd && printf 'x\\n' > '/srv/odd/a name\nwith newline' "
                     "&& ln -sf /etc/passwd /srv/odd/link && mkfifo /srv/odd/fifo || true")
    image = RootfsTransport(lab.hardened.root)
    for path in (*PATHS, "/srv/odd"):
        if path.startswith("/proc"):
            continue
        assert hardened.read_file(path) == image.read_file(path), path
        assert hardened.list_dir(path) == image.list_dir(path), path
        got, want = hardened.stat(path), image.stat(path)
        assert (got is None) == (want is None), path
        if got is not None and want is not None:
            assert (got.mode, got.uid, got.gid, got.owner, got.group, got.is_dir) == \
                   (want.mode, want.uid, want.gid, want.owner, want.group, want.is_dir), path
            if not got.is_dir:
                assert got.size == want.size, path
    assert "ssh; files over exec" in hardened.describe()
    assert b"Name:" in (hardened.read_file("/proc/self/status") or b"")  # size 0 files read to EOF
    assert hardened.read_file("/etc/passwd", max_bytes=4) == b"root"
    lab.hardened.run("rm -rf /srv/odd")


def test_exec_files_refuse_what_the_user_cannot_read(lab: Lab, tmp_path: object) -> None:
    lab.hardened.add_user("plainuser", lab.client_key)
    settings = lab.settings()
    tr = SshTransport(parse_target_uri(f"ssh://plainuser@127.0.0.1:{lab.hardened.port}"), settings)
    try:
        with pytest.raises(TransportError) as info:
            tr.read_file("/etc/shadow")
        assert info.value.kind == ErrorKind.permission and "/etc/shadow" in info.value.message
        with pytest.raises(TransportError) as info:
            tr.list_dir("/root")
        assert info.value.kind == ErrorKind.permission
        assert tr.read_file("/etc/hostname") == b"hardened\n"
    finally:
        tr.close()
        lab.hardened.run("userdel -r -f plainuser")
