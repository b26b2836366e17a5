"""host.hardening on this machine and on the lab's stock Debian image, each value checked
against a second reading of the same source (the kernel's /proc/sys, the files themselves)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.collectors.lab_rootfs import clauses
from tests.hostplus.conftest import collect, data
from tests.lab.image import build_image

NEW_CHECKS = {"GEN-4": {"GEN-4.password", "GEN-4.umask", "GEN-4.files"}, "NET-1": {"NET-1.sysctl"},
              "ENC-2": {"ENC-2.core"}, "LOG-2": {"LOG-2.integrity"}, "LOG-5": {"LOG-5.time"}}


def _login_defs(root: Path, key: str) -> str | None:
    found = re.findall(rf"(?m)^\s*{key}\s+(\S+)", (root / "etc/login.defs").read_text())
    return found[-1] if found else None


def test_local_values_match_proc_sys_and_login_defs() -> None:
    got = data(collect("local", "host.hardening"), "host.hardening")
    assert got["method"] == "runtime" and got["sysctl"]["method"] == "/proc/sys"
    for key, value in got["sysctl"]["values"].items():
        proc = Path("/proc/sys", *key.split("."))
        assert value == (proc.read_text().strip() if proc.exists() else None), key
    assert str(got["login_defs"]["pass_max_days"]) == _login_defs(Path("/"), "PASS_MAX_DAYS")
    assert got["umask"]["login_defs"] == _login_defs(Path("/"), "UMASK")
    assert got["aide"]["installed"] == any(Path(p).exists() for p in ("/usr/bin/aide", "/usr/sbin/aide"))


def test_rootfs_reads_the_boot_configuration_and_every_new_check_decides() -> None:
    image = build_image("stock")
    ev = collect(f"rootfs:{image}", "host.hardening", "host.accounts")
    got = data(ev, "host.hardening")
    assert got["method"] == "boot configuration"
    assert got["login_defs"]["pass_max_days"] == int(_login_defs(image, "PASS_MAX_DAYS") or -1)
    results = clauses(list(ev.values()), [ev["host.hardening"].target])
    # Debian's defaults: ageing off, umask 022, no AIDE, no time daemon enabled, sysctls unset,
    # core dumps allowed; the account files are 0644/0640 root-owned as Debian ships them.
    for clause, checks in NEW_CHECKS.items():
        found = {f.check for f in results[clause].findings}
        assert checks - {"GEN-4.files"} <= found, (clause, found)
    assert "GEN-4.files" not in {f.check for f in results["GEN-4"].findings}
