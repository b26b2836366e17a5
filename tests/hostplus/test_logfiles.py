"""host.logfiles on this machine (one find through sudo) and on a root filesystem walk."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

from tests.hostplus.conftest import collect, data


def test_local_matches_os_stat() -> None:
    got = data(collect("local", "host.logfiles"), "host.logfiles")
    assert got["method"] == "find"
    for f in got["log_files"]:
        st = os.lstat(f["path"])
        assert f["mode"] == f"{st.st_mode & 0o7777:04o}" and f["owner"] == pwd.getpwuid(st.st_uid).pw_name
    walked = sorted(
        str(p)
        for p in Path("/var/log").rglob("*")
        if p.is_file() and not p.is_symlink() and len(p.relative_to("/var/log").parts) <= 4
    )
    assert [f["path"] for f in got["log_files"]] == walked
    assert not any(f["path"] == "/var/log/README" for f in got["log_files"])  # a symlink on Debian


def test_rootfs_walk_skips_links_and_reads_image_owners(tmp_path: Path) -> None:
    log = tmp_path / "var/log"
    (log / "audit").mkdir(parents=True)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc/passwd").write_text(
        "root:x:0:0::/root:/bin/sh\nsyslog:x:104:110::/home/syslog:/usr/sbin/nologin\n"
    )
    (tmp_path / "etc/group").write_text("root:x:0:\nadm:x:4:syslog\n")
    (log / "auth.log").write_text("x")
    os.chown(log / "auth.log", 104, 4)
    (log / "auth.log").chmod(0o640)
    (log / "audit/audit.log").write_text("x")
    (log / "audit/audit.log").chmod(0o600)
    (log / "README").symlink_to("../../usr/share/doc/README")
    os.utime(log / "auth.log", (1764000000, 1764000000))
    got = data(collect(f"rootfs:{tmp_path}", "host.logfiles"), "host.logfiles")
    assert got["method"] == "walk"
    assert [(f["path"], f["mode"], f["owner"], f["group"]) for f in got["log_files"]] == [
        ("/var/log/audit/audit.log", "0600", "root", "root"),
        ("/var/log/auth.log", "0640", "syslog", "adm"),
    ]
    assert got["log_files"][1]["mtime"] == "2025-11-24T16:00:00Z"
    assert [d["path"] for d in got["log_dirs"]] == ["/var/log", "/var/log/audit"]
