"""The four host collectors against this real machine (LocalTransport), inside a network
namespace with a real nftables ruleset, and against a root filesystem tree (RootfsTransport)."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.collect.transports.local import LocalTransport
from auditor.collect.transports.rootfs import RootfsTransport
from auditor.errors import NotApplicable, TransportError
from auditor.models import Evidence, Target
from tests.clock import NOW
from tests.collectors.rego import POLICIES

HOST_COLLECTORS = ("host.sshd", "host.accounts", "host.listening", "host.firewall")
ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


def _collect(target: Target, ids: tuple[str, ...] = HOST_COLLECTORS) -> dict[str, Evidence]:
    specs = load_specs()
    units = [Unit(specs[i], target) for i in ids]
    evidence = run_units(units, lambda t: transport_for(t, {}), None, RunnerOptions())
    return {e.collector: e for e in evidence}


@pytest.fixture(scope="module")
def local() -> dict[str, Evidence]:
    return _collect(Target(id="local", kind="host", address="local"))


def test_local_evidence_is_collected(local: dict[str, Evidence]) -> None:
    for cid in HOST_COLLECTORS:
        assert local[cid].status == "collected", (cid, local[cid].error)
        assert local[cid].provenance.transport == "local"


def test_local_sshd(local: dict[str, Evidence]) -> None:
    data = local["host.sshd"].data
    assert data["installed"] is True
    assert data["method"] in ("sshd -T", "files")
    assert data["method"] == "sshd -T" or data["method_reason"]
    eff = data["effective"]
    assert eff["permitrootlogin"] in ("yes", "no", "without-password", "forced-commands-only")
    assert isinstance(eff["maxauthtries"], int) and isinstance(eff["allowusers"], list)
    main = next(f for f in data["config_files"] if f["path"] == "/etc/ssh/sshd_config")
    assert main["mode"] == f"{os.stat('/etc/ssh/sshd_config').st_mode & 0o7777:04o}"
    assert main["owner"] == pwd.getpwuid(os.stat("/etc/ssh/sshd_config").st_uid).pw_name


def test_local_accounts(local: dict[str, Evidence]) -> None:
    data = local["host.accounts"].data
    names = [u["name"] for u in data["users"]]
    assert names == [p.split(":")[0] for p in Path("/etc/passwd").read_text().splitlines() if p]
    root = next(u for u in data["users"] if u["name"] == "root")
    assert root["uid"] == 0 and root["password_state"] in ("no_password", "locked", "usable", "empty")
    text = json.dumps(data)
    assert "$6$" not in text and "$y$" not in text and "gecos" not in text
    assert data["sudoers"]["present"] == Path("/etc/sudoers").exists()
    if data["sudoers"]["present"]:
        assert any(r["principal"] == "root" for r in data["sudoers"]["rules"])
        assert data["sudoers"]["files"][0] == {"path": "/etc/sudoers", "mode": "0440", "owner": "root",
                                               "group": "root"}


def test_local_listening_sees_our_socket() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        target = Target(id="local", kind="host", address="local")
        data = _collect(target, ("host.listening",))["host.listening"].data
    mine = [x for x in data["listening_sockets"] if x["port"] == port]
    assert mine and mine[0]["pid"] == os.getpid() and mine[0]["is_loopback"] and mine[0]["proto"] == "tcp"
    assert data["method"] == "psutil"


class _RemoteLike(LocalTransport):
    """This machine seen the way the SSH transport sees a host: collectors take the ss path."""

    name = "ssh"


def test_ss_path_on_this_machine() -> None:
    from auditor.collect.base import CollectContext
    from auditor.collect.host.listening import ListeningCollector

    with socket.socket(socket.AF_INET6) as s:
        s.bind(("::1", 0))
        s.listen()
        port = s.getsockname()[1]
        ctx = CollectContext(now=NOW, target=Target(id="x", kind="host", address="local"), params={},
                         settings={},
                             deadline=time.monotonic() + 30, transport=_RemoteLike())
        data = ListeningCollector().collect(ctx)
    assert data["method"] == "ss -H -tulpn"
    mine = next(x for x in data["listening_sockets"] if x["port"] == port)
    assert (mine["family"], mine["local_address"], mine["is_loopback"], mine["pid"]) == ("ipv6", "::1", True,
                                                                                         os.getpid())
    assert ctx.provenance.commands == ["sudo ss -H -tulpn"]


def test_local_firewall_matches_the_kernel(local: dict[str, Evidence]) -> None:
    data = local["host.firewall"].data
    nft = json.loads(subprocess.run(["nft", "-j", "list", "ruleset"], capture_output=True, text=True,
                                    check=True, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}).stdout)
    hooks = [o for o in nft["nftables"] if o.get("chain", {}).get("hook") == "input"]
    if not hooks:
        assert data["backend"] == "none" and not data["active"]
        assert data["ipv4"] == {"input_policy": None, "has_final_drop": False}
    assert len(data["ruleset_sha256"]) == 64


def test_this_machine_fails_net1_and_gen4(local: dict[str, Evidence]) -> None:
    evidence = {cid: {"local": ev.data} for cid, ev in local.items()}
    doc = {"params": {"ssh_max_auth_tries": 4}, "evidence": evidence, "meta": {}, "targets": {}}
    net1 = POLICIES.findings("regorus", "NET-1", doc)["deny"]
    assert net1 == POLICIES.findings("opa", "NET-1", doc)["deny"]
    if local["host.firewall"].data["backend"] == "none":
        assert [f["check"] for f in net1] == ["NET-1.a"]
    gen4 = POLICIES.findings("regorus", "GEN-4", doc)["deny"]
    eff = local["host.sshd"].data["effective"]
    if eff["permitrootlogin"] != "no":
        source = "sshd -T" if local["host.sshd"].data["method"] == "sshd -T" else "config files"
        prefix = f"PermitRootLogin is {eff['permitrootlogin']} in "
        assert any(f["msg"].startswith(prefix) and source in f["msg"] for f in gen4)


def test_local_transport_basics(tmp_path: Path) -> None:
    t = LocalTransport()
    with pytest.raises(TransportError) as exc:
        t.run(["sleep", "5"], 0.2)
    assert exc.value.kind == "timeout"
    with pytest.raises(TransportError) as exc:
        t.run(["no-such-command-dpp"], 1)
    assert exc.value.kind == "unsupported"
    assert t.run(["sh", "-c", "echo $LC_ALL"], 5, sudo=True).text == "C\n"  # root: no sudo prefix
    (tmp_path / "big").write_bytes(b"x" * 10000)
    assert t.read_file(str(tmp_path / "big"), max_bytes=100) == b"x" * 100
    assert t.read_file(str(tmp_path / "missing")) is None and t.stat(str(tmp_path / "missing")) is None
    assert t.which("sshd") in ("/usr/sbin/sshd", "/sbin/sshd")


# --- a real nftables ruleset, in a network namespace of its own -------------------------

@pytest.fixture
def netns() -> Iterator[str]:
    name = f"dpp-{uuid.uuid4().hex[:8]}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        yield name
    finally:
        subprocess.run(["ip", "netns", "delete", name], check=False)


_COLLECT_IN_NETNS = """
import json, sys, time
from datetime import UTC, datetime
from auditor.collect.base import CollectContext
from auditor.collect.host.firewall import FirewallCollector
from auditor.collect.transports.local import LocalTransport
from auditor.models import Target
ctx = CollectContext(now=datetime(2026, 11, 27, 10, tzinfo=UTC),
                     target=Target(id="ns", kind="host", address="local"),
                     params={}, settings={},
                     deadline=time.monotonic() + 30, transport=LocalTransport())
print(json.dumps(FirewallCollector().collect(ctx)))
"""


def _firewall_in(netns: str) -> dict[str, Any]:
    out = subprocess.run(["ip", "netns", "exec", netns, sys.executable, "-c", _COLLECT_IN_NETNS],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_firewall_in_namespace_nftables(netns: str, tmp_path: Path) -> None:
    ruleset = json.loads((GOLDEN / "ufw" / "hardened_nftables_conf.json").read_text())["output"]
    (tmp_path / "fw.nft").write_text(ruleset)
    subprocess.run(["ip", "netns", "exec", netns, "nft", "-f", str(tmp_path / "fw.nft")], check=True)
    data = _firewall_in(netns)
    assert (data["backend"], data["active"]) == ("nftables", True)
    assert data["ipv4"] == {"input_policy": "drop", "has_final_drop": True} == data["ipv6"]
    ssh = [a for a in data["effective_allow"] if a["dport"] == 22 and a["family"] == "ipv4"]
    assert ssh[0]["src_cidrs"] == ["10.20.0.0/16", "192.0.2.10/32"]
    pg = [a for a in data["effective_allow"] if a["dport"] == 5432]
    assert pg[0]["src_cidrs"] == ["0.0.0.0/0"]


def test_firewall_in_namespace_iptables(netns: str) -> None:
    ipt = ["ip", "netns", "exec", netns, "iptables"]
    subprocess.run([*ipt, "-P", "INPUT", "DROP"], check=True)
    for rule in (["-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"],
                 ["-p", "tcp", "-m", "multiport", "--dports", "80,443", "-j", "ACCEPT"]):
        subprocess.run([*ipt, "-A", "INPUT", *rule], check=True)
    data = _firewall_in(netns)
    assert data["backend"] == "iptables" and data["ipv4"]["input_policy"] == "drop"
    assert data["ipv6"]["input_policy"] in (None, "accept")
    allows = {(a["family"], a["proto"], a["dport"]) for a in data["effective_allow"]}
    assert allows == {("ipv4", "tcp", 80), ("ipv4", "tcp", 443)}  # established is return traffic


# --- a root filesystem tree -------------------------------------------------------------

@pytest.fixture(scope="module")
def rootfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rootfs")
    etc = root / "etc"
    (etc / "ssh" / "sshd_config.d").mkdir(parents=True)
    shutil.copy("/etc/ssh/sshd_config", etc / "ssh" / "sshd_config")  # Debian's packaged file
    (etc / "ssh" / "sshd_config.d" / "10-harden.conf").write_text(
        "PermitRootLogin no\nPasswordAuthentication no\nAllowGroups sshusers\n")
    (etc / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n"
                                "alice:x:1000:1000:Alice A:/home/alice:/bin/bash\n"
                                "svc:x:998:998::/nonexistent:/usr/sbin/nologin\n")
    (etc / "group").write_text("root:x:0:\nsudo:x:27:alice\nalice:x:1000:\nsshusers:x:1001:alice\n"
                               "svc:x:998:\n")
    (etc / "shadow").write_text("root:*:20400:0:99999:7:::\nalice:$y$j9T$F5Jx5fExrKuJdvTkMNAOf/$vabtYK08/UjC/"
                                "RDCTzvHKnpzMskegVDV4wfMvH90.B5:20410:0:99999:7:::\nsvc:!:20400::::::\n")
    (etc / "hostname").write_text("image1\n")
    (etc / "sudoers.d").mkdir()
    (etc / "sudoers").write_text(json.loads((GOLDEN / "sudoers" / "debian12_sudo_package_sudoers.json")
                                            .read_text())["output"])
    (etc / "sudoers.d" / "alice").write_text("alice ALL=(ALL) NOPASSWD: ALL\n")
    (etc / "sudoers.d" / "alice.dpkg-old").write_text("bob ALL=(ALL) ALL\n")  # sudo skips names with a dot
    ak = json.loads((GOLDEN / "accounts" / "authorized_keys_ssh_keygen_generated.json").read_text())["output"]
    (root / "home" / "alice" / ".ssh").mkdir(parents=True)
    (root / "home" / "alice" / ".ssh" / "authorized_keys").write_text(ak)
    (root / "root").mkdir()
    os.symlink("/etc/shadow", root / "root" / "escape")  # absolute: must stay inside the image
    os.symlink("../../../../../../etc/passwd", root / "home" / "alice" / "up")
    (root / "usr" / "sbin").mkdir(parents=True)
    shutil.copy("/bin/true", root / "usr" / "sbin" / "sshd")
    for table in ("protocols", "services"):  # nft resolves the names of nftables.conf through them
        shutil.copy(f"/etc/{table}", etc / table)
    (etc / "nftables.conf").write_text(json.loads((GOLDEN / "ufw" / "hardened_nftables_conf.json")
                                                  .read_text())["output"])
    wants = etc / "systemd" / "system" / "sysinit.target.wants"
    wants.mkdir(parents=True)
    os.symlink("/lib/systemd/system/nftables.service", wants / "nftables.service")
    return root


def test_rootfs_symlinks_stay_inside(rootfs: Path) -> None:
    t = RootfsTransport(rootfs)
    assert t.read_file("/root/escape") == (rootfs / "etc" / "shadow").read_bytes()
    assert t.read_file("/home/alice/up") == (rootfs / "etc" / "passwd").read_bytes()
    assert t.host_path("/../../etc/passwd") == rootfs.resolve() / "etc" / "passwd"
    st = t.stat("/home/alice/.ssh/authorized_keys")
    # Names come from the image's passwd, not the host's.
    assert st is not None and st.owner == {0: "root", 1000: "alice"}.get(os.getuid(), str(os.getuid()))
    with pytest.raises(NotApplicable):
        t.run(["id"], 1)
    assert t.which("sshd") == "/usr/sbin/sshd" and t.which("nft") is None


def test_rootfs_collectors(rootfs: Path) -> None:
    ev = _collect(Target(id="image1", kind="host", address=f"rootfs:{rootfs}"))
    listening = ev["host.listening"]  # sockets cannot be known there: an error, never a pass
    assert listening.status == "error" and listening.error is not None
    assert "mounted root filesystem" in listening.error.message
    sshd = ev["host.sshd"].data
    assert ev["host.sshd"].status == "collected" and sshd["method"] == "files"
    assert sshd["effective"]["permitrootlogin"] == "no"  # first value wins: the Include comes first
    assert sshd["effective"]["x11forwarding"] == "yes"  # Debian's packaged value
    assert sshd["effective"]["allowgroups"] == ["sshusers"]
    assert [f["path"] for f in sshd["config_files"]] == ["/etc/ssh/sshd_config",
                                                         "/etc/ssh/sshd_config.d/10-harden.conf"]
    acc = ev["host.accounts"].data
    assert acc["hostname"] == "image1"
    alice = next(u for u in acc["users"] if u["name"] == "alice")
    state = (alice["password_state"], alice["hash_scheme"], alice["interactive"])
    assert state == ("usable", "yescrypt", True)
    assert alice["authorized_keys_count"] == 4
    assert "Alice A" not in json.dumps(acc)
    sudo_group = next(g for g in acc["groups"] if g["name"] == "sudo")
    assert sudo_group["members"] == ["alice"]
    assert [f["path"] for f in acc["sudoers"]["files"]] == ["/etc/sudoers", "/etc/sudoers.d/alice"]
    rule = next(r for r in acc["sudoers"]["rules"] if r["principal"] == "alice")
    assert rule["nopasswd"] and not rule["authenticate"]
    fw = ev["host.firewall"].data
    assert (fw["method"], fw["backend"], fw["enabled_at_boot"]) == ("boot configuration", "nftables", True)
    assert fw["ipv4"] == {"input_policy": "drop", "has_final_drop": True}


class _Recording(LocalTransport):
    """This machine through a transport that records every command a collector runs."""

    name = "ssh"

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[list[str], bool]] = []

    def run(self, argv: list[str], timeout: float, *, sudo: bool = False) -> Any:
        self.calls.append((list(argv), sudo))
        return super().run(argv, timeout, sudo=sudo)


@pytest.mark.parametrize("cid", HOST_COLLECTORS)
def test_sudo_commands_are_in_the_spec_allow_list(cid: str) -> None:
    """The SSH transport only runs, through sudo, what the collector specs list."""
    from auditor.collect.base import CollectContext
    from auditor.collect.transports.sudo_allow import allowed_by_any

    spec = load_specs()[cid]
    transport = _Recording()
    ctx = CollectContext(now=NOW, target=Target(id="x", kind="host", address="local"), params={},
                         settings={},
                         deadline=time.monotonic() + 30, transport=transport)
    spec.load_class()().collect(ctx)
    sudo_calls = [cmd for cmd, sudo in transport.calls if sudo]
    assert sudo_calls or cid == "host.accounts"  # root reads shadow directly
    for cmd in sudo_calls:
        assert not cmd[0].startswith("/"), cmd  # bare names: the remote PATH resolves them
        # the transport's own matcher: what passes here is what the transport sends
        assert allowed_by_any(cmd, spec.raw["sudo_commands"]), cmd


def _cmdline(pid: int | None) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return f"pid {pid} (gone)"


def test_ssh_and_local_agree(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The same machine through LocalTransport and through SSH (a real sshd on loopback)."""
    from auditor.bench.sshd_lab import SshdLab

    root = tmp_path_factory.mktemp("agree")
    root.chmod(0o755)
    with SshdLab(root / "lab") as lab, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        probe.listen()
        port = probe.getsockname()[1]
        host = lab.start("self", "MaxAuthTries 4")
        lab.trust([host])
        settings = {"ssh": {"identity_file": str(lab.client_key), "known_hosts_file": str(lab.known_hosts),
                            "connect_timeout_s": 5.0}}
        specs = load_specs()
        got = {}
        for target in (Target(id="l", kind="host", address="local"),
                       Target(id="s", kind="host", address=host.address)):
            evidence = run_units([Unit(specs[c], target) for c in HOST_COLLECTORS],
                                 lambda t: transport_for(t, settings), None, RunnerOptions())
            got[target.id] = {e.collector: e for e in evidence}
    for cid in ("host.sshd", "host.accounts", "host.firewall"):
        assert got["s"][cid].provenance.transport == "ssh"
        assert got["l"][cid].data == got["s"][cid].data, cid
    for side in ("l", "s"):
        sockets = got[side]["host.listening"].data["listening_sockets"]
        # address too: another process may hold the same port number on another address
        ours = [s["pid"] for s in sockets if (s["local_address"], s["port"]) == ("127.0.0.1", port)]
        assert len(ours) == 1, ours
        # ss names the first holder; a collector's subprocess caught between fork and exec holds
        # the socket for a moment, so a child of ours that is already gone counts as ours
        assert ours[0] == os.getpid() or not Path(f"/proc/{ours[0]}").exists(), _cmdline(ours[0])
