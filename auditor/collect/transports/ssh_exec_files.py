"""File access over exec channels, for SSH hosts without an SFTP subsystem.

Hardening guides often remove `Subsystem sftp`; Ansible and InSpec then fall back to shell
commands, and so does the SSH transport: reads and stats with `stat -c` + `head -c` (one exec
per file, the stat travelling with the content), directory listings with `find -printf`
(one exec per directory, carrying every entry's lstat like SFTP's readdir). Only POSIX sh and
GNU coreutils/findutils are assumed, as on every Debian and RHEL host.

The functions here build argv and parse output; the transport runs them.
"""

from __future__ import annotations

import stat as statmod
from dataclasses import dataclass

# Follows symlinks like SFTP stat; "%f" is the raw st_mode in hex.
_STAT_FORMAT = "%f %u %g %s"
READ_SCRIPT = (f's=$(stat -L -c "{_STAT_FORMAT}" -- "$1") || exit 3; printf "%s\\n" "$s"; '
               '[ -d "$1" ] || exec head -c "$2" -- "$1"')
_TYPES = {"f": statmod.S_IFREG, "d": statmod.S_IFDIR, "l": statmod.S_IFLNK, "b": statmod.S_IFBLK,
          "c": statmod.S_IFCHR, "p": statmod.S_IFIFO, "s": statmod.S_IFSOCK}
METHOD = "exec (stat, head, find: no SFTP subsystem)"


@dataclass(frozen=True)
class Attrs:
    """The subset of a stat the transport uses (mode includes the file type bits)."""

    mode: int
    uid: int
    gid: int
    size: int


def read_argv(path: str, max_bytes: int) -> list[str]:
    return ["sh", "-c", READ_SCRIPT, "sh", path, str(max_bytes)]


def sudo_read_argv(path: str) -> tuple[str, ...]:
    """Through sudo a plain `cat`: a shell script would make the allow-list an open door."""
    return ("cat", "--", path)


def stat_argv(path: str) -> list[str]:
    return ["stat", "-L", "-c", _STAT_FORMAT, "--", path]


def list_argv(path: str) -> list[str]:
    # -H: a listed symlink to a directory is followed, as SFTP's opendir does
    return ["find", "-H", path, "-maxdepth", "1", "-printf", "%d %y %m %U %G %s %P\\0"]


def parse_stat(line: str) -> Attrs:
    raw, uid, gid, size = line.split()
    return Attrs(int(raw, 16), int(uid), int(gid), int(size))


def parse_read(out: bytes) -> tuple[Attrs, bytes]:
    """READ_SCRIPT's output: the stat line, then (for anything but a directory) the content."""
    head, _, body = out.partition(b"\n")
    return parse_stat(head.decode("ascii")), body


def parse_listing(out: bytes) -> tuple[Attrs | None, dict[str, Attrs]]:
    """find -printf records -> (the directory's own attrs, {name: lstat attrs})."""
    own: Attrs | None = None
    entries: dict[str, Attrs] = {}
    for record in out.split(b"\0"):
        if not record:
            continue
        depth, kind, perms, uid, gid, size, name = record.decode("utf-8", "surrogateescape").split(" ", 6)
        attrs = Attrs(_TYPES.get(kind, 0) | int(perms, 8), int(uid), int(gid), int(size))
        if depth == "0":
            own = attrs
        else:
            entries[name] = attrs
    return own, entries


def failure(stderr: bytes) -> str:
    """'missing', 'denied' or 'other' from a coreutils/findutils error message."""
    text = stderr.decode("utf-8", "replace")
    if "Permission denied" in text:
        return "denied"
    if "No such file" in text or "Not a directory" in text:
        return "missing"
    return "other"
