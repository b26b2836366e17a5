"""Golden cases of the pure parsers: tests/golden/<parser>/<case>.json = {command, output, expected}.

Each directory names a module of auditor.collect.parsers whose parse(output, command) must
return `expected` (a case may name another callable as "parser": "module:function"). The
outputs are real: Debian's packaged files and the output of real tools run in a network
namespace. A second set of tests re-derives key facts independently (ssh-keygen, sshd -T).
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from auditor.collect.parsers import accounts, sshd, sudoers

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = sorted(p for p in GOLDEN.glob("*/*.json"))


def _parser(case: dict[str, Any], directory: str) -> Callable[..., Any]:
    module_name, _, func = case.get("parser", f"auditor.collect.parsers.{directory}:parse").partition(":")
    return getattr(importlib.import_module(module_name), func or "parse")  # type: ignore[no-any-return]


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 20
    for parser in ("sshd", "accounts", "sudoers", "ss", "nftables", "iptables", "ufw"):
        assert list((GOLDEN / parser).glob("*.json")), parser


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden(path: Path) -> None:
    case = json.loads(path.read_text())
    got = _parser(case, path.parent.name)(case["output"], case["command"])
    assert json.loads(json.dumps(got)) == case["expected"]


def _expected(parser: str, name: str) -> Any:
    return json.loads((GOLDEN / parser / f"{name}.json").read_text())["expected"]


def test_fingerprints_match_ssh_keygen(tmp_path: Path) -> None:
    case = json.loads((GOLDEN / "accounts" / "authorized_keys_ssh_keygen_generated.json").read_text())
    keys = [k for k in case["expected"]["authorized_keys"] if k["fingerprint_sha256"]]
    (tmp_path / "ak").write_text(case["output"])
    listed = subprocess.run(["ssh-keygen", "-lf", str(tmp_path / "ak")], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    assert [(int(line.split()[0]), line.split()[1]) for line in listed] == [
        (k["bits"], k["fingerprint_sha256"]) for k in keys]
    assert [k["type"] for k in case["expected"]["authorized_keys"]][-1] == "invalid"
    assert "AAAA" not in json.dumps(case["expected"])  # no key material kept


def test_shadow_states_without_hashes() -> None:
    shadow = _expected("accounts", "shadow_every_state_and_scheme")["shadow"]
    assert {n: (s["password_state"], s["hash_scheme"]) for n, s in shadow.items()} == {
        "root": ("no_password", "none"), "daemon": ("no_password", "none"), "alice": ("usable", "yescrypt"),
        "bob": ("usable", "sha512"), "carol": ("locked", "sha256"), "dave": ("usable", "md5"),
        "erin": ("usable", "des"), "kiosk": ("empty", "none"), "newuser": ("no_password", "none"),
        "svc": ("no_password", "none"),
    }
    assert "$6$" not in json.dumps(shadow)


def test_debian_sudoers_rules() -> None:
    parsed = _expected("sudoers", "debian12_sudo_package_sudoers")
    rules = {(r["principal"], r["principal_type"], r["runas"], tuple(r["commands"]), r["authenticate"])
             for r in parsed["rules"]}
    assert rules == {("root", "user", "ALL:ALL", ("ALL",), True),
                     ("sudo", "group", "ALL:ALL", ("ALL",), True)}
    assert {d["name"] for d in parsed["defaults"]} >= {"env_reset", "use_pty", "secure_path"}
    assert parsed["includes"] == [{"file": "/etc/sudoers", "line": parsed["includes"][0]["line"],
                                   "kind": "includedir", "path": "/etc/sudoers.d"}]


def test_sudo_example_aliases_and_tags() -> None:
    rules = _expected("sudoers", "sudo_package_example_sudoers")["rules"]
    by = {(r["principal"], r["line"]): r for r in rules}
    millert = next(r for (p, _), r in by.items() if p == "millert")
    assert millert["nopasswd"] and not millert["authenticate"]  # FULLTIMERS NOPASSWD and Defaults:millert
    fred = next(r for (p, _), r in by.items() if p == "fred")
    assert fred["runas"] == "oracle,sybase" and fred["nopasswd"]
    jill = next(r for (p, _), r in by.items() if p == "jill")
    assert "!/usr/bin/su" in jill["commands"] and "!/usr/local/bin/zsh" in jill["commands"]


def _sshd_t(config: Path, tmp_path: Path) -> str:
    """Real `sshd -T` in a private mount namespace (its /run/sshd check must not touch the host)."""
    key = tmp_path / "hostkey"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    sshd_bin = shutil.which("sshd", path="/usr/sbin:/usr/bin:/sbin")
    assert sshd_bin, "openssh-server must be installed (scripts/install-test-system.sh)"
    script = f"mount -t tmpfs tmpfs /run && mkdir /run/sshd && {sshd_bin} -T -f {config} -h {key}"
    out = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, check=True)
    return out.stdout


@pytest.mark.parametrize("name", ["debian12_packaged_sshd_config", "hardened_config_with_match_blocks"])
def test_file_fallback_equals_real_sshd_T(name: str, tmp_path: Path) -> None:
    case = json.loads((GOLDEN / "sshd" / f"{name}.json").read_text())
    config = tmp_path / "sshd_config"
    # Includes are expanded by the collector, not the pure parser: test the main file alone.
    lines = [line for line in case["output"].splitlines() if not line.startswith("Include")]
    config.write_text("\n".join(lines))
    real = sshd.parse_sshd_t(_sshd_t(config, tmp_path))
    parsed = sshd.evaluate(sshd.tokenize(config.read_text(), str(config)))["effective"]
    real.pop("hostkey")
    parsed.pop("hostkey")
    assert parsed == real


def test_match_block_equals_sshd_T_C() -> None:
    files = json.loads((GOLDEN / "sshd" / "hardened_config_with_match_blocks.json").read_text())["expected"]
    tested = _expected("sshd", "sshd_T_C_match_address")["effective"]
    block = next(b for b in files["match_blocks"] if b["criteria"].startswith("Address"))
    assert sshd.connection_spec(block["criteria"]) == "addr=192.168.0.1,host=localhost,user=nobody"
    assert {k: v for k, v in block["effective"].items() if k != "hostkey"} == {
        k: v for k, v in tested.items() if k != "hostkey"}


def test_authorized_keys_options_are_names_only() -> None:
    key = "AAAAC3NzaC1lZDI1NTE5AAAAIJg+T7al+89bv9NUU8kreSapEe6vI5IjL9heERKsvygv"
    keys = accounts.parse_authorized_keys(f'from="10.0.0.1",command="/bin/echo a, b" ssh-ed25519 {key} c')
    assert keys[0]["options"] == ["command", "from"] and keys[0]["bits"] == 256


def test_sudoers_split_respects_escapes() -> None:
    assert sudoers.split_list(r"/sbin/mount -o nosuid\,nodev /dev/cd0a, /bin/ls") == [
        "/sbin/mount -o nosuid,nodev /dev/cd0a", "/bin/ls"]


def test_ufw_status_and_its_iptables_chains() -> None:
    status = _expected("ufw", "ufw_status_verbose_active_with_rules")
    assert (status["status"], status["default_incoming"]) == ("active", "deny")
    assert {(r["to"], r["action"], r["from"], r["v6"]) for r in status["rules"]} >= {
        ("22/tcp", "allow in", "10.0.0.0/8", False), ("3306/tcp", "deny in", "Anywhere", True)}
    v4 = _expected("iptables", "ufw_enabled_iptables_save")
    assert v4["input_policy"] == "drop"
    user = {(a["proto"], a["dport"], tuple(a["src_cidrs"]))
            for a in v4["effective_allow"] if a["dport"] in (22, 443)}
    assert user == {("tcp", 22, ("10.0.0.0/8",)), ("tcp", 443, ("0.0.0.0/0",))}  # through ufw-user-input
    assert not [a for a in v4["effective_allow"] if a["dport"] == 3306]  # DROP is not an allow
