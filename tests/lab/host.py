"""Run lab images as separate hosts: each its own network, mount, PID and UTS namespace.

    with LabNetwork(client_key) as net:
        stock = net.start("stock", build_image("stock"))
        stock.address      # "ssh://root@127.0.0.1:PORT" - reach it from the tests
        stock.ip           # its own address inside the lab network (10.77.0.N)
        stock.root         # its root filesystem as this machine sees it (for `rootfs:` scans)
        stock.run("id")    # a command on that host (nsenter), returns CompletedProcess

The lab network is a network namespace of its own holding a bridge; every host's veth pair
joins it, so hosts reach each other (a bastion can jump to another host) but never this
machine's networks. The tests reach a host's sshd through auditor.bench.latency_proxy: a loopback port
of this machine carried into the lab namespace. Each host runs its image through an overlay
mounted under the lab's temp directory (the cached image stays untouched) and its own
/usr/local/sbin/dpp-lab-init as PID 1, which starts the image's services and then its sshd.
Stopping the network kills every host's PID namespace, deletes the namespaces, unmounts the
overlays and removes their upper directories.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from auditor.bench.sshd_lab import keygen

SUBNET = "10.77.0"
_DEV_NODES = ("null", "zero", "full", "random", "urandom", "tty")

# Runs as PID 1 of the host's new PID namespace, in its private mount namespace, over the
# overlay mounted at $mnt: a /dev of its own (no /dev/log or kmsg of this machine's), then init.
_BOOT = r"""
set -e
mnt=$1 name=$2
mount -t proc proc "$mnt/proc"
mount -t sysfs -o ro sysfs "$mnt/sys"
mount -t tmpfs -o mode=755 tmpfs "$mnt/run"
mount -t tmpfs -o mode=755 devtmp "$mnt/dev"
for n in """ + " ".join(_DEV_NODES) + r"""; do touch "$mnt/dev/$n"; mount --bind "/dev/$n" "$mnt/dev/$n"; done
mkdir "$mnt/dev/pts" "$mnt/dev/shm"
mount -t tmpfs -o mode=1777 shm "$mnt/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$mnt/dev/pts"
ln -s pts/ptmx "$mnt/dev/ptmx"; ln -s /proc/self/fd "$mnt/dev/fd"
for i in 0:stdin 1:stdout 2:stderr; do ln -s "/proc/self/fd/${i%%:*}" "$mnt/dev/${i#*:}"; done
hostname "$name"
exec chroot "$mnt" /usr/local/sbin/dpp-lab-init
"""


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, stdin=subprocess.DEVNULL, capture_output=True)


def _killed_with_parent() -> None:
    # SIGKILL, as unshare --fork ignores SIGTERM; its --kill-child then kills the host's PID 1
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _sweep() -> None:
    """Remove the namespaces and overlay mounts of lab networks whose owner process is gone
    (killed before it could clean up; its hosts died with it, see _killed_with_parent)."""
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    stale = {name for name in (line.split()[0] for line in listed.splitlines() if line.strip())
             if name.startswith("dpplab-") and name.split("-")[1].isdigit()
             and not Path(f"/proc/{name.split('-')[1]}").exists()}
    for name in sorted(stale):
        subprocess.run(["ip", "netns", "delete", name], capture_output=True)
    for pid in {name.split("-")[1] for name in stale}:
        for mnt in Path(tempfile.gettempdir()).glob(f"dpp-lab-{pid}-*/*/mnt"):
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
            shutil.rmtree(mnt.parent.parent, ignore_errors=True)


@dataclass
class LabHost:
    name: str
    image: Path
    ip: str
    netns: str
    directory: Path
    host_key: Path
    proc: subprocess.Popen[bytes] | None = None
    port: int = 0  # this machine's loopback port forwarded to ip:22
    mounted: bool = False

    @property
    def address(self) -> str:
        return f"ssh://root@127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """PID (in this machine's namespace) of the host's init: its sshd."""
        assert self.proc is not None
        # proc is `nsenter ... unshare --fork`; the host's PID 1 is unshare's child.
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        return int(children[0])

    @property
    def root(self) -> Path:
        """The host's root filesystem (its overlay) seen from this machine."""
        return self.directory / "mnt"

    def known_hosts_lines(self, port: int) -> list[str]:
        kind, b64 = self.host_key.with_suffix(".pub").read_text().split()[:2]
        return [f"[127.0.0.1]:{port} {kind} {b64}", f"{self.ip} {kind} {b64}"]

    def run(self, command: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """`command` through /bin/sh on the host, as root, in all its namespaces."""
        return subprocess.run(["nsenter", "-t", str(self.pid), "-m", "-u", "-n", "-p", "-r", "-w",
                               "/bin/sh", "-c", command], check=check, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def add_user(self, user: str, key: Path, sudoers: str | None = None) -> None:
        """A login user on this host with `key` authorized and, if given, a sudoers.d rule."""
        pub = key.with_suffix(".pub").read_text().strip()
        self.run(f"id {user} >/dev/null 2>&1 || useradd -m -s /bin/sh {user}; "
                 f"install -d -m 700 -o {user} -g {user} /home/{user}/.ssh; "
                 f"printf '%s\\n' '{pub}' > /home/{user}/.ssh/authorized_keys; "
                 f"chown {user}: /home/{user}/.ssh/authorized_keys")
        if sudoers is not None:
            rule = self.root / "etc/sudoers.d" / user
            rule.write_text(sudoers)
            rule.chmod(0o440)


@dataclass
class LabNetwork:
    """A lab network and its hosts; a context manager that tears everything down."""

    client_key: Path
    delay_ms: float = 0.0  # one-way latency the loopback forwarders add
    # the owner's pid in every name: a later run removes what a killed one left (_sweep)
    tag: str = field(default_factory=lambda: f"{os.getpid()}-{uuid.uuid4().hex[:4]}")
    hosts: list[LabHost] = field(default_factory=list)

    def __post_init__(self) -> None:
        _sweep()
        self.root = Path(tempfile.mkdtemp(prefix=f"dpp-lab-{self.tag}-"))
        self.root.chmod(0o755)
        self.switch = f"dpplab-{self.tag}-sw"
        self._forwarders: list[subprocess.Popen[str]] = []
        _ip("netns", "add", self.switch)
        _ip("-n", self.switch, "link", "add", "br0", "type", "bridge")
        _ip("-n", self.switch, "addr", "add", f"{SUBNET}.1/24", "dev", "br0")
        _ip("-n", self.switch, "link", "set", "br0", "up")
        _ip("-n", self.switch, "link", "set", "lo", "up")

    def start(self, name: str, image: Path, wait: bool = True) -> LabHost:
        index = len(self.hosts) + 10
        if index > 250:
            raise RuntimeError("lab network is full")
        directory = self.root / name
        upper, work, mnt = directory / "upper", directory / "work", directory / "mnt"
        for d in (upper, work, mnt):
            d.mkdir(parents=True)
        host = LabHost(name, image, f"{SUBNET}.{index}", f"dpplab-{self.tag}-{index}", directory,
                       self._seed(upper, name))
        _ip("netns", "add", host.netns)
        self.hosts.append(host)
        _ip("-n", self.switch, "link", "add", f"v{index}", "type", "veth", "peer", "name", "eth0",
            "netns", host.netns)
        _ip("-n", self.switch, "link", "set", f"v{index}", "master", "br0", "up")
        _ip("-n", host.netns, "addr", "add", f"{host.ip}/24", "dev", "eth0")
        _ip("-n", host.netns, "link", "set", "eth0", "up")
        _ip("-n", host.netns, "link", "set", "lo", "up")
        _ip("-n", host.netns, "route", "add", "default", "via", f"{SUBNET}.1")
        # The overlay is mounted here, not in the host's namespace, so that this machine sees
        # the host's files at a real path (a `rootfs:` scan resolves /proc/PID/root to "/").
        subprocess.run(["mount", "-t", "overlay", "overlay", "-o",
                        f"lowerdir={image},upperdir={upper},workdir={work}", str(mnt)],
                       check=True, capture_output=True)
        host.mounted = True
        log = open(directory / "console.log", "wb")  # noqa: SIM115 - closed with the process
        host.proc = subprocess.Popen(
            # nsenter execs (ip netns exec forks), so the death signal reaches unshare
            ["nsenter", f"--net=/run/netns/{host.netns}", "unshare", "--mount", "--pid", "--uts", "--fork",
             "--kill-child", "--propagation", "private", "sh", "-c", _BOOT, "boot", str(mnt), name],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
            preexec_fn=_killed_with_parent)
        log.close()
        host.port = self.forward([f"{host.ip}:22"])[0]
        if wait:
            self.wait_ready([host])
        return host

    def _seed(self, upper: Path, name: str) -> Path:
        """The overlay's first layer: root's authorized key and this host's own host key."""
        ssh = upper / "root/.ssh"
        ssh.mkdir(parents=True, mode=0o700)
        (upper / "root").chmod(0o700)
        shutil.copy(self.client_key.with_suffix(".pub"), ssh / "authorized_keys")
        (ssh / "authorized_keys").chmod(0o600)
        etc_ssh = upper / "etc/ssh"
        etc_ssh.mkdir(parents=True)
        (upper / "etc").chmod(0o755)
        etc_ssh.chmod(0o755)
        key = keygen(etc_ssh / "ssh_host_ed25519_key", f"root@{name}")
        (upper / "etc/hostname").write_text(name + "\n")
        # as the installer writes it: sudo and others resolve the host's own name
        (upper / "etc/hosts").write_text(f"127.0.0.1\tlocalhost\n127.0.1.1\t{name}\n::1\tlocalhost\n")
        return key

    def forward(self, targets: list[str]) -> list[int]:
        """Loopback ports of this machine carried to `targets` (ip:port) in the lab network."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "auditor.bench.latency_proxy", f"/run/netns/{self.switch}",
             str(self.delay_ms), *targets],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True,
            cwd=Path(__file__).resolve().parents[2])
        self._forwarders.append(proc)
        assert proc.stdout is not None
        line = proc.stdout.readline().split()
        if not line or line[0] != "ready":
            raise RuntimeError(f"lab forwarder failed to start for {targets}")
        return [int(p) for p in line[1:]]

    def wait_ready(self, hosts: list[LabHost], timeout: float = 60.0) -> None:
        """Until every host's sshd answers with its banner (through its forwarder)."""
        deadline = time.monotonic() + timeout
        for host in hosts:
            while True:
                assert host.proc is not None
                if host.proc.poll() is not None:
                    raise RuntimeError(f"lab host {host.name} exited: {self.console(host)}")
                with contextlib.suppress(OSError), \
                        socket.create_connection(("127.0.0.1", host.port), 1) as s:
                    s.settimeout(2)
                    if s.recv(4).startswith(b"SSH-"):
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"lab host {host.name} has no sshd: {self.console(host)}")
                time.sleep(0.1)

    def probe(self, ip: str, port: int, timeout: float = 2.0) -> str:
        """Connect to ip:port from the lab network: "open", "refused" or "timeout"."""
        code = ("import socket,sys\ntry: socket.create_connection((sys.argv[1], int(sys.argv[2])), "
                "float(sys.argv[3]))\nexcept ConnectionRefusedError: print('refused')\n"
                "except OSError: print('timeout')\nelse: print('open')")
        done = subprocess.run(["ip", "netns", "exec", self.switch, sys.executable, "-c", code, ip,
                               str(port), str(timeout)], capture_output=True, text=True, check=True)
        return done.stdout.strip()

    def console(self, host: LabHost) -> str:
        return (host.directory / "console.log").read_text(errors="replace")[-2000:]

    def known_hosts(self, path: Path) -> Path:
        path.write_text("".join(line + "\n" for h in self.hosts for line in h.known_hosts_lines(h.port)))
        return path

    def stop(self) -> None:
        for fwd in self._forwarders:
            fwd.kill()
            fwd.wait()
        # Each host's process group: nsenter/unshare and the host's PID 1; when PID 1
        # dies the kernel kills everything else in its PID namespace.
        procs = [h.proc for h in self.hosts if h.proc is not None]
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        for host in self.hosts:
            subprocess.run(["ip", "netns", "delete", host.netns], capture_output=True)
            if host.mounted:
                subprocess.run(["umount", "-l", str(host.root)], capture_output=True)
        subprocess.run(["ip", "netns", "delete", self.switch], capture_output=True)
        self.hosts.clear()
        self._forwarders.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LabNetwork:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
