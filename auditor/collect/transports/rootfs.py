"""A mounted image or container root filesystem, read-only.

Every path is resolved component by component inside the root: symlinks (absolute or
relative) are followed as the image would see them and `..` stops at the root, so no
read ever leaves the tree. Owner and group names come from the image's own databases.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path, PurePosixPath
from typing import ClassVar

from auditor.collect.base import CommandResult, FileStat, Transport
from auditor.errors import NotApplicable, TransportError
from auditor.models import ErrorKind

_MAX_LINKS = 40  # as Linux's ELOOP limit
_IMAGE_PATH = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


def _id_names(text: str) -> dict[int, str]:
    """name:x:id:... lines (passwd or group) -> {id: first name}."""
    names: dict[int, str] = {}
    for line in text.splitlines():
        fields = line.split(":")
        if len(fields) >= 3 and fields[2].isdigit():
            names.setdefault(int(fields[2]), fields[0])
    return names


class RootfsTransport(Transport):
    name: ClassVar[str] = "rootfs"

    def __init__(self, root: str | os.PathLike[str]) -> None:
        # abspath, not resolve(): /proc/PID/root (a running container's or namespace's root)
        # is a magic link that resolve() turns into "/", this machine's own root.
        self.root = Path(os.path.abspath(root))
        if not self.root.is_dir():
            raise TransportError(ErrorKind.connectivity, f"root filesystem {root} is not a directory",
                                 hint="mount the image and pass rootfs:/mount/point")
        self._users: dict[int, str] | None = None
        self._groups: dict[int, str] | None = None

    def host_path(self, path: str, *, follow_last: bool = True) -> Path:
        """The real path of the image path `path`, never outside the root."""
        if not path.startswith("/"):
            raise TransportError(ErrorKind.bug, f"rootfs paths must be absolute: {path}")
        todo = deque(p for p in PurePosixPath(path).parts[1:])
        parts: list[str] = []
        links = 0
        while todo:
            name = todo.popleft()
            if name in ("", "."):
                continue
            if name == "..":
                if parts:
                    parts.pop()
                continue
            candidate = self.root.joinpath(*parts, name)
            if (todo or follow_last) and candidate.is_symlink():
                links += 1
                if links > _MAX_LINKS:
                    raise TransportError(ErrorKind.parse, f"too many symbolic links in {path}")
                target = os.readlink(candidate)
                if target.startswith("/"):
                    parts = []
                todo.extendleft(reversed(PurePosixPath(target).parts[1 if target.startswith("/") else 0:]))
                continue
            parts.append(name)
        return self.root.joinpath(*parts)

    def run(self, argv: list[str], timeout: float, *, sudo: bool = False) -> CommandResult:
        raise NotApplicable("commands cannot run on a mounted root filesystem")

    def can_run_commands(self) -> bool:
        return False

    def read_file(self, path: str, max_bytes: int = 4 * 1024 * 1024) -> bytes | None:
        real = self.host_path(path)
        try:
            with open(real, "rb") as fh:
                return fh.read(max_bytes)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except PermissionError as exc:
            raise TransportError(ErrorKind.permission, f"cannot read {path} in the image") from exc

    def stat(self, path: str) -> FileStat | None:
        real = self.host_path(path)
        try:
            st = real.stat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return FileStat(
            path=path, mode=st.st_mode & 0o7777, uid=st.st_uid, gid=st.st_gid,
            owner=self._user_names().get(st.st_uid, str(st.st_uid)),
            group=self._group_names().get(st.st_gid, str(st.st_gid)),
            size=st.st_size, is_dir=real.is_dir(),
        )

    def list_dir(self, path: str) -> list[str] | None:
        real = self.host_path(path)
        try:
            return sorted(os.listdir(real))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except PermissionError as exc:
            raise TransportError(ErrorKind.permission, f"cannot list {path} in the image") from exc

    def which(self, command: str) -> str | None:
        candidates = [command] if command.startswith("/") else [f"{d}/{command}" for d in _IMAGE_PATH]
        for image_path in candidates:
            real = self.host_path(image_path)
            if real.is_file() and os.stat(real).st_mode & 0o111:
                return image_path
        return None

    def _user_names(self) -> dict[int, str]:
        if self._users is None:
            self._users = _id_names((self.read_file("/etc/passwd") or b"").decode("utf-8", "replace"))
        return self._users

    def _group_names(self) -> dict[int, str]:
        if self._groups is None:
            self._groups = _id_names((self.read_file("/etc/group") or b"").decode("utf-8", "replace"))
        return self._groups
