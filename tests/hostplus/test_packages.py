"""host.packages on this machine and on a root filesystem tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from auditor.collect.parsers import packages
from tests.hostplus.conftest import collect, data, golden_output, write_tree


def test_local_matches_apt_itself() -> None:
    got = data(collect("local", "host.packages"), "host.packages")
    assert got["os"]["id"] == "debian" and got["os_eol_date"]
    sim = subprocess.run(["apt-get", "-s", "dist-upgrade"], capture_output=True, text=True, check=True).stdout
    inst = [line for line in sim.splitlines() if line.startswith("Inst ")]
    security = [line.split()[1] for line in inst if "-security" in line.split("(", 1)[1]]
    assert got["upgrades_pending"] == len(inst)
    assert sorted(u["name"] for u in got["security_updates_pending"]) == sorted(security)
    assert got["reboot_required"] == os.path.exists("/run/reboot-required")


def test_rootfs_cannot_list_updates_so_the_unit_is_an_error(tmp_path: Path) -> None:
    """An image runs no package manager: an empty or null list must not reach GEN-5 as data
    (a null became a high-severity fail, an empty list would be a pass)."""
    write_tree(
        tmp_path,
        {
            "/etc/os-release": golden_output("packages", "debian12_os_release"),
            "/var/lib/dpkg/status": "",
        },
    )
    ev = collect(f"rootfs:{tmp_path}", "host.packages")["host.packages"]
    assert ev.status == "error" and ev.error is not None and ev.error.kind == "unsupported"
    assert "pending security updates cannot be listed" in ev.error.message


def test_eol_table_clones_and_unknowns() -> None:
    assert packages.eol_date("rocky", "9.3") == "2032-05-31T00:00:00Z"
    assert packages.eol_date("ubuntu", "22.04") == "2027-04-30T00:00:00Z"
    assert packages.eol_date("alpine", "3.19") is None


def test_security_origin_needs_a_security_archive() -> None:
    line = "Inst a [1] (2 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64])\n"
    line += "Inst b [1] (2 Ubuntu:22.04/jammy-updates, Ubuntu:22.04/jammy-security [amd64])\n"
    line += "Inst c [1] (2 Debian:12.15/oldstable [amd64])\n"
    assert [u["name"] for u in packages.parse(line)["security_updates_pending"]] == ["a", "b"]
