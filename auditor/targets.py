"""Targets from -t URIs and from Ansible inventories (INI and YAML).

Target ids are stable across runs: `local`, the SSH host name or alias (`:port` only when
not 22), `https://host:port`, `rootfs:PATH`; inventory hosts keep their inventory name.
SSH options that the transport reads from Target.options: user, port, identity_file,
proxy_jump; inventory hosts also carry their sorted `groups`.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from auditor import inputs
from auditor.errors import UsageError
from auditor.models import Target, TargetKind

_FORMS = "local, ssh://[user@]host[:port], https://host[:port] or rootfs:PATH"


def _split(uri: str) -> Any:
    try:
        parts = urlsplit(uri)
        _ = parts.port  # raises on a bad port
    except ValueError as exc:
        raise UsageError(f"target {uri!r}: {exc}") from exc
    if not parts.hostname or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise UsageError(f"target {uri!r}: expected {_FORMS}")
    return parts


def _host_text(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_target_uri(uri: str) -> Target:
    """One -t value (or config `targets:` string) -> Target."""
    text = uri.strip()
    if text == "local":
        return Target(id="local", kind=TargetKind.host, address="local")
    if text.startswith("rootfs:"):
        path = text.removeprefix("rootfs:")
        if not path:
            raise UsageError(f"target {uri!r}: rootfs needs a path, e.g. rootfs:/mnt/image")
        if not inputs.check_path(path).is_dir():
            raise UsageError(f"target {uri!r}: {path} is not a directory (a mounted root filesystem)")
        return Target(id=f"rootfs:{path}", kind=TargetKind.host, address=f"rootfs:{path}")
    if text.startswith("ssh://"):
        parts = _split(text)
        # An omitted user or port stays omitted: ~/.ssh/config may set them for an alias.
        host, port = _host_text(parts.hostname), parts.port
        ident = host if port in (None, 22) else f"{host}:{port}"
        user = f"{parts.username}@" if parts.username else ""
        suffix = f":{port}" if port else ""
        return Target(id=ident, kind=TargetKind.host, address=f"ssh://{user}{host}{suffix}")
    if text.startswith("https://"):
        parts = _split(text)
        hostport = f"{_host_text(parts.hostname)}:{parts.port or 443}"
        return Target(id=f"https://{hostport}", kind=TargetKind.endpoint, address=f"https://{hostport}")
    raise UsageError(f"target {uri!r}: expected {_FORMS}")


# --- Ansible inventories ----------------------------------------------------------------

_CONNECTION_VARS = {
    "ansible_host": "host", "ansible_ssh_host": "host",
    "ansible_user": "user", "ansible_ssh_user": "user",
    "ansible_port": "port", "ansible_ssh_port": "port",
    "ansible_ssh_private_key_file": "identity_file", "ansible_private_key_file": "identity_file",
    "ansible_connection": "connection",
}
_RANGE = re.compile(r"\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::([0-9]+))?\]")


@dataclass
class _Group:
    name: str
    vars: dict[str, tuple[Any, str]] = field(default_factory=dict)  # value, where (file:line)
    children: list[tuple[str, str]] = field(default_factory=list)  # child name, where
    hosts: list[str] = field(default_factory=list)


@dataclass
class _Inventory:
    path: Path
    groups: dict[str, _Group] = field(default_factory=dict)
    host_vars: dict[str, dict[str, tuple[Any, str]]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def group(self, name: str) -> _Group:
        return self.groups.setdefault(name, _Group(name))

    def add_host(self, group: str, name: str, hvars: dict[str, tuple[Any, str]]) -> None:
        if name not in self.host_vars:
            self.host_vars[name] = {}
            self.order.append(name)
        self.host_vars[name].update(hvars)
        if name not in self.group(group).hosts:
            self.group(group).hosts.append(name)


def load_ansible_inventory(path: str | Path) -> list[Target]:
    """An Ansible inventory file (INI or YAML) -> host targets, in file order."""
    path = inputs.check_path(path)
    text = inputs.read_text(path, "inventory")  # a FIFO, bad UTF-8 or a 5 MB line: exit 2
    inv = _Inventory(path)
    if path.suffix in (".yml", ".yaml") or _looks_like_yaml(text):
        inputs.parse_yaml(text, str(path))  # duplicate keys, depth and dates, with their line
        _parse_yaml(inv, text)
    else:
        _parse_ini(inv, text)
    return [_target(inv, name) for name in inv.order]


def _looks_like_yaml(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", ";")):
            return stripped.startswith("---") or (stripped.endswith(":") and not stripped.startswith("["))
    return False


def expand_host_pattern(pattern: str, where: str) -> list[str]:
    """Ansible host ranges: web[01:03].example.com -> web01, web02, web03 (also [a:c], [0:9:2])."""
    match = _RANGE.search(pattern)
    if not match:
        return [pattern]
    start, end, step = match.group(1), match.group(2), int(match.group(3) or 1)
    head, tail = pattern[: match.start()], pattern[match.end():]
    if start.isdigit() != end.isdigit() or step < 1:
        raise UsageError(f"{where}: invalid host range {match.group(0)}")
    if start.isdigit():
        width = len(start) if start.startswith("0") else 0
        items = [f"{i:0{width}d}" for i in range(int(start), int(end) + 1, step)]
    else:
        items = [chr(c) for c in range(ord(start), ord(end) + 1, step)]
    if not items:
        raise UsageError(f"{where}: empty host range {match.group(0)}")
    return [name for item in items for name in expand_host_pattern(head + item + tail, where)]


# --- INI ----------------------------------------------------------------------------------

def _ini_pairs(tokens: list[str], where: str) -> dict[str, tuple[Any, str]]:
    pairs: dict[str, tuple[Any, str]] = {}
    for token in tokens:
        key, sep, value = token.partition("=")
        if not sep or not key:
            raise UsageError(f"{where}: expected key=value, got {token!r}")
        pairs[key] = (value, where)
    return pairs


def _parse_ini(inv: _Inventory, text: str) -> None:
    section, kind = "ungrouped", "hosts"
    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"{inv.path}:{number}"
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            if not line.endswith("]") or len(line) < 3:
                raise UsageError(f"{where}: malformed section header {line!r}")
            section, _, kind = line[1:-1].partition(":")
            kind = kind or "hosts"
            if kind not in ("hosts", "vars", "children") or not section:
                raise UsageError(f"{where}: unknown section kind {line!r} (use :vars or :children)")
            inv.group(section)
            continue
        try:
            tokens = shlex.split(line, comments=True)
        except ValueError as exc:
            raise UsageError(f"{where}: {exc}") from exc
        if kind == "vars":
            inv.group(section).vars.update(_ini_pairs(tokens, where))
        elif kind == "children":
            inv.group(section).children.append((tokens[0], where))
        else:
            hvars = _ini_pairs(tokens[1:], where)
            for name in expand_host_pattern(tokens[0], where):
                inv.add_host(section, name, hvars)
    _check_children(inv)


def _check_children(inv: _Inventory) -> None:
    for group in list(inv.groups.values()):
        for child, where in group.children:
            if child not in inv.groups:
                raise UsageError(f"{where}: child group {child!r} of {group.name!r} is not defined")


# --- YAML ---------------------------------------------------------------------------------

def _where(inv: _Inventory, node: yaml.Node) -> str:
    return f"{inv.path}:{node.start_mark.line + 1}"


def _mapping(inv: _Inventory, node: yaml.Node | None, what: str) -> list[tuple[str, yaml.Node]]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        return []
    if not isinstance(node, yaml.MappingNode):
        raise UsageError(f"{_where(inv, node)}: {what} must be a mapping")
    out = []
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise UsageError(f"{_where(inv, key)}: {what} keys must be names")
        out.append((str(key.value), value))
    return out


def _yaml_vars(inv: _Inventory, node: yaml.Node | None, what: str) -> dict[str, tuple[Any, str]]:
    out: dict[str, tuple[Any, str]] = {}
    for key, value in _mapping(inv, node, what):
        data = yaml.safe_load(yaml.serialize(value))
        out[key] = (data, _where(inv, value))
    return out


def _parse_yaml(inv: _Inventory, text: str) -> None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise UsageError(f"{inv.path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    for name, node in _mapping(inv, root, "the inventory"):
        _yaml_group(inv, name, node)
    _check_children(inv)


def _yaml_group(inv: _Inventory, name: str, node: yaml.Node) -> None:
    group = inv.group(name)
    for key, value in _mapping(inv, node, f"group {name!r}"):
        if key == "hosts":
            for host, hnode in _mapping(inv, value, f"hosts of {name!r}"):
                hvars = _yaml_vars(inv, hnode, f"host {host!r}")
                for expanded in expand_host_pattern(host, _where(inv, hnode)):
                    inv.add_host(name, expanded, hvars)
        elif key == "vars":
            group.vars.update(_yaml_vars(inv, value, f"vars of {name!r}"))
        elif key == "children":
            for child, cnode in _mapping(inv, value, f"children of {name!r}"):
                group.children.append((child, _where(inv, cnode)))
                _yaml_group(inv, child, cnode)
        else:
            raise UsageError(f"{_where(inv, value)}: unknown key {key!r} in group {name!r} "
                             "(use hosts, vars, children)")


# --- hosts -> targets -------------------------------------------------------------------

def _ancestry(inv: _Inventory, host: str) -> list[str]:
    """The host's groups, shallowest first (all, then parents, then children), as Ansible merges."""
    parents: dict[str, set[str]] = {}
    for group in inv.groups.values():
        for child, _ in group.children:
            parents.setdefault(child, set()).add(group.name)
    depth: dict[str, int] = {}

    def visit(name: str, level: int, seen: frozenset[str]) -> None:
        if name in seen:
            return
        depth[name] = max(depth.get(name, 0), level)
        for parent in parents.get(name, ()):
            visit(parent, level - 1, seen | {name})

    for group in inv.groups.values():
        if host in group.hosts:
            visit(group.name, 0, frozenset())
    names = set(depth) | {"all"}
    return sorted(names, key=lambda g: (g != "all", depth.get(g, -10**6), g))


def _target(inv: _Inventory, name: str) -> Target:
    groups = _ancestry(inv, name)
    merged: dict[str, tuple[Any, str]] = {}
    for group in groups:
        if group in inv.groups:
            merged.update(inv.groups[group].vars)
    merged.update(inv.host_vars[name])
    conn = {_CONNECTION_VARS[k]: v for k, v in merged.items() if k in _CONNECTION_VARS}
    options: dict[str, Any] = {"groups": [g for g in groups if g not in ("all", "ungrouped")]}
    if conn.get("connection", (None, ""))[0] == "local":
        return Target(id=name, kind=TargetKind.host, address="local", options=options)
    host = str(conn.get("host", (name, ""))[0])
    user = conn.get("user", (None, ""))[0]
    port = f":{_port(conn['port'])}" if "port" in conn else ""
    if "identity_file" in conn:
        options["identity_file"] = str(Path(str(conn["identity_file"][0])).expanduser())
    auth = f"{user}@" if user else ""
    return Target(id=name, kind=TargetKind.host, address=f"ssh://{auth}{_host_text(host)}{port}",
                  options=options)


def _port(entry: tuple[Any, str]) -> int:
    value, where = entry
    try:
        port = int(str(value))
    except ValueError:
        raise UsageError(f"{where}: ansible_port must be a number, got {value!r}") from None
    if not 0 < port < 65536:
        raise UsageError(f"{where}: ansible_port {port} is out of range")
    return port
