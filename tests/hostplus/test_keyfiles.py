"""host.keyfiles on this machine (real ACLs set with setfacl) and on a root filesystem."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from auditor.collect.base import CollectContext
from auditor.collect.host.keyfiles import KeyfilesCollector
from auditor.collect.transports.local import LocalTransport
from auditor.models import Target
from tests.clock import NOW
from tests.hostplus.conftest import collect, data, write_tree


def _local(params: dict[str, object]) -> dict[str, object]:
    import time

    ctx = CollectContext(
        now=NOW,
        target=Target(id="t", kind="host", address="local"),
        params=params,
        settings={},
        deadline=time.monotonic() + 30,
        transport=LocalTransport(),
    )
    return KeyfilesCollector().collect(ctx)


def test_local_acl_reader_is_found(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "dek.bin"
    key.parent.mkdir()
    key.parent.chmod(0o750)
    key.write_bytes(os.urandom(32))
    key.chmod(0o600)
    subprocess.run(["setfacl", "-m", "u:nobody:r", str(key)], check=True)
    got = _local({"key_paths": [str(tmp_path / "keys" / "*"), str(tmp_path / "absent.key")]})
    entry = next(f for f in got["files"] if f["path"] == str(key))
    assert entry["acl_known"] and entry["acl_entries"] == [
        {"tag": "user", "qualifier": "nobody", "perms": "r--"}
    ]
    assert entry["effective_readers"] == ["nobody", "root"]
    assert entry["mode"] == "0640"  # with an ACL the group bits show the mask
    assert entry["parent_dirs"][0] == {
        "path": str(key.parent),
        "mode": "0750",
        "owner": "root",
        "group": "root",
    }
    assert got["configured_missing"] == [str(tmp_path / "absent.key")]


def test_local_common_locations() -> None:
    got = data(collect("local", "host.keyfiles"), "host.keyfiles")
    private = (
        sorted(str(p) for p in Path("/etc/ssl/private").glob("*"))
        if os.path.isdir("/etc/ssl/private")
        else []
    )
    assert [f["path"] for f in got["files"] if f["path"].startswith("/etc/ssl/private/")] == private


def test_rootfs_crypttab_key_and_group_members(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "/etc/passwd": "root:x:0:0::/root:/bin/sh\npostgres:x:110:103::/var/lib/postgresql:/bin/sh\n"
            "alice:x:1000:1000::/home/alice:/bin/bash\n",
            "/etc/group": "root:x:0:\nssl-cert:x:103:alice\nalice:x:1000:\n",
            "/etc/crypttab": "cryptdata UUID=0f0e /etc/luks-keys/data.key luks,discard\n"
            "cryptswap /dev/sdb2 /dev/urandom swap\n",
            "/etc/luks-keys/data.key": "k",
        },
        mode=0o640,
    )
    os.chown(tmp_path / "etc/luks-keys/data.key", 0, 103)
    got = data(collect(f"rootfs:{tmp_path}", "host.keyfiles"), "host.keyfiles")
    (key,) = got["files"]
    assert (key["path"], key["purpose"], key["group"]) == ("/etc/luks-keys/data.key", "luks", "ssl-cert")
    assert key["group_members"] == ["alice", "postgres"]  # explicit and primary
    assert key["effective_readers"] == ["alice", "postgres", "root"]
    assert key["acl_known"] is False and "mounted image" in got["acl_reason"]
