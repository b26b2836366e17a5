"""The SSH transport (paramiko): one connection per host, shared by that host's units.

Host keys are verified against known_hosts (RejectPolicy semantics by default); new keys are
accepted only on opt-in and a changed key is always an error. Commands go over exec
channels as shlex-quoted argv; files over one SFTP session, or over exec channels on hosts
without an SFTP subsystem (ssh_exec_files). paramiko's timeouts are per read,
so every command is also bounded here by the caller's overall deadline.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import math
import os
import re
import select
import shlex
import socket
import stat as statmod
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import paramiko

from auditor.collect.base import CommandResult, FileStat, Transport
from auditor.collect.transports import ssh_exec_files as xf
from auditor.collect.transports import sudo_allow
from auditor.collect.transports.ssh_settings import SshSettings, ssh_settings
from auditor.errors import TransportError
from auditor.models import ErrorKind, Target

_REMOTE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Resolves many names in one exec; prints "name<TAB>path" for each one found.
_WHICH_SCRIPT = 'for c do p=$(command -v -- "$c") && printf "%s\\t%s\\n" "$c" "$p"; done'
_COMMAND_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")
_SUDO_DENIED = ("a password is required", "is not in the sudoers", "not allowed to execute",
                "may not run sudo", "no tty present")
_MAX_OUTPUT = 64 * 1024 * 1024
_MAX_CHANNELS = 8  # below sshd's default MaxSessions (10), leaving room for SFTP
_POLL_S = 0.25
_KNOWN_HOSTS_LOCK = threading.Lock()  # several hosts may append new keys at once


@dataclass(frozen=True)
class Endpoint:
    """One SSH hop after ~/.ssh/config: where to connect, as whom, with which keys."""

    name: str  # the name as written (alias or host), used in messages
    hostname: str
    port: int
    user: str
    identity_files: tuple[str, ...]
    explicit_identity: bool

    @property
    def label(self) -> str:
        return self.name if self.port == 22 else f"{self.name}:{self.port}"


def split_ssh_address(address: str) -> tuple[str | None, str, int | None]:
    """`ssh://[user@]host[:port]` or `[user@]host[:port]` -> (user, host, port)."""
    text = address if address.startswith("ssh://") else f"ssh://{address}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise TransportError(ErrorKind.unsupported, f"invalid SSH address {address!r}: {exc}") from exc
    if not parts.hostname or parts.path not in ("", "/"):
        raise TransportError(ErrorKind.unsupported, f"invalid SSH address {address!r}",
                             hint="use ssh://[user@]host[:port]")
    return parts.username, parts.hostname, port


def spec_command_names() -> frozenset[str]:
    """First words of every spec's commands, resolved together by the first which()."""
    from auditor.collect.specs import load_specs

    words = {c.split()[0] for spec in load_specs().values()
             for c in (*spec.commands, *spec.sudo_commands) if c.split()}
    return frozenset(w for w in words if _COMMAND_NAME.fullmatch(w))


def default_sudo_allow_list() -> tuple[sudo_allow.Entry, ...]:
    """Every collector spec's sudo_commands: the only commands ever run through sudo."""
    return sudo_allow.spec_entries()


sudo_allowed = sudo_allow.allowed  # the one matcher (transport, tests, `dpp-auditor sudoers`)


class SudoRefused(TransportError):
    """A sudo command the transport refused to send (not allow-listed, or sudo is off)."""

    sent = False


class ChannelReader:
    """stdout of a running remote command as a file-like reader (read(n) blocks until data,
    EOF or the deadline); stderr is kept (first 64 KiB) for after the end."""

    def __init__(self, chan: paramiko.Channel, deadline: float,
                 on_timeout: Callable[[], TransportError]) -> None:
        self._chan, self._deadline, self._on_timeout = chan, deadline, on_timeout
        self.stderr = b""
        self.returncode = -1
        self.bytes = 0
        self.eof = False

    def _drain_stderr(self) -> None:
        while self._chan.recv_stderr_ready():
            chunk = self._chan.recv_stderr(65536)
            if len(self.stderr) < 65536:
                self.stderr += chunk

    def read(self, n: int = 65536) -> bytes:
        while True:
            self._drain_stderr()
            try:
                data: bytes = self._chan.recv(max(1, min(n, 1 << 20)))
            except TimeoutError:
                if time.monotonic() > self._deadline:
                    raise self._on_timeout() from None
                continue
            self.bytes += len(data)
            self.eof = self.eof or not data
            return data

    def finish(self, code: int) -> None:
        self._drain_stderr()
        self.returncode = code


class _NoSftp(Exception):
    """The host has no SFTP subsystem (internal: the file methods fall back to exec)."""


def _from_sftp(attrs: paramiko.SFTPAttributes) -> xf.Attrs:
    return xf.Attrs(attrs.st_mode or 0, attrs.st_uid or 0, attrs.st_gid or 0, attrs.st_size or 0)


@cache
def _ssh_config(path: str) -> paramiko.SSHConfig:
    return paramiko.SSHConfig.from_path(path)


class _HostKeyPolicy(paramiko.MissingHostKeyPolicy):
    """Called for keys absent from known_hosts: reject, or append when opted in.

    A host that is known with another key type is treated as a changed key, never added.
    """

    def __init__(self, known_hosts: Path, accept_new: bool, target_id: str) -> None:
        self.known_hosts = known_hosts
        self.accept_new = accept_new
        self.target_id = target_id

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey) -> None:
        known = client.get_host_keys().lookup(hostname)
        if known:
            theirs = ", ".join(f"{k.get_name()} {k.fingerprint}" for k in known.values())
            raise TransportError(
                ErrorKind.host_key,
                f"{self.target_id}: host key for {hostname} CHANGED: known_hosts has {theirs}, "
                f"server offers {key.get_name()} {key.fingerprint}",
                hint=f"verify the host, then update {self.known_hosts}")
        if not self.accept_new:
            raise TransportError(
                ErrorKind.host_key,
                f"{self.target_id}: host key for {hostname} ({key.get_name()} {key.fingerprint}) "
                f"is not in {self.known_hosts}",
                hint="add it (ssh-keyscan, after verifying) or pass --accept-new-host-keys")
        client.get_host_keys().add(hostname, key.get_name(), key)
        with _KNOWN_HOSTS_LOCK:
            self.known_hosts.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.known_hosts, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="ascii") as fh:
                fh.write(f"{hostname} {key.get_name()} {key.get_base64()}\n")


class SshTransport(Transport):
    """Commands and files of one host over SSH; thread-safe for concurrent units."""

    name: ClassVar[str] = "ssh"

    def __init__(self, target: Target, settings: dict[str, Any], *,
                 sudo_allow_list: Iterable[str | Sequence[str]] | None = None,
                 prefetch_commands: Iterable[str] | None = None) -> None:
        self.target = target
        self.cfg: SshSettings = ssh_settings(settings)
        self.sudo_allow_list: tuple[sudo_allow.Entry, ...] = (
            tuple(sudo_allow.entry(e) for e in sudo_allow_list) if sudo_allow_list is not None
            else default_sudo_allow_list())
        self._config = self._load_ssh_config()
        user, host, port = split_ssh_address(target.address)
        opts = target.options
        self.endpoint = self._resolve(host, user or opts.get("user"), port or opts.get("port"),
                                      opts.get("identity_file") or self.cfg.identity_file)
        jump = opts.get("proxy_jump") or self._config.lookup(host).get("proxyjump")
        self.jumps = self._resolve_jumps(jump)
        self.known_hosts = self._known_hosts_path(host)
        self._lock = threading.Lock()
        self._sftp_lock = threading.Lock()
        self._channels = threading.BoundedSemaphore(_MAX_CHANNELS)
        self._client: paramiko.SSHClient | None = None
        self._hops: list[paramiko.SSHClient] = []
        self._sftp: paramiko.SFTPClient | None = None
        self._failure: TransportError | None = None
        self._ids: dict[str, dict[int, str]] = {}
        self._which: dict[str, str | None] = {}
        self._stats: dict[str, xf.Attrs | None] = {}
        self._no_sftp = False
        self._prefetch = frozenset(prefetch_commands if prefetch_commands is not None
                                   else spec_command_names())

    # --- configuration -------------------------------------------------------------------

    def _load_ssh_config(self) -> paramiko.SSHConfig:
        if self.cfg.ssh_config_file:
            path = Path(self.cfg.ssh_config_file).expanduser()
            if not path.is_file():
                raise TransportError(ErrorKind.unsupported, f"{self.target.id}: ssh config {path} not found")
            return _ssh_config(str(path))
        default = Path("~/.ssh/config").expanduser()
        return _ssh_config(str(default)) if default.is_file() else paramiko.SSHConfig()

    def _resolve(self, host: str, user: str | None, port: int | str | None,
                 identity: str | None) -> Endpoint:
        entry = self._config.lookup(host)
        explicit = tuple(str(Path(identity).expanduser()) for identity in [identity] if identity)
        for path in explicit:
            if not Path(path).is_file():
                raise TransportError(ErrorKind.auth, f"{self.target.id}: identity file {path} not found")
        configured = tuple(p for p in (str(Path(f).expanduser()) for f in entry.get("identityfile", []))
                           if Path(p).is_file())
        return Endpoint(
            name=host,
            hostname=entry.get("hostname", host),
            port=int(port or entry.get("port") or 22),
            user=user or entry.get("user") or getpass.getuser(),
            identity_files=explicit + tuple(p for p in configured if p not in explicit),
            explicit_identity=bool(explicit),
        )

    def _resolve_jumps(self, spec: str | None) -> tuple[Endpoint, ...]:
        if not spec or spec.strip().lower() == "none":
            return ()
        hops = []
        for hop in spec.split(","):
            user, host, port = split_ssh_address(hop.strip())
            hops.append(self._resolve(host, user, port, self.cfg.identity_file))
        return tuple(hops)

    def _known_hosts_path(self, host: str) -> Path:
        if self.cfg.known_hosts_file:
            return Path(self.cfg.known_hosts_file).expanduser()
        configured = self._config.lookup(host).get("userknownhostsfile")
        if configured:
            return Path(configured.split()[0]).expanduser()
        return Path("~/.ssh/known_hosts").expanduser()

    # --- connection ----------------------------------------------------------------------

    def _connected(self, deadline: float) -> paramiko.SSHClient:
        with self._lock:
            if self._failure is not None:  # a failed host fails every unit fast, the same way
                failure = self._failure
                raise TransportError(failure.kind, failure.message, failure.hint)
            client = self._client
            transport = client.get_transport() if client else None
            if client is not None and transport is not None and transport.is_active():
                return client
            self._close_connection()
            full = time.monotonic() + self.cfg.connect_timeout_s
            try:
                self._client = self._connect_chain(min(deadline, full))
            except TransportError as exc:
                # A timeout cut short by this unit's own deadline says nothing about the host.
                if exc.kind != ErrorKind.timeout or deadline >= full:
                    self._failure = exc
                self._close_connection()
                raise
            return self._client

    def _connect_chain(self, deadline: float) -> paramiko.SSHClient:
        via: paramiko.SSHClient | None = None
        for hop in (*self.jumps, self.endpoint):
            try:
                sock = self._open_socket(hop, via, deadline)
                via = self._handshake(hop, sock, deadline)
            except TransportError:
                raise
            except Exception as exc:
                raise self._connect_error(exc, hop, deadline) from exc
            if hop is not self.endpoint:
                self._hops.append(via)
        assert via is not None
        return via

    @staticmethod
    def _left(deadline: float) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline reached")
        return left

    def _open_socket(self, hop: Endpoint, via: paramiko.SSHClient | None, deadline: float) -> Any:
        if via is None:
            return socket.create_connection((hop.hostname, hop.port), timeout=self._left(deadline))
        transport = via.get_transport()
        assert transport is not None
        return transport.open_channel("direct-tcpip", (hop.hostname, hop.port), ("127.0.0.1", 0),
                                      timeout=self._left(deadline))

    def _handshake(self, hop: Endpoint, sock: Any, deadline: float) -> paramiko.SSHClient:
        client = paramiko.SSHClient()
        if self.known_hosts.is_file():
            client.load_host_keys(str(self.known_hosts))
        client.set_missing_host_key_policy(
            _HostKeyPolicy(self.known_hosts, self.cfg.accept_new_host_keys, self._where(hop)))
        left = self._left(deadline)
        try:
            client.connect(
                hop.hostname, hop.port, username=hop.user,
                key_filename=list(hop.identity_files) or None,  # type: ignore[arg-type]
                timeout=left, banner_timeout=left, auth_timeout=left, channel_timeout=left,
                allow_agent=True, look_for_keys=not hop.identity_files, sock=sock,
            )
        except BaseException:
            client.close()
            raise
        return client

    def _where(self, hop: Endpoint) -> str:
        return self.target.id if hop is self.endpoint else f"{self.target.id} (via jump host {hop.label})"

    def _connect_error(self, exc: BaseException, hop: Endpoint, deadline: float) -> TransportError:
        where = self._where(hop)
        addr = f"{hop.hostname}:{hop.port}"
        if isinstance(exc, paramiko.BadHostKeyException):
            return TransportError(
                ErrorKind.host_key,
                f"{where}: host key for {addr} CHANGED: known_hosts has {exc.expected_key.get_name()} "
                f"{exc.expected_key.fingerprint}, server offers {exc.key.get_name()} {exc.key.fingerprint}",
                hint=f"verify the host, then update {self.known_hosts}")
        if isinstance(exc, paramiko.AuthenticationException):
            return TransportError(ErrorKind.auth, f"{where}: authentication failed for user {hop.user}",
                                  hint="check --identity, the ssh-agent and authorized_keys")
        if isinstance(exc, ConnectionRefusedError):
            return TransportError(ErrorKind.connectivity, f"{where}: connection refused by {addr}")
        if isinstance(exc, socket.gaierror):
            return TransportError(ErrorKind.connectivity, f"{where}: cannot resolve {hop.hostname}")
        if isinstance(exc, paramiko.ChannelException):
            return TransportError(ErrorKind.connectivity,
                                  f"{where}: the jump host cannot reach {addr}: {exc.text}")
        if isinstance(exc, TimeoutError | socket.timeout) or time.monotonic() >= deadline:
            return TransportError(ErrorKind.timeout, f"{where}: no SSH session with {addr} in time")
        if isinstance(exc, OSError):
            return TransportError(ErrorKind.connectivity, f"{where}: {addr} unreachable: {exc.strerror}")
        return TransportError(ErrorKind.connectivity, f"{where}: SSH to {addr} failed: {exc}")

    # --- commands ------------------------------------------------------------------------

    def _fail(self, kind: ErrorKind, message: str, hint: str | None = None) -> TransportError:
        """One line naming the target."""
        return TransportError(kind, f"{self.target.id}: {message}", hint)

    @property
    def uses_sudo(self) -> bool:
        return self.endpoint.user != "root"

    def command_line(self, argv: list[str], sudo: bool, timeout: float = 3600.0) -> str:
        """The exact remote command line: C locale, full PATH, sudo -n for allow-listed argv.

        A remote `timeout` ends what outlives our deadline: closing a channel does not stop
        its command, and sshd refuses signal requests without privilege separation.
        """
        limit = str(math.ceil(timeout) + 1)
        prefix = ["env", "LC_ALL=C", f"PATH={_REMOTE_PATH}", "timeout", "-k", "1", limit]
        if not (sudo and self.uses_sudo):
            return shlex.join([*prefix, *argv])
        joined = " ".join(argv)
        if not self.cfg.sudo:
            raise SudoRefused(ErrorKind.permission,
                              f"{self.target.id}: {joined} needs root and ssh.sudo is off",
                              "connect as root or enable ssh.sudo")
        if not sudo_allow.allowed_by_any(argv, self.sudo_allow_list):
            raise SudoRefused(ErrorKind.permission,
                              f"{self.target.id}: {joined} is not in the sudo allow-list",
                              "list it in the collector spec's sudo_commands")
        return shlex.join([*prefix, "sudo", "-n", "--", *argv])

    @contextlib.contextmanager
    def _exec(self, argv: list[str], timeout: float, sudo: bool
              ) -> Iterator[tuple[paramiko.Channel, paramiko.Transport, float]]:
        """A session channel running argv (stdin closed): (channel, transport, deadline)."""
        if not argv:
            raise TransportError(ErrorKind.bug, "empty command")
        deadline = time.monotonic() + min(timeout, self.cfg.command_timeout_s)
        line = self.command_line(argv, sudo, deadline - time.monotonic())
        transport = self._connected(deadline).get_transport()
        if transport is None:  # closed by another unit meanwhile
            raise self._fail(ErrorKind.connectivity, "connection lost")
        with self._channels:
            try:
                chan = self._session(transport, deadline, idle_sftp=True)
            except TimeoutError as exc:
                raise self._timeout(argv, timeout) from exc
            try:
                chan.exec_command(line)
                chan.shutdown_write()
                yield chan, transport, deadline
            except (paramiko.SSHException, EOFError) as exc:
                raise self._fail(ErrorKind.connectivity, f"connection lost running {argv[0]}: {exc}") from exc
            finally:
                chan.close()

    def run(self, argv: list[str], timeout: float, *, sudo: bool = False) -> CommandResult:
        with self._exec(argv, timeout, sudo) as (chan, transport, deadline):
            out, err = self._drain(chan, deadline, argv, timeout)
            code = self._exit_status(chan, transport, deadline, argv)
        self._check_result(argv, code, err, sudo and self.uses_sudo)
        return CommandResult(tuple(argv), code, out, err[:65536])

    @contextlib.contextmanager
    def stream(self, argv: list[str], timeout: float, *, sudo: bool = False) -> Iterator[ChannelReader]:
        """Run argv and read its stdout as it arrives (bounded memory, one channel): for
        outputs too large to hold, like every log file of a host in one tar stream."""
        with self._exec(argv, timeout, sudo) as (chan, transport, deadline):
            chan.settimeout(_POLL_S)
            reader = ChannelReader(chan, deadline, lambda: self._timeout(argv, timeout))
            yield reader
            if reader.eof:  # read to the end: the command's status counts
                reader.finish(self._exit_status(chan, transport, deadline, argv))
                self._check_result(argv, reader.returncode, reader.stderr, sudo and self.uses_sudo)
            else:  # the reader stopped early (a budget): closing the channel ends the command
                reader.finish(-1)

    def _exit_status(self, chan: paramiko.Channel, transport: paramiko.Transport, deadline: float,
                     argv: list[str]) -> int:
        """The exit status; a channel closed without one means a lost connection, or (rarely,
        the remote `timeout` maps signals to 128+n) a command killed by a signal: -1."""
        if not chan.status_event.wait(max(deadline - time.monotonic(), 0.5)):
            return -1
        code = chan.recv_exit_status()
        settle = time.monotonic() + 0.5  # a dying transport closes its channels before it says so
        while code == -1 and time.monotonic() < settle:
            if not transport.is_active():
                raise self._fail(ErrorKind.connectivity, f"connection lost running {argv[0]}")
            time.sleep(0.02)
        return code

    def _drain(self, chan: paramiko.Channel, deadline: float, argv: list[str],
               timeout: float) -> tuple[bytes, bytes]:
        out, err = bytearray(), bytearray()
        poller = select.poll()  # not select(): a large fleet opens file descriptors past 1024
        poller.register(chan.fileno(), select.POLLIN)
        while True:
            while chan.recv_ready():
                out += chan.recv(65536)
            while chan.recv_stderr_ready():
                err += chan.recv_stderr(65536)
            if len(out) > _MAX_OUTPUT:
                raise self._fail(ErrorKind.parse, f"{argv[0]} output exceeds {_MAX_OUTPUT} bytes")
            if chan.eof_received or chan.closed:
                if not (chan.recv_ready() or chan.recv_stderr_ready()):
                    return bytes(out), bytes(err)
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                chan.close()
                raise self._timeout(argv, timeout)
            poller.poll(int(min(left, _POLL_S) * 1000) + 1)

    def _timeout(self, argv: list[str], timeout: float) -> TransportError:
        return self._fail(ErrorKind.timeout, f"{' '.join(argv)} timed out after {timeout:.1f}s")

    def _check_result(self, argv: list[str], code: int, err: bytes, sudo: bool) -> None:
        text = err.decode("utf-8", "replace")
        if sudo and code != 0 and text.startswith("sudo:"):
            if any(s in text for s in _SUDO_DENIED):
                # sudo cannot match a command the host does not have, and says "password required"
                if self.which(argv[0]) is None:
                    raise TransportError(ErrorKind.unsupported,
                                         f"{self.target.id}: command not found: {argv[0]}")
                raise TransportError(ErrorKind.permission, f"{self.target.id}: sudo denied for {argv[0]}",
                                     hint="allow the command in sudoers with NOPASSWD or connect as root")
            if "command not found" in text:
                raise TransportError(ErrorKind.unsupported, f"{self.target.id}: command not found: {argv[0]}")
        if code == 127 and argv[0] in text and ("No such file" in text or "not found" in text):
            raise TransportError(ErrorKind.unsupported, f"{self.target.id}: command not found: {argv[0]}")

    def which(self, command: str) -> str | None:
        """Cached per host, and the first call also resolves every command the collector
        specs name: each remote exec costs a session and the user's shell start-up."""
        with self._lock:
            if command in self._which:
                return self._which[command]
            batch = sorted({command} | (self._prefetch - self._which.keys()))
            self._prefetch = frozenset()
        result = self.run(["sh", "-c", _WHICH_SCRIPT, "sh", *batch], self.cfg.connect_timeout_s)
        found = {}
        for line in result.text.splitlines():
            name, _, path = line.partition("\t")
            if path.startswith("/"):
                found[name] = path
        with self._lock:
            for name in batch:
                self._which[name] = found.get(name)
            return self._which[command]

    # --- files ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _sftp_session(self) -> Iterator[paramiko.SFTPClient]:
        """The host's one SFTP session (paramiko's SFTP client is not safe across threads)."""
        with self._sftp_lock:
            client = self._connected(time.monotonic() + self.cfg.connect_timeout_s)
            sftp = self._sftp
            channel = sftp.get_channel() if sftp is not None else None
            if sftp is None or channel is None or channel.closed:
                sftp = self._sftp = self._open_sftp(client)
            try:
                yield sftp
            except TimeoutError as exc:
                self._drop_sftp()
                raise self._fail(ErrorKind.timeout, "SFTP timed out") from exc
            except (paramiko.SSHException, EOFError) as exc:
                self._drop_sftp()
                raise self._fail(ErrorKind.connectivity, f"connection lost: {exc}") from exc

    def _open_sftp(self, client: paramiko.SSHClient) -> paramiko.SFTPClient:
        transport = client.get_transport()
        if transport is None or not transport.is_active():
            raise self._fail(ErrorKind.connectivity, "connection lost")
        try:
            channel = self._session(transport, time.monotonic() + self.cfg.command_timeout_s, idle_sftp=False)
        except TimeoutError as exc:
            raise self._fail(ErrorKind.timeout, "no SSH session for SFTP in time") from exc
        try:
            channel.invoke_subsystem("sftp")
        except paramiko.SSHException as exc:
            # The server refused the subsystem (hardened hosts remove it): from now on files
            # travel over exec channels, for every unit of this host.
            channel.close()
            self._no_sftp = True
            raise _NoSftp(str(exc)) from exc
        channel.settimeout(self.cfg.command_timeout_s)  # paramiko's timeout is per read
        return paramiko.SFTPClient(channel)

    def _session(self, transport: paramiko.Transport, deadline: float, *,
                 idle_sftp: bool) -> paramiko.Channel:
        """A new session channel, waiting while the server refuses one: hardened hosts set
        MaxSessions as low as 1, so an idle SFTP session is given up to make room."""
        delay = 0.02
        while True:
            try:
                return transport.open_session(timeout=self._left(deadline))
            except (paramiko.SSHException, EOFError) as exc:
                # paramiko hands the refusal (ChannelException) to whichever thread asks first,
                # so a plain "Unable to open channel" on a live transport is a refusal too
                if not transport.is_active():
                    raise self._fail(ErrorKind.connectivity, f"cannot open a session: {exc}") from exc
                if time.monotonic() + delay >= deadline:
                    raise self._fail(ErrorKind.connectivity, f"the server refused a session: {exc}",
                                     "raise MaxSessions in sshd_config or lower ssh.per_host_units") from exc
            if idle_sftp and self._sftp_lock.acquire(blocking=False):
                try:
                    self._drop_sftp()
                finally:
                    self._sftp_lock.release()
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def _drop_sftp(self) -> None:
        if self._sftp is not None:
            with contextlib.suppress(Exception):
                self._sftp.close()
        self._sftp = None

    def _file_error(self, exc: OSError, verb: str, path: str) -> TransportError | None:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) or "No such file" in str(exc):
            return None
        if exc.errno == errno.EACCES:
            return self._denied(verb, path)
        return self._fail(ErrorKind.connectivity, f"cannot {verb} {path}: {exc}")

    def _denied(self, verb: str, path: str) -> TransportError:
        return self._fail(ErrorKind.permission, f"cannot {verb} {path}: permission denied", "connect as root")

    def describe(self) -> str:
        """"ssh" (files over SFTP), or says files went over exec channels (no SFTP on the host)."""
        return f"ssh; files over {xf.METHOD}" if self._no_sftp else "ssh"

    def _use_sftp(self) -> bool:
        """False once the host refused the SFTP subsystem: files then go over exec channels."""
        if self._no_sftp:
            return False
        try:
            with self._sftp_session():
                return True
        except _NoSftp:
            return False

    def _attrs(self, sftp: paramiko.SFTPClient, path: str, verb: str) -> xf.Attrs | None:
        """SFTP stat, cached for the run: collectors stat what they just read (provenance)."""
        if path in self._stats:
            return self._stats[path]
        try:
            attrs: xf.Attrs | None = _from_sftp(sftp.stat(path))
        except OSError as exc:
            if isinstance(exc, TimeoutError):
                raise
            failure = self._file_error(exc, verb, path)
            if failure is not None:
                raise failure from exc
            attrs = None
        self._stats[path] = attrs
        return attrs

    def _exec_file_op(self, argv: list[str], verb: str, path: str) -> CommandResult | None:
        """One exec-channel file operation; None when the path does not exist."""
        result = self.run(argv, self.cfg.command_timeout_s)
        if result.returncode == 0:
            return result
        why = xf.failure(result.stderr)
        if why == "missing":
            return None
        if why == "denied":
            raise self._denied(verb, path)
        raise self._fail(ErrorKind.connectivity, f"cannot {verb} {path}: {argv[0]} exited "
                         f"{result.returncode}: {result.stderr[:200].decode('utf-8', 'replace').strip()}")

    # A non-root login user may be refused a file the collectors declare (pg_hba.conf,
    # /etc/ssl/private): read, stat or list it again through sudo when the allow-list has it.

    def _sudo_file(self, denied: TransportError, argv: list[str]) -> CommandResult | None:
        if denied.kind != ErrorKind.permission or not (self.uses_sudo and self.cfg.sudo):
            raise denied
        if not sudo_allow.allowed_by_any(argv, self.sudo_allow_list):
            raise TransportError(denied.kind,
                                 f"{denied.message}; `sudo {' '.join(argv)}` is not allow-listed",
                                 "connect as root, or declare the file in its collector spec") from denied
        try:
            result = self.run(argv, self.cfg.command_timeout_s, sudo=True)
        except TransportError as exc:
            if exc.kind != ErrorKind.permission:
                raise
            raise TransportError(exc.kind, f"{denied.message}; the host's sudo refused `{' '.join(argv)}`",
                                 "install the `dpp-auditor sudoers` snippet for this user") from exc
        if result.returncode == 0:
            return result
        if xf.failure(result.stderr) == "missing":
            return None
        raise TransportError(ErrorKind.permission, f"{denied.message}; `sudo {' '.join(argv)}` failed: "
                             f"{result.stderr[:200].decode('utf-8', 'replace').strip()}") from denied

    def read_file(self, path: str, max_bytes: int = 4 * 1024 * 1024) -> bytes | None:
        try:
            return self._read_file(path, max_bytes)
        except TransportError as exc:
            done = self._sudo_file(exc, list(xf.sudo_read_argv(path)))
            return None if done is None else done.stdout[:max_bytes]

    def _read_file(self, path: str, max_bytes: int) -> bytes | None:
        if not self._use_sftp():
            if self._stats.get(path, True) is None:
                return None
            done = self._exec_file_op(xf.read_argv(path, min(max_bytes, _MAX_OUTPUT - 4096)), "read", path)
            if done is None:
                self._stats[path] = None
                return None
            attrs, body = xf.parse_read(done.stdout)
            self._stats[path] = attrs
            return None if statmod.S_ISDIR(attrs.mode) else body
        with self._sftp_session() as sftp:
            st = self._attrs(sftp, path, "read")
            if st is None or statmod.S_ISDIR(st.mode):
                return None
            size = min(st.size, max_bytes)  # 0 for /proc files: read to EOF
            try:
                with sftp.open(path, "rb") as fh:
                    return fh.read(size or max_bytes)
            except OSError as exc:
                if isinstance(exc, TimeoutError):
                    raise
                failure = self._file_error(exc, "read", path)
                if failure is None:
                    return None
                raise failure from exc

    def _stat_attrs(self, path: str) -> xf.Attrs | None:
        if self._use_sftp():
            with self._sftp_session() as sftp:
                return self._attrs(sftp, path, "stat")
        if path not in self._stats:
            done = self._exec_file_op(xf.stat_argv(path), "stat", path)
            self._stats[path] = xf.parse_stat(done.text) if done is not None else None
        return self._stats[path]

    def stat(self, path: str) -> FileStat | None:
        try:
            st = self._stat_attrs(path)
        except TransportError as exc:
            done = self._sudo_file(exc, xf.stat_argv(path))
            st = self._stats[path] = xf.parse_stat(done.text) if done is not None else None
        if st is None:
            return None
        return FileStat(
            path=path, mode=st.mode & 0o7777, uid=st.uid, gid=st.gid,
            owner=self._names("/etc/passwd").get(st.uid, str(st.uid)),
            group=self._names("/etc/group").get(st.gid, str(st.gid)),
            size=st.size, is_dir=statmod.S_ISDIR(st.mode),
        )

    def _names(self, db: str) -> dict[int, str]:
        """{id: name} from the remote passwd or group file, read once per host."""
        if db not in self._ids:
            names: dict[int, str] = {}
            for line in (self.read_file(db) or b"").decode("utf-8", "replace").splitlines():
                fields = line.split(":")
                if len(fields) >= 3 and fields[2].isdigit():
                    names.setdefault(int(fields[2]), fields[0])
            self._ids[db] = names
        return self._ids[db]

    def list_dir(self, path: str) -> list[str] | None:
        try:
            return self._list_dir(path)
        except TransportError as exc:
            done = self._sudo_file(exc, xf.list_argv(path))
            if done is None:
                return None
            return self._listing(path, done)

    def _list_dir(self, path: str) -> list[str] | None:
        if not self._use_sftp():
            return self._exec_list_dir(path)
        with self._sftp_session() as sftp:
            try:
                listing = sftp.listdir_attr(path)
            except OSError as exc:
                if isinstance(exc, TimeoutError):
                    raise
                failure = self._file_error(exc, "list", path)
                if failure is None:
                    return None
                raise failure from exc
            entries = {entry.filename: _from_sftp(entry) for entry in listing}
        return self._cache_listing(path, entries)

    def _exec_list_dir(self, path: str) -> list[str] | None:
        return self._listing(path, self.run(xf.list_argv(path), self.cfg.command_timeout_s))

    def _listing(self, path: str, result: CommandResult) -> list[str] | None:
        own, entries = xf.parse_listing(result.stdout)
        if result.returncode != 0:
            why = xf.failure(result.stderr)
            if why == "denied":
                raise self._denied("list", path)
            if why == "missing" or own is None:
                return None
            raise self._fail(ErrorKind.connectivity, f"cannot list {path}: find exited {result.returncode}")
        if own is None or not statmod.S_ISDIR(own.mode):
            return None  # SFTP's opendir refuses a file with ENOTDIR
        return self._cache_listing(path, entries)

    def _cache_listing(self, path: str, entries: dict[str, xf.Attrs]) -> list[str]:
        # readdir already carries each entry's attributes (lstat): cache all but symlinks,
        # since collectors stat what they list (glob expansion)
        base = path.rstrip("/")
        for name, attrs in entries.items():
            if not statmod.S_ISLNK(attrs.mode):
                self._stats.setdefault(f"{base}/{name}", attrs)
        return sorted(entries)

    # --- teardown ------------------------------------------------------------------------

    def _close_connection(self) -> None:
        for closable in (self._sftp, self._client, *reversed(self._hops)):
            if closable is not None:
                with contextlib.suppress(Exception):
                    closable.close()
        self._sftp, self._client, self._hops = None, None, []

    def close(self) -> None:
        with self._lock:
            self._close_connection()
