"""SshTransport against real sshd instances: commands, files, host keys, auth, timeouts."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from auditor.collect.transports.ssh import SshTransport, sudo_allowed
from auditor.errors import TransportError
from auditor.models import ErrorKind, Target, TargetKind
from auditor.targets import parse_target_uri

from .conftest import AUDIT_UID, AUDIT_USER, Fleet


def transport(uri: str, settings: dict[str, Any], **kw: Any) -> SshTransport:
    return SshTransport(parse_target_uri(uri), settings, **kw)


def failure(tr: SshTransport, argv: list[str] | None = None, timeout: float = 10.0) -> TransportError:
    with pytest.raises(TransportError) as info:
        tr.run(argv or ["true"], timeout)
    return info.value


def test_commands_keep_argv_exit_status_and_streams(fleet: Fleet) -> None:
    tr = transport(fleet.alpha.address, fleet.settings())
    try:
        tricky = "a b; echo $HOME 'q' \"d\" `x`"
        result = tr.run(["printf", "%s|", tricky, "*"], 10)
        assert result.text == f"{tricky}|*|"
        failed = tr.run(["sh", "-c", "echo out; echo err >&2; exit 3"], 10)
        assert (failed.returncode, failed.stdout, failed.stderr) == (3, b"out\n", b"err\n")
        assert tr.run(["sh", "-c", "echo $LC_ALL"], 10).text == "C\n"
        assert tr.which("sshd") == "/usr/sbin/sshd"
        assert tr.which("no-such-command-here") is None
        missing = failure(tr, ["no-such-command-here"])
        assert missing.kind == ErrorKind.unsupported
    finally:
        tr.close()


def test_hosts_differ_by_their_own_namespaced_files(fleet: Fleet) -> None:
    seen = {}
    for host in (fleet.alpha, fleet.beta):
        tr = transport(host.address, fleet.settings())
        try:
            seen[host.name] = tr.run(["sshd", "-T"], 10).text
            passwd = (tr.read_file("/etc/passwd") or b"").decode()
            assert (f"{AUDIT_USER}:" in passwd) == (host is fleet.beta)
        finally:
            tr.close()
    assert "maxauthtries 3" in seen["alpha"].splitlines()
    assert "maxauthtries 5" in seen["beta"].splitlines()
    assert f"port {fleet.alpha.port}" in seen["alpha"].splitlines()


def test_files_over_sftp(fleet: Fleet) -> None:
    tr = transport(fleet.alpha.address, fleet.settings())
    try:
        assert tr.read_file("/etc/hostname") == Path("/etc/hostname").read_bytes()
        assert tr.read_file("/etc/passwd", max_bytes=10) == Path("/etc/passwd").read_bytes()[:10]
        assert tr.read_file("/nonexistent/file") is None
        assert tr.read_file("/etc") is None
        st = tr.stat("/etc/shadow")
        local = os.stat("/etc/shadow")
        assert st is not None
        assert (st.mode, st.uid, st.gid) == (local.st_mode & 0o7777, local.st_uid, local.st_gid)
        assert st.owner == "root" and not st.is_dir
        etc = tr.stat("/etc")
        assert etc is not None and etc.is_dir
        assert tr.stat("/nonexistent") is None
        assert tr.list_dir("/etc/ssh") == sorted(os.listdir("/etc/ssh"))
        assert tr.list_dir("/nonexistent") is None
    finally:
        tr.close()


def test_changed_host_key_is_an_error_naming_both_fingerprints(fleet: Fleet) -> None:
    for accept in (False, True):  # opting in to new keys never accepts a changed one
        tr = transport(fleet.epsilon.address, fleet.settings(accept_new_host_keys=accept))
        err = failure(tr)
        assert err.kind == ErrorKind.host_key
        assert f"127.0.0.1:{fleet.epsilon.port}" in err.message and "CHANGED" in err.message
        assert err.message.count("SHA256:") == 2
        assert str(fleet.epsilon.port) in tr.target.id and err.message.startswith(tr.target.id)


def test_unknown_host_is_rejected_unless_new_keys_are_accepted(fleet: Fleet, tmp_path: Path) -> None:
    known = tmp_path / "kh" / "known_hosts"
    strict = transport(fleet.alpha.address, fleet.settings(known_hosts_file=str(known)))
    err = failure(strict)
    assert err.kind == ErrorKind.host_key and "not in" in err.message
    assert not known.exists()
    accepting = transport(fleet.alpha.address,
                          fleet.settings(known_hosts_file=str(known), accept_new_host_keys=True))
    assert accepting.run(["true"], 10).returncode == 0
    accepting.close()
    assert known.read_text() == fleet.alpha.host_key_line + "\n"
    again = transport(fleet.alpha.address, fleet.settings(known_hosts_file=str(known)))
    assert again.run(["true"], 10).returncode == 0
    again.close()


def test_host_refusing_authentication_is_auth(fleet: Fleet) -> None:
    err = failure(transport(fleet.delta.address, fleet.settings()))
    assert err.kind == ErrorKind.auth and "root" in err.message


def test_unauthorised_key_is_auth(fleet: Fleet, tmp_path: Path) -> None:
    from auditor.bench.sshd_lab import keygen

    stranger = keygen(tmp_path / "stranger")
    err = failure(transport(fleet.alpha.address, fleet.settings(identity_file=str(stranger))))
    assert err.kind == ErrorKind.auth


def test_refused_and_unresolvable_are_connectivity(fleet: Fleet, closed_port: int) -> None:
    refused = failure(transport(f"ssh://root@127.0.0.1:{closed_port}", fleet.settings()))
    assert refused.kind == ErrorKind.connectivity and "connection refused" in refused.message
    assert refused.message.startswith(f"127.0.0.1:{closed_port}:")
    dns = failure(transport("ssh://root@host.invalid", fleet.settings()))
    assert dns.kind == ErrorKind.connectivity and "host.invalid" in dns.message


def test_a_failed_host_fails_fast_afterwards(fleet: Fleet, closed_port: int) -> None:
    tr = transport(f"ssh://root@127.0.0.1:{closed_port}", fleet.settings())
    first = failure(tr)
    started = time.monotonic()
    assert failure(tr).message == first.message
    with pytest.raises(TransportError):
        tr.read_file("/etc/hostname")
    assert time.monotonic() - started < 1


def test_command_hanging_past_the_deadline_is_timeout_and_killed(fleet: Fleet) -> None:
    tr = transport(fleet.alpha.address, fleet.settings())
    marker = f"{time.time_ns() % 10**9}"
    try:
        started = time.monotonic()
        err = failure(tr, ["sleep", f"30.{marker}"], timeout=2.0)
        elapsed = time.monotonic() - started
        assert err.kind == ErrorKind.timeout and "sleep" in err.message
        assert 1.9 <= elapsed < 4
        time.sleep(2.5)  # the remote `timeout` ends it at most a second or two later
        ps = subprocess.run(["pgrep", "-f", f"sleep 30.{marker}"], capture_output=True, text=True)
        assert ps.stdout == ""
        assert tr.run(["echo", "still usable"], 10).text == "still usable\n"
    finally:
        tr.close()


def test_silent_server_times_out_within_the_deadline(fleet: Fleet, silent_port: int) -> None:
    tr = transport(f"ssh://root@127.0.0.1:{silent_port}", fleet.settings(connect_timeout_s=1.0))
    started = time.monotonic()
    err = failure(tr, timeout=10)
    assert err.kind == ErrorKind.timeout
    assert time.monotonic() - started < 3
    started = time.monotonic()  # the host used its whole connect budget: later units fail at once
    assert failure(tr, timeout=10).kind == ErrorKind.timeout
    assert time.monotonic() - started < 0.5


def test_proxyjump_through_a_bastion_alias(fleet: Fleet) -> None:
    target = parse_target_uri("ssh://gamma")
    assert (target.id, target.address) == ("gamma", "ssh://gamma")
    tr = SshTransport(target, fleet.settings())
    try:
        assert [h.port for h in tr.jumps] == [fleet.alpha.port]
        assert tr.endpoint.port == fleet.gamma.port
        # gamma is the machine itself, not alpha's namespace: its sshd -T shows its own config file
        assert "maxauthtries 3" not in tr.run(["sshd", "-T"], 10).text.splitlines()
        assert tr.read_file("/etc/hostname") == Path("/etc/hostname").read_bytes()
    finally:
        tr.close()


def test_bastion_failures_name_the_jump_host(fleet: Fleet) -> None:
    err = failure(transport("ssh://behind-impostor", fleet.settings()))
    assert err.kind == ErrorKind.host_key
    assert err.message.startswith(f"behind-impostor (via jump host 127.0.0.1:{fleet.epsilon.port}): ")
    unknown = failure(transport("ssh://gamma", fleet.settings(known_hosts_file=str(fleet.root / "none"))))
    assert unknown.kind == ErrorKind.host_key and "is not in" in unknown.message
    assert unknown.message.startswith(f"gamma (via jump host bastion:{fleet.alpha.port}): ")


def test_ssh_config_alias_sets_user_port_and_identity(fleet: Fleet) -> None:
    tr = transport("ssh://beta-alias", {"ssh": {"known_hosts_file": str(fleet.lab.known_hosts),
                                                "ssh_config_file": str(fleet.ssh_config)}})
    try:
        assert tr.run(["id", "-u"], 10).text.strip() == str(AUDIT_UID)
    finally:
        tr.close()


def test_sudo_allow_list_and_denial(fleet: Fleet) -> None:
    target = Target(id="beta-sudo", kind=TargetKind.host, address=f"ssh://{AUDIT_USER}@127.0.0.1:{fleet.beta.port}")
    tr = SshTransport(target, fleet.settings(), sudo_allow_list=["id -u", "cat /etc/shadow"])
    assert tr.run(["id", "-u"], 10).text.strip() == str(AUDIT_UID)
    assert tr.run(["id", "-u"], 10, sudo=True).text.strip() == "0"
    assert "sudo -n -- id -u" in tr.command_line(["id", "-u"], True)
    assert tr.run(["cat", "/etc/shadow"], 10).returncode == 1  # no sudo: cat itself is refused
    with pytest.raises(TransportError) as info:
        tr.run(["cat", "/etc/shadow"], 10, sudo=True)  # allow-listed here, refused by sudoers
    assert info.value.kind == ErrorKind.permission and "sudo denied" in info.value.message
    with pytest.raises(TransportError) as outside:
        tr.run(["whoami"], 10, sudo=True)  # never sent: not in the allow-list
    assert outside.value.kind == ErrorKind.permission and "allow-list" in outside.value.message
    with pytest.raises(TransportError) as unreadable:
        tr.read_file("/etc/shadow")
    assert unreadable.value.kind == ErrorKind.permission
    tr.close()


def test_sudo_allow_list_matching() -> None:
    entry = "sshd -T -C user=U,host=H,addr=A"
    assert sudo_allowed(["sshd", "-T", "-C", "user=root,host=example.org,addr=192.0.2.1"], entry)
    assert not sudo_allowed(["sshd", "-T", "-C", "user=root,host=h,addr=a,x=y"], entry)
    assert sudo_allowed(["cat", "/etc/sudoers.d/README"], "cat /etc/sudoers.d/*")
    assert not sudo_allowed(["cat", "/etc/sudoers.d/../shadow"], "cat /etc/sudoers.d/*")
    assert not sudo_allowed(["cat", "/etc/shadow", "/etc/gshadow"], "cat /etc/shadow")


def test_agent_authentication(fleet: Fleet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sock = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if sock.exists():
                break
            time.sleep(0.02)
        env = {**os.environ, "SSH_AUTH_SOCK": str(sock)}
        subprocess.run(["ssh-add", "-q", str(fleet.lab.client_key)], env=env, check=True,
                       stderr=subprocess.DEVNULL)
        monkeypatch.setenv("SSH_AUTH_SOCK", str(sock))
        monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.ssh keys to fall back on
        tr = transport(fleet.alpha.address, {"ssh": {"known_hosts_file": str(fleet.lab.known_hosts)}})
        assert tr.run(["true"], 10).returncode == 0
        tr.close()
    finally:
        agent.terminate()
        agent.wait()


def test_one_connection_shared_by_concurrent_units(fleet: Fleet, monkeypatch: pytest.MonkeyPatch) -> None:
    tr = transport(fleet.alpha.address, fleet.settings())
    connects = []
    real = tr._connect_chain

    def counting(deadline: float) -> Any:
        connects.append(threading.get_ident())
        return real(deadline)

    monkeypatch.setattr(tr, "_connect_chain", counting)

    def unit(i: int) -> tuple[str, bytes | None]:
        return tr.run(["echo", str(i)], 20).text, tr.read_file("/etc/hostname")

    try:
        with ThreadPoolExecutor(12) as pool:
            results = list(pool.map(unit, range(24)))
    finally:
        tr.close()
    assert [r[0] for r in results] == [f"{i}\n" for i in range(24)]
    assert {r[1] for r in results} == {Path("/etc/hostname").read_bytes()}
    assert len(connects) == 1


def test_dropped_connection_is_reopened_for_the_next_command(fleet: Fleet) -> None:
    tr = transport(fleet.alpha.address, fleet.settings())
    try:
        assert tr.run(["true"], 10).returncode == 0
        # sh <- timeout <- sshd root@notty, the process serving this connection
        kill_session = 'read -r _ _ _ s _ < /proc/$PPID/stat; kill -9 "$s"; sleep 5'
        with pytest.raises(TransportError) as info:
            tr.run(["sh", "-c", kill_session], 10)
        assert info.value.kind == ErrorKind.connectivity and "connection lost" in info.value.message
        assert tr.run(["echo", "back"], 10).text == "back\n"
        assert tr.read_file("/etc/hostname") == Path("/etc/hostname").read_bytes()
    finally:
        tr.close()


def test_host_allowing_one_session_at_a_time(fleet: Fleet) -> None:
    tr = transport(fleet.zeta.address, fleet.settings())

    def unit(i: int) -> tuple[str, bytes | None]:
        return tr.run(["echo", str(i)], 20).text, tr.read_file("/etc/hostname")

    try:
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(unit, range(8)))
    finally:
        tr.close()
    assert [r[0] for r in results] == [f"{i}\n" for i in range(8)]
    assert {r[1] for r in results} == {Path("/etc/hostname").read_bytes()}
