"""The sudo allow-list: which argv a non-root audit user may run through sudo, and its sudoers.

One matcher for everyone: the SSH transport refuses (before sending) any sudo argv no entry
matches, the tests check collectors with the same function, and `dpp-auditor sudoers` renders
the same entries as sudoers regular expressions (sudo >= 1.9.10), so the host's sudo enforces
what the transport enforces and nothing wider than one argument at a time.

An entry is a list of argument patterns (collector specs' `sudo_commands`; a string is split
on whitespace), compared with argv one by one:
- a literal matches itself exactly (it may hold spaces, like a `find -printf` format);
- `*` inside a pattern matches any run of characters except a space, `/` included, so
  `*/.ssh/authorized_keys` matches /root/.ssh/authorized_keys and /home/alice/.ssh/...;
  the transport also refuses a `..` path component reached through a wildcard;
- an upper-case word after `=` (`user=U`) is a placeholder: anything but a space or comma;
- a last pattern `...` stands for one or more further arguments, each without a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

Entry = tuple[str, ...]
REST = "..."
_PIECES = re.compile(r"(\*|(?<==)[A-Z]+(?=,|$))")
_DOTDOT = re.compile(r"(^|/)\.\.(/|$)")
# Where a Debian or RHEL host keeps these commands; sudo compares the resolved path (or inode).
COMMAND_DIRS = ("/usr/bin", "/usr/sbin", "/bin", "/sbin")


def entry(value: str | Sequence[str]) -> Entry:
    return tuple(value.split()) if isinstance(value, str) else tuple(str(v) for v in value)


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    pieces = _PIECES.split(pattern)
    body = "".join(re.escape(p) if i % 2 == 0 else ("[^ ]*" if p == "*" else "[^ ,]*")
                   for i, p in enumerate(pieces))
    return re.compile(body, re.DOTALL)


def allowed(argv: Sequence[str], allowed_entry: str | Sequence[str]) -> bool:
    """Does argv match this allow-list entry?"""
    patterns = entry(allowed_entry)
    if patterns and patterns[-1] == REST:
        fixed, rest = patterns[:-1], list(argv[len(patterns) - 1:])
        if not rest or any(" " in a for a in rest):
            return False
    else:
        fixed, rest = patterns, []
        if len(argv) != len(patterns):
            return False
    for pattern, arg in zip(fixed, argv, strict=False):
        if _regex(pattern).fullmatch(arg) is None:
            return False
        if pattern != arg and _DOTDOT.search(arg):
            return False
    return all(_DOTDOT.search(a) is None for a in rest)


def allowed_by_any(argv: Sequence[str], entries: Iterable[str | Sequence[str]]) -> bool:
    return any(allowed(argv, e) for e in entries)


def spec_entries() -> tuple[Entry, ...]:
    """Every collector spec's sudo_commands (argument lists as written) and the sudo file
    fallbacks for their declared files: the default list."""
    from auditor.collect.specs import load_specs  # late: specs import collectors lazily

    found = {entry(e) for spec in load_specs().values() for e in spec.raw.get("sudo_commands") or ()}
    return tuple(sorted(found | set(file_entries())))


def file_entries() -> tuple[Entry, ...]:
    """Reads, stats and listings through sudo of the files host collectors declare (`files`):
    the SSH transport's fallback when the login user may not read one of them."""
    from auditor.collect.specs import load_specs
    from auditor.collect.transports import ssh_exec_files as xf

    found: set[Entry] = set()
    for spec in load_specs().values():
        if not spec.id.startswith("host."):
            continue
        for declared in spec.files:
            if not declared.startswith("/"):
                continue  # ~/... : the user's own files, readable without sudo
            glob = re.sub(r"<[^>]*>", "*", declared).replace("**", "*").rstrip("/") or "/"
            found.add(xf.sudo_read_argv(glob))
            found.add(tuple(xf.stat_argv(glob)))
            for directory in {glob, glob.rsplit("/", 1)[0] or "/"}:
                found.add(tuple(xf.list_argv(directory)))
    return tuple(sorted(found))


# --- sudoers -------------------------------------------------------------------------------

def _sudoers_literal(text: str) -> str:
    out = []
    for ch in text:
        if ch == " ":
            out.append(" ")
        elif not ch.isprintable() or ch in "\\\"'#":
            out.append(".")  # one any-character: sudoers lines cannot hold these as-is
        elif ch in ",:=()!":
            out.append("\\" + ch)  # sudoers' own specials, escaped for its parser
        elif ch in ".^$*+?[]{}|":
            out.append("[" + ch + "]" if ch not in "^]" else "\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _sudoers_pattern(pattern: str) -> str:
    pieces = _PIECES.split(pattern)
    return "".join(_sudoers_literal(p) if i % 2 == 0 else ("[^ ]*" if p == "*" else "[^ \\,]*")
                   for i, p in enumerate(pieces))


def sudoers_command(allowed_entry: Sequence[str], directory: str) -> str:
    """One Cmnd for sudoers: the command's full path and an anchored regex of its arguments."""
    name, *args = allowed_entry
    if not args:
        return f"{directory}/{name} \"\""  # "" = no arguments at all, as the transport allows
    parts = [_sudoers_pattern(a) for a in args if a != REST]
    regex = " ".join(parts) + (" [^ ]+( [^ ]+)*" if args[-1] == REST else "")
    return f"{directory}/{name} ^{regex}$"


def sudoers_snippet(user: str, entries: Iterable[Sequence[str]]) -> str:
    """A sudoers.d file letting `user` run exactly these entries as root, without a password."""
    if not re.fullmatch(r"[a-z_][a-z0-9_.-]*", user):
        raise ValueError(f"not a valid user name for sudoers: {user!r}")
    commands = [sudoers_command(e, d) for e in entries for d in COMMAND_DIRS]
    alias = "DPP_AUDIT_" + re.sub(r"[^A-Z0-9_]", "_", user.upper())
    lines = ["# dpp-auditor: what the host collectors run through sudo (`dpp-auditor sudoers`).",
             "# Install as /etc/sudoers.d/dpp-auditor (mode 0440) and check it: visudo -c -f FILE",
             f"Cmnd_Alias {alias} = \\", ",\\\n".join(f"    {c}" for c in commands), "",
             f"Defaults:{user} !requiretty, !lecture",
             f"{user} ALL=(root) NOPASSWD: {alias}", ""]
    return "\n".join(lines)
