"""Real OpenSSH sshd instances on loopback, for the SSH tests and the fleet benchmark.

Each "host" is its own `sshd -D` on a free 127.0.0.1 port with its own host key. A host may
run in a private mount namespace where chosen files are bind-mounted over the machine's
(its own /etc/ssh/sshd_config, passwd, sudoers.d...), so commands and file reads over SSH
see a different host. Needs root (namespaces, privilege separation) and openssh-server.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

SSHD = "/usr/sbin/sshd"
# Mount the (src, dst) pairs, then exec sshd; argv carries the paths, so nothing is quoted.
_BIND_SCRIPT = 'while [ "$1" != -- ]; do mount --bind "$1" "$2" || exit 1; shift 2; done; shift; exec "$@"'


def _die_with_parent() -> None:
    # A killed test or benchmark must not leave servers behind (PR_SET_PDEATHSIG = 1).
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def keygen(path: Path, comment: str = "dpp-auditor-test") -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
                   check=True, stdin=subprocess.DEVNULL)
    return path


@dataclass
class SshdHost:
    name: str
    port: int
    directory: Path
    host_key: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def host_key_line(self) -> str:
        """known_hosts line for this host as paramiko and OpenSSH write it."""
        kind, b64 = self.host_key.with_suffix(".pub").read_text().split()[:2]
        return f"[127.0.0.1]:{self.port} {kind} {b64}"

    @property
    def address(self) -> str:
        return f"ssh://root@127.0.0.1:{self.port}"


@dataclass
class SshdLab:
    """Owns a temp directory, one client key, a known_hosts file and any number of hosts."""

    root: Path
    hosts: list[SshdHost] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation dir
        self.client_key = keygen(self.root / "client_key")
        self.keys_dir = self.root / "authorized_keys"
        self.keys_dir.mkdir(exist_ok=True)
        self.authorize("root")
        self.known_hosts = self.root / "known_hosts"

    def authorize(self, user: str, key: Path | None = None) -> None:
        """Let `user` in with the lab client key (AuthorizedKeysFile is keys_dir/%u)."""
        pub = (key or self.client_key).with_suffix(".pub").read_text()
        (self.keys_dir / user).write_text(pub)

    def sshd_config(self, host: SshdHost, extra: str) -> str:
        return "\n".join([
            f"Port {host.port}", "ListenAddress 127.0.0.1", f"HostKey {host.host_key}",
            f"PidFile {host.directory / 'sshd.pid'}", f"AuthorizedKeysFile {self.keys_dir}/%u",
            "PermitRootLogin prohibit-password", "PasswordAuthentication no",
            "KbdInteractiveAuthentication no", "StrictModes no", "UsePAM no",
            "Subsystem sftp internal-sftp", "LogLevel ERROR", "MaxStartups 200", extra, "",
        ])

    def stock_root_profile(self) -> dict[str, Path]:
        """Binds hiding this machine's /root/.bashrc (sshd runs every command through the
        user's shell, which reads it): a simulated host starts commands like a stock one."""
        if not Path("/root/.bashrc").is_file():
            return {}
        empty = self.root / "empty_bashrc"
        empty.touch()
        return {"/root/.bashrc": empty}

    def prepare(self, name: str, extra: str = "", binds: dict[str, Path] | None = None) -> SshdHost:
        directory = self.root / "hosts" / name
        directory.mkdir(parents=True)
        host = SshdHost(name, free_port(), directory, keygen(directory / "host_key", name))
        config = directory / "sshd_config"
        config.write_text(self.sshd_config(host, extra))
        argv = [SSHD, "-D", "-e", "-f", str(config)]
        if binds is not None:
            # The host's own config is also its /etc/ssh/sshd_config, so `sshd -T` run over
            # SSH reports the configuration this very instance serves.
            pairs = [str(p) for dst, src in {"/etc/ssh/sshd_config": config, **binds}.items()
                     for p in (src, dst)]
            argv = ["unshare", "--mount", "--propagation", "private", "--",
                    "sh", "-c", _BIND_SCRIPT, "sh", *pairs, "--", SSHD, "-D", "-e"]
        log = open(directory / "sshd.log", "wb")  # noqa: SIM115 - closed with the process
        host.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        log.close()
        self.hosts.append(host)
        return host

    def start(self, name: str, extra: str = "", binds: dict[str, Path] | None = None) -> SshdHost:
        host = self.prepare(name, extra, binds)
        self.wait_ready([host])
        return host

    def wait_ready(self, hosts: list[SshdHost], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        for host in hosts:
            while True:
                assert host.proc is not None
                if host.proc.poll() is not None:
                    log = (host.directory / "sshd.log").read_text(errors="replace")
                    raise RuntimeError(f"sshd {host.name} exited: {log.strip()}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", host.port), 0.2):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"sshd {host.name} not listening on {host.port}")
                time.sleep(0.02)

    def trust(self, hosts: list[SshdHost], path: Path | None = None) -> Path:
        """Write a known_hosts file holding these hosts' keys."""
        path = path or self.known_hosts
        path.write_text("".join(h.host_key_line + "\n" for h in hosts))
        return path

    def stop(self) -> None:
        for host in self.hosts:
            if host.proc is not None and host.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(host.proc.pid, signal.SIGTERM)
        for host in self.hosts:
            if host.proc is None:
                continue
            try:
                host.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(host.proc.pid, signal.SIGKILL)
                host.proc.wait()
        self.hosts.clear()

    def __enter__(self) -> SshdLab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
