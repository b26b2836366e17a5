"""The local transport: this machine, through subprocess (argv lists, never a shell)."""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import subprocess
from typing import ClassVar

from auditor.collect.base import CommandResult, FileStat, Transport
from auditor.errors import TransportError
from auditor.models import ErrorKind

# Admin tools live in sbin, which a non-login PATH often lacks.
_EXTRA_PATH = ("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin")
_SUDO_DENIED = ("a password is required", "is not in the sudoers", "not allowed to execute")


def _owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def search_path() -> str:
    dirs = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d]
    dirs += [d for d in _EXTRA_PATH if d not in dirs]
    return os.pathsep.join(dirs)


def command_env() -> dict[str, str]:
    """A predictable environment: C locale (parsers read English output), full PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env["LC_ALL"] = "C"
    env["PATH"] = search_path()
    return env


class LocalTransport(Transport):
    """Commands and files of the machine the auditor runs on."""

    name: ClassVar[str] = "local"

    def __init__(self, max_output_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_output_bytes = max_output_bytes

    def run(self, argv: list[str], timeout: float, *, sudo: bool = False) -> CommandResult:
        if not argv:
            raise TransportError(ErrorKind.bug, "empty command")
        exe = self.which(argv[0])
        if exe is None:
            raise TransportError(ErrorKind.unsupported, f"command not found: {argv[0]}")
        full = [exe, *argv[1:]]
        if sudo and os.geteuid() != 0:
            sudo_exe = self.which("sudo")
            if sudo_exe is None:
                raise TransportError(ErrorKind.permission, f"{argv[0]} needs root and sudo is not installed",
                                     hint="run the auditor as root")
            full = [sudo_exe, "-n", *full]
        result = self._spawn(full, argv, timeout)
        if sudo and full[0].endswith("sudo") and result.returncode != 0:
            err = result.stderr.decode("utf-8", "replace")
            if any(s in err for s in _SUDO_DENIED):
                raise TransportError(ErrorKind.permission, f"sudo denied for {argv[0]}",
                                     hint="allow the command in sudoers with NOPASSWD or run as root")
        return result

    def _spawn(self, full: list[str], argv: list[str], timeout: float) -> CommandResult:
        try:
            proc = subprocess.Popen(
                full, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                env=command_env(), start_new_session=True,
            )
        except PermissionError as exc:
            raise TransportError(ErrorKind.permission, f"cannot execute {argv[0]}: {exc.strerror}") from exc
        except FileNotFoundError as exc:
            raise TransportError(ErrorKind.unsupported, f"command not found: {argv[0]}") from exc
        try:
            out, err = proc.communicate(timeout=max(timeout, 0.01))
        except subprocess.TimeoutExpired as exc:
            self._kill(proc)
            message = f"{' '.join(argv)} timed out after {timeout:.1f}s"
            raise TransportError(ErrorKind.timeout, message) from exc
        return CommandResult(tuple(argv), proc.returncode, out[: self.max_output_bytes], err[:65536])

    @staticmethod
    def _kill(proc: subprocess.Popen[bytes]) -> None:
        # The whole session: a command's own children must not outlive the deadline.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()

    def read_file(self, path: str, max_bytes: int = 4 * 1024 * 1024) -> bytes | None:
        try:
            with open(path, "rb") as fh:
                return fh.read(max_bytes)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except PermissionError as exc:
            raise TransportError(ErrorKind.permission, f"cannot read {path}: permission denied",
                                 hint="run as root") from exc

    def stat(self, path: str) -> FileStat | None:
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except PermissionError as exc:
            raise TransportError(ErrorKind.permission, f"cannot stat {path}: permission denied") from exc
        return FileStat(
            path=path, mode=st.st_mode & 0o7777, uid=st.st_uid, gid=st.st_gid,
            owner=_owner_name(st.st_uid), group=_group_name(st.st_gid), size=st.st_size,
            is_dir=os.path.isdir(path),
        )

    def list_dir(self, path: str) -> list[str] | None:
        try:
            return sorted(os.listdir(path))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except PermissionError as exc:
            raise TransportError(ErrorKind.permission, f"cannot list {path}: permission denied") from exc

    def which(self, command: str) -> str | None:
        if os.path.isabs(command):
            return command if os.access(command, os.X_OK) and os.path.isfile(command) else None
        return shutil.which(command, path=search_path())
