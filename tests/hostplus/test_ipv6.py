"""host.ipv6 on this machine (kernel state) and on a root filesystem (configuration)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_addresses_match_proc() -> None:
    got = data(collect("local", "host.ipv6"), "host.ipv6")
    proc = Path("/proc/net/if_inet6")
    if not proc.exists():
        assert got["kernel_disabled"] and not got["enabled"]
        return
    want = {str(ipaddress.IPv6Address(int(line.split()[0], 16))) for line in proc.read_text().splitlines()}
    assert {a["address"] for a in got["ip_addresses"]} == want
    flag = Path("/proc/sys/net/ipv6/conf/all/disable_ipv6").read_text().strip()
    assert got["enabled"] is (flag != "1")


def test_rootfs_sysctl_d_disables_ipv6(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "/etc/sysctl.d/60-disable-ipv6.conf": golden_output("ipv6", "sysctl_d_disable_ipv6"),
            "/usr/lib/sysctl.d/50-default.conf": "net.ipv6.conf.all.disable_ipv6 = 0\n",
        },
    )
    got = data(collect(f"rootfs:{tmp_path}", "host.ipv6"), "host.ipv6")
    assert (got["method"], got["enabled"], got["ip_addresses"]) == ("configuration", False, None)


def test_rootfs_default_is_enabled(tmp_path: Path) -> None:
    got = data(collect(f"rootfs:{tmp_path}", "host.ipv6"), "host.ipv6")
    assert got["enabled"] is True
