"""host.kmod and host.blockdev on this machine, on a root filesystem tree, and on a real LUKS
container attached to a loop device."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.collect.base import CollectContext
from auditor.collect.host.blockdev import BlockdevCollector
from auditor.collect.transports.local import LocalTransport
from auditor.models import Target
from tests.clock import NOW
from tests.hostplus.conftest import GOLDEN, collect, data, golden_output, write_tree


def test_local_kmod_matches_proc() -> None:
    got = data(collect("local", "host.kmod"), "host.kmod")
    has_proc = os.path.exists("/proc/modules")
    assert got["module_support"] is has_proc
    if has_proc:
        assert got["loaded"] == sorted(
            {line.split()[0] for line in Path("/proc/modules").read_text().splitlines()}
        )
    for path in got["modprobe_files"]:
        assert Path(path).is_file()


def test_rootfs_kmod_reads_policy_files_only(tmp_path: Path) -> None:
    cis = json.loads((GOLDEN / "kmod" / "cis_removable_storage_disabled.json").read_text())
    write_tree(
        tmp_path,
        {
            "/etc/modprobe.d/cis-usb.conf": cis["output"],
            "/lib/modprobe.d/aliases.conf": golden_output("kmod", "debian12_kmod_aliases_conf"),
            "/lib/modprobe.d/cis-usb.conf": "install usb-storage /bin/sh\n",  # hidden by /etc
            "/usr/share/polkit-1/actions/org.freedesktop.UDisks2.policy": golden_output(
                "kmod", "udisks2_2_9_4_mount_actions"
            ),
            "/etc/polkit-1/localauthority/50-local.d/10-udisks.pkla": golden_output(
                "kmod", "pkla_deny_udisks_mount"
            ),
        },
    )
    # The image ships a kernel (this machine's real configuration stands in for its config).
    boot = tmp_path / "boot"
    boot.mkdir()
    (boot / f"config-{os.uname().release}").write_bytes(gzip.decompress(Path("/proc/config.gz").read_bytes()))
    got = data(collect(f"rootfs:{tmp_path}", "host.kmod"), "host.kmod")
    assert got["modprobe_files"] == ["/lib/modprobe.d/aliases.conf", "/etc/modprobe.d/cis-usb.conf"]
    usb = [(r["directive"], r["target"]) for r in got["modprobe_rules"] if r["module"] == "usb_storage"]
    assert usb == [("install", "/bin/false"), ("blacklist", None)]
    assert got["loaded"] is None and got["module_support"] is None
    polkit = got["udisks_polkit"]
    assert polkit["installed"] and len(polkit["actions"]) == 3
    assert polkit["pkla_rules"][0]["result_active"] == "no"



def test_rootfs_without_a_kernel_cannot_decide_storage_drivers(tmp_path: Path) -> None:
    write_tree(tmp_path, {"/etc/modprobe.d/x.conf": "options foo bar=1\n"})
    ev = collect(f"rootfs:{tmp_path}", "host.kmod")["host.kmod"]
    assert ev.status == "error" and ev.error is not None and "holds no kernel" in ev.error.message


def test_blockdev_is_not_applicable_on_rootfs(tmp_path: Path) -> None:
    ev = collect(f"rootfs:{tmp_path}", "host.blockdev")["host.blockdev"]
    assert ev.status == "not_applicable"


def test_local_blockdev_matches_lsblk_and_mounts() -> None:
    got = data(collect("local", "host.blockdev"), "host.blockdev")
    names = subprocess.run(
        ["lsblk", "-rno", "NAME"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted({d["name"] for d in got["block_devices"]}) == sorted(set(names))
    tmp = next(p for p in got["path_mounts"] if p["path"] == "/tmp")
    real = subprocess.run(
        ["findmnt", "-n", "-o", "TARGET,FSTYPE", "-T", "/tmp"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [tmp["mountpoint"], tmp["fstype"]] == real
    swaps = Path("/proc/swaps").read_text().splitlines()[1:]
    assert len(got["swap"]) == len(swaps)


@pytest.fixture
def luks_loop(tmp_path: Path) -> Iterator[str]:
    """A real LUKS2 container (aes-xts-plain64, 512-bit key) on a loop device; detached after."""
    img, key = tmp_path / "luks.img", tmp_path / "key"
    img.write_bytes(b"\0" * (20 << 20))
    key.write_bytes(os.urandom(32))
    subprocess.run(
        [
            "cryptsetup",
            "luksFormat",
            "-q",
            "--type",
            "luks2",
            "--cipher",
            "aes-xts-plain64",
            "--key-size",
            "512",
            "--pbkdf",
            "pbkdf2",
            "--pbkdf-force-iterations",
            "1000",
            "--key-file",
            str(key),
            str(img),
        ],
        check=True,
        capture_output=True,
    )
    loop = subprocess.run(["losetup", "-f", "--show", str(img)], capture_output=True, text=True)
    if loop.returncode != 0:
        pytest.fail(f"losetup failed (loop devices are needed): {loop.stderr.strip()}")
    try:
        yield loop.stdout.strip()
    finally:
        subprocess.run(["losetup", "-d", loop.stdout.strip()], check=False)


def test_luks_header_of_a_real_loop_device(luks_loop: str) -> None:
    ctx = CollectContext(
        now=NOW,
        target=Target(id="t", kind="host", address="local"),
        params={},
        settings={},
        deadline=time.monotonic() + 30,
        transport=LocalTransport(),
    )
    got = BlockdevCollector().collect(ctx)
    luks = next(entry for entry in got["luks"] if entry["device"] == luks_loop)
    assert (luks["version"], luks["cipher"], luks["key_bits"], luks["effective_bits"]) == (
        2,
        "aes-xts-plain64",
        512,
        256,
    )
    assert f"sudo cryptsetup luksDump {luks_loop}" in ctx.provenance.commands


class _NoMountTable(LocalTransport):
    """This machine, except that /proc/self/mounts reads empty, as it can through a transport
    that reads /proc badly. A stand-in: no real transport here loses the table on demand."""

    def read_file(self, path: str, max_bytes: int = 4 * 1024 * 1024) -> bytes | None:
        return b"" if path == "/proc/self/mounts" else super().read_file(path, max_bytes)


def test_blockdev_without_a_mount_table_is_an_error_not_null_mounts() -> None:
    """Issue #15 item 10: ENC-2 printed "/var/tmp is on null (null, mounted at null)"."""
    from auditor.errors import CollectorError

    ctx = CollectContext(now=NOW, target=Target(id="t", kind="host", address="local"), params={}, settings={},
                         deadline=time.monotonic() + 30, transport=_NoMountTable())
    with pytest.raises(CollectorError) as caught:
        BlockdevCollector().collect(ctx)
    assert caught.value.kind == "parse" and "mount table" in caught.value.message


def test_kernel_config_decides_whether_storage_drivers_can_exist() -> None:
    """Issue #15 item 7: ACC-11 failed a kernel that cannot load USB storage at all. The
    kernel's own configuration, read here a second way (gzip -dc /proc/config.gz), decides."""
    import gzip as _gzip

    from tests.collectors.lab_rootfs import clauses

    cfg = Path("/proc/config.gz")
    if not cfg.exists():
        pytest.skip("this kernel publishes no /proc/config.gz")
    text = _gzip.decompress(cfg.read_bytes()).decode()
    got = data(collect("local", "host.kmod"), "host.kmod")["kernel_config"]
    assert got["sources"] == ["/proc/config.gz"]
    usb = "CONFIG_USB=y" in text or "CONFIG_USB=m" in text
    modules = "CONFIG_MODULES=y" in text
    storage = re.search(r"^CONFIG_USB_STORAGE=(\w)", text, re.M)
    want = ("absent" if not usb or not storage else "builtin" if storage.group(1) == "y"
            else "module" if modules else "absent")
    assert got["storage_drivers"]["usb_storage"] == want
    ev = collect("local", "host.kmod", "host.blockdev")
    acc11 = clauses(list(ev.values()), [ev["host.kmod"].target])["ACC-11"]
    flagged = {f.details.get("module") for f in acc11.findings if f.check == "ACC-11.a"}
    absent = {m for m, how in got["storage_drivers"].items() if how == "absent"}
    assert not flagged & absent
