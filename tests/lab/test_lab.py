"""The lab servers are what the recipes say: separate hosts, their own services and sshd."""

from __future__ import annotations

import subprocess

from tests.lab.fixtures import Lab
from tests.lab.image import RECIPES, build_image, image_dir


def _ssh(lab: Lab, port: int, command: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ssh", "-i", str(lab.client_key), "-o", f"UserKnownHostsFile={lab.known_hosts}",
                           "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-p", str(port),
                           *extra, "root@127.0.0.1", command],
                          capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)


def test_images_are_cached_by_recipe_content() -> None:
    for name in RECIPES:
        root = build_image(name)
        assert root == image_dir(name) / "rootfs"
        assert (root / "etc/debian_version").read_text().startswith("12.")
        assert not list((root / "etc/ssh").glob("ssh_host_*")), "host keys must be per host"


def test_each_host_is_its_own_machine(lab: Lab) -> None:
    seen = {}
    for host in (lab.stock, lab.hardened):
        done = _ssh(lab, host.port, "hostname; ip -4 -o addr show dev eth0")
        assert done.returncode == 0, done.stderr
        name, addr = done.stdout.splitlines()
        assert name == host.name and f"{host.ip}/24" in addr
        seen[host.name] = host.ip
    assert len(set(seen.values())) == 2


def test_stock_runs_its_services(lab: Lab) -> None:
    listening = lab.stock.run("ss -Htlnp").stdout
    for proc in ("sshd", "nginx", "postgres"):
        assert f'(("{proc}"' in listening, listening
    assert (lab.stock.root / "etc/ssh/sshd_config").read_text().count("Subsystem") == 1


def test_hardened_has_no_sftp_and_drops_http(lab: Lab) -> None:
    assert "Subsystem" not in (lab.hardened.root / "etc/ssh/sshd_config").read_text()
    sftp = _ssh(lab, lab.hardened.port, "", "-s", "sftp")
    assert sftp.returncode != 0
    assert "policy drop" in lab.hardened.run("nft list ruleset").stdout
    # nginx listens on :80 on the host, but the firewall drops it from the lab network
    assert ":80 " in lab.hardened.run("ss -Htln").stdout
    assert lab.net.probe(lab.stock.ip, 80) == "open"
    assert lab.net.probe(lab.hardened.ip, 80) == "timeout"
    assert lab.net.probe(lab.hardened.ip, 22) == "open"


def test_bastion_reaches_the_other_host(lab: Lab) -> None:
    # ProxyJump's second hop goes to the hardened host's own address inside the lab
    done = subprocess.run(["ssh", "-F", str(lab.ssh_config), "hardened-via-stock", "hostname"],
                          capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert done.returncode == 0 and done.stdout.strip() == "hardened", done.stderr
