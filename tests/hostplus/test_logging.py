"""host.logging on this machine and on a root filesystem with Debian's packaged configuration."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_logging_matches_the_machine() -> None:
    got = data(collect("local", "host.logging"), "host.logging")
    assert got["logrotate"]["installed"] is os.path.exists("/etc/logrotate.conf")
    assert got["rsyslog"]["installed"] is os.path.exists("/etc/rsyslog.conf")
    journald = got["journald"]
    if journald["storage"] == "auto":
        assert journald["persistent"] is os.path.isdir("/var/log/journal")


def test_rootfs_debian_packaged_logging(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "/etc/logrotate.conf": golden_output("logging", "debian12_logrotate_conf"),
            "/etc/logrotate.d/rsyslog": golden_output("logging", "debian12_logrotate_d_rsyslog"),
            "/etc/logrotate.d/nginx": golden_output("logging", "debian12_logrotate_d_nginx"),
            "/etc/logrotate.d/nginx.dpkg-old": "/var/log/x { daily\n rotate 1\n}\n",
            "/etc/rsyslog.conf": golden_output("logging", "debian12_rsyslog_conf"),
            "/etc/rsyslog.d/50-forward.conf": golden_output(
                "logging", "rsyslog_d_legacy_tls_and_udp_forward"
            ),
            "/etc/systemd/journald.conf": golden_output("logging", "debian12_journald_conf"),
            "/etc/systemd/journald.conf.d/retention.conf": golden_output(
                "logging", "journald_dropin_retention"
            ),
            "/etc/systemd/journal-upload.conf": "[Upload]\nURL=https://logs.internal.example:19532\n",
            "/etc/filebeat/filebeat.yml": "output.logstash: {}\n",
        },
    )
    (tmp_path / "etc/systemd/system/multi-user.target.wants").mkdir(parents=True)
    (tmp_path / "etc/systemd/system/multi-user.target.wants/systemd-journal-upload.service").symlink_to("/x")
    got = data(collect(f"rootfs:{tmp_path}", "host.logging"), "host.logging")
    by_file = {e["file"]: e for e in got["logrotate"]["entries"]}
    assert set(by_file) == {"/etc/logrotate.d/rsyslog", "/etc/logrotate.d/nginx"}
    assert by_file["/etc/logrotate.d/rsyslog"]["retention_days"] == 35  # Debian: weekly, rotate 4
    assert by_file["/etc/logrotate.d/nginx"]["retention_days"] == 15
    j = got["journald"]
    assert (j["storage"], j["persistent"], j["max_retention_sec"]) == ("persistent", True, 7 * 2629800)
    assert [(f["host"], f["tls"]) for f in got["rsyslog"]["forwards"]] == [
        ("siem.example.net", True),
        ("10.0.0.5", False),
    ]
    assert got["journal_upload"] == {
        "enabled": True,
        "url": "https://logs.internal.example:19532",
        "tls": True,
        "installed": False,
    }
    assert got["agents"] == [
        {"name": "filebeat", "config": "/etc/filebeat/filebeat.yml", "running": None, "last_shipped_at": None}
    ]
