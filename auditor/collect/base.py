"""The two extension points of collection: Transport (how to reach a host) and Collector.

A collector never raises past the runner: the runner turns every exception into an
evidence envelope with a status and an error kind (see runner.py).
"""

from __future__ import annotations

import hashlib
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from auditor.errors import CollectorError, TransportError
from auditor.models import ErrorKind, FileProvenance, Provenance, Target, TargetKind


@dataclass(frozen=True)
class CommandResult:
    argv: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class FileStat:
    path: str
    mode: int  # permission bits only, e.g. 0o640
    uid: int
    gid: int
    owner: str
    group: str
    size: int
    is_dir: bool = False

    @property
    def mode_octal(self) -> str:
        return f"{self.mode:04o}"


class Transport(ABC):
    """Runs argv lists (never a shell string) and reads files on one host."""

    name: ClassVar[str]

    @abstractmethod
    def run(self, argv: list[str], timeout: float, *, sudo: bool = False) -> CommandResult:
        """Run argv; raise TransportError(kind=timeout|permission|...) on failure to run.

        A non-zero exit status is not an error here: parsers decide what it means.
        """

    @abstractmethod
    def read_file(self, path: str, max_bytes: int = 4 * 1024 * 1024) -> bytes | None:
        """Return at most max_bytes of the file, or None when it does not exist."""

    @abstractmethod
    def stat(self, path: str) -> FileStat | None:
        """Return the file's metadata, or None when it does not exist."""

    @abstractmethod
    def list_dir(self, path: str) -> list[str] | None:
        """Names in a directory (sorted), or None when it does not exist."""

    @abstractmethod
    def which(self, command: str) -> str | None:
        """Absolute path of a command on the host, or None."""

    def describe(self) -> str:
        """The transport as evidence records it; SSH adds how files travelled (SFTP or exec)."""
        return self.name

    def can_run_commands(self) -> bool:
        """False for a mounted root filesystem, where host commands cannot run."""
        return True

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""


@dataclass
class CollectContext:
    """What a collector gets for one unit: the target, a transport, settings and a deadline."""

    target: Target
    params: dict[str, Any]
    settings: dict[str, Any]
    deadline: float  # time.monotonic() value
    transport: Transport | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise CollectorError(ErrorKind.timeout, "unit deadline exceeded")
        return left

    def require_transport(self) -> Transport:
        if self.transport is None:
            raise CollectorError(ErrorKind.bug, "collector needs a transport but none was given")
        return self.transport

    def run(self, argv: list[str], *, sudo: bool = False, timeout: float | None = None) -> CommandResult:
        """Run a command through the transport, recorded in provenance."""
        t = self.require_transport()
        limit = min(self.remaining(), timeout) if timeout else self.remaining()
        line = ("sudo " if sudo else "") + " ".join(argv)
        try:
            result = t.run(argv, limit, sudo=sudo)
        except TransportError as exc:
            if getattr(exc, "sent", True):  # it ran (and failed); a refused one never left here
                self.provenance.commands.append(line)
            raise
        self.provenance.commands.append(line)
        return result

    def read(self, path: str, max_bytes: int = 4 * 1024 * 1024) -> bytes | None:
        """Read a file through the transport, recording its hash, mode and owner."""
        t = self.require_transport()
        self.remaining()
        data = t.read_file(path, max_bytes)
        if data is not None:
            st = t.stat(path)
            self.provenance.files.append(
                FileProvenance(
                    path=path,
                    sha256=hashlib.sha256(data).hexdigest(),
                    mode=st.mode_octal if st else None,
                    owner=f"{st.owner}:{st.group}" if st else None,
                )
            )
        return data


class Collector(ABC):
    """Produces the `data` of one evidence envelope for one target.

    Subclasses set `id` (matching collectors/<id>.yaml) and `target_kinds`.
    Raise CollectorError for failures and NotApplicable when the target does not apply.
    """

    id: ClassVar[str]
    target_kinds: ClassVar[frozenset[TargetKind]]

    @abstractmethod
    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        """Return JSON-serialisable evidence data for ctx.target."""
