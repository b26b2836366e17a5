"""sudoers(5): Defaults, aliases (expanded) and user specifications as flat rules.

One rule per (principal, host list, run-as/tag group) with its commands; aliases are
expanded so a policy never needs to know sudoers syntax.
"""

from __future__ import annotations

import re
from typing import Any

_ALIAS_KINDS = {"user_alias": "user", "runas_alias": "runas", "host_alias": "host",
                "cmnd_alias": "cmnd", "cmd_alias": "cmnd"}
_BINDINGS = {":": "user", "@": "host", ">": "runas", "!": "command"}
_TAG = re.compile(r"^(NOPASSWD|PASSWD|NOEXEC|EXEC|SETENV|NOSETENV|LOG_INPUT|NOLOG_INPUT|LOG_OUTPUT|"
                  r"NOLOG_OUTPUT|MAIL|NOMAIL|FOLLOW|NOFOLLOW|INTERCEPT|NOINTERCEPT):\s*")
_OPTION = re.compile(r"^(CWD|CHROOT|ROLE|TYPE|TIMEOUT|NOTBEFORE|NOTAFTER)=\S+\s*")
_INCLUDE = re.compile(r"^[#@](include|includedir)\s+(\S+)")
_ALIAS_SPLIT = re.compile(r"\s*:\s*(?=[A-Z][A-Z0-9_]*\s*=)")


def parse(output: str, command: str = "cat /etc/sudoers") -> dict[str, Any]:
    """Golden-test entry: one file's text."""
    return parse_sudoers([(command.split()[-1], output)])


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, line) with backslash continuations joined and comments dropped."""
    out: list[tuple[int, str]] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not pending:
            start = number
        line = raw.rstrip()
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        if not full:
            continue
        if full.startswith("#") and not _INCLUDE.match(full) and not re.match(r"#\d+\s", full):
            continue
        out.append((start, re.sub(r"\s+#(?!\d).*$", "", full) if not full.startswith("#") else full))
    return out


def includes_of(text: str) -> list[tuple[str, str]]:
    """[(include|includedir, path)] in file order."""
    found = []
    for _n, line in logical_lines(text):
        m = _INCLUDE.match(line)
        if m:
            found.append((m.group(1), m.group(2)))
    return found


def split_list(text: str, sep: str = ",") -> list[str]:
    """Split on separators outside quotes, parentheses and backslash escapes."""
    items: list[str] = []
    current = ""
    depth = 0
    quoted = False
    escaped = False
    for ch in text:
        if escaped:
            current += ch
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == "(" and not quoted:
            depth += 1
        elif ch == ")" and not quoted:
            depth -= 1
        if ch == sep and not quoted and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        items.append(current.strip())
    return items


def parse_sudoers(files: list[tuple[str, str]]) -> dict[str, Any]:
    """files: (path, text) in include order."""
    aliases: dict[str, dict[str, list[str]]] = {k: {} for k in ("user", "runas", "host", "cmnd")}
    defaults: list[dict[str, Any]] = []
    specs: list[tuple[str, int, str]] = []
    includes: list[dict[str, Any]] = []
    for path, text in files:
        for number, line in logical_lines(text):
            keyword = line.split(None, 1)[0]
            m = _INCLUDE.match(line)
            if m:
                includes.append({"file": path, "line": number, "kind": m.group(1), "path": m.group(2)})
            elif keyword.lower() in _ALIAS_KINDS:
                _alias(aliases[_ALIAS_KINDS[keyword.lower()]], line.split(None, 1)[1])
            elif keyword.startswith("Defaults"):
                defaults.extend(_defaults(line, path, number))
            else:
                specs.append((path, number, line))
    rules = [r for path, number, line in specs for r in _rules(line, path, number, aliases)]
    _mark_authenticate(rules, defaults, aliases)
    return {"defaults": defaults, "aliases": aliases, "rules": rules, "includes": includes}


def _alias(table: dict[str, list[str]], body: str) -> None:
    for definition in _ALIAS_SPLIT.split(body):
        name, _, members = definition.partition("=")
        table[name.strip()] = split_list(members)


def _defaults(line: str, path: str, number: int) -> list[dict[str, Any]]:
    head, _, rest = line.partition(" ")
    if "\t" in head:
        head, _, tail = head.partition("\t")
        rest = f"{tail} {rest}"
    binding_type, binding = "global", None
    if len(head) > len("Defaults"):
        binding_type = _BINDINGS.get(head[8], "global")
        binding = head[9:]
    out = []
    for item in split_list(rest.strip()):
        negated = item.startswith("!")
        name, op, value = item.lstrip("!").partition("=")
        op_name = name.rstrip("+-")
        out.append({"name": op_name.strip(), "value": value.strip().strip('"') if op else None,
                    "negated": negated, "operator": (name[len(op_name):] + op) if op else None,
                    "binding_type": binding_type, "binding": binding, "file": path, "line": number})
    return out


def _expand(items: list[str], table: dict[str, list[str]], depth: int = 0) -> list[str]:
    out: list[str] = []
    for item in items:
        neg = item.startswith("!")
        name = item.lstrip("!").strip()
        if name in table and depth < 16:
            out.extend(("!" + x if neg else x) for x in _expand(table[name], table, depth + 1))
        else:
            out.append(item.strip())
    return out


def _principal(entry: str) -> tuple[str, str, bool]:
    negated = entry.startswith("!")
    name = entry.lstrip("!")
    if name == "ALL":
        return name, "all", negated
    if name.startswith("%:"):
        return name[2:], "nonunix_group", negated
    if name.startswith("%#"):
        return name[2:], "gid", negated
    if name.startswith("%"):
        return name[1:], "group", negated
    if name.startswith("+"):
        return name[1:], "netgroup", negated
    if name.startswith("#"):
        return name[1:], "uid", negated
    return name, "user", negated


def _rules(line: str, path: str, number: int,
           aliases: dict[str, dict[str, list[str]]]) -> list[dict[str, Any]]:
    left, eq, right = line.partition("=")
    if not eq:
        raise ValueError(f"{path}:{number}: cannot parse sudoers line")
    words = re.sub(r"\s*,\s*", ",", left.strip()).split()
    if len(words) < 2:
        raise ValueError(f"{path}:{number}: a user specification needs users and hosts")
    users = _expand(split_list(words[0]), aliases["user"])
    pieces = [(" ".join(words[1:]), right)]
    chunks = re.split(r"\s+:\s+(?=[^=()]+=)", right)
    if len(chunks) > 1:
        pieces = [(" ".join(words[1:]), chunks[0])]
        for chunk in chunks[1:]:
            hosts, _, spec = chunk.partition("=")
            pieces.append((hosts.strip(), spec))
    rules: list[dict[str, Any]] = []
    for hosts, spec in pieces:
        host_list = _expand(split_list(hosts.replace(" ", "")), aliases["host"])
        for group in _command_groups(spec, aliases):
            for entry in users:
                name, ptype, negated = _principal(entry)
                rules.append({"principal": name, "principal_type": ptype, "negated": negated,
                              "hosts": host_list, **group, "file": path, "line": number})
    return rules


def _command_groups(spec: str, aliases: dict[str, dict[str, list[str]]]) -> list[dict[str, Any]]:
    """Commands grouped by (runas, tags); runas and tags carry over to later commands."""
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    runas = "root"
    tags: dict[str, bool] = {}
    for item in split_list(spec.strip()):
        rest = item
        m = re.match(r"^\(([^)]*)\)\s*", rest)
        if m:
            runas = _runas(m.group(1), aliases["runas"])
            tags = {}
            rest = rest[m.end():]
        while True:
            t = _TAG.match(rest) or _OPTION.match(rest)
            if not t:
                break
            word = t.group(1)
            if t.re is _TAG:
                positive = not word.startswith("NO") or word in ("NOPASSWD",)
                base = word if word == "NOPASSWD" or not word.startswith("NO") else word[2:]
                if word == "PASSWD":
                    base, positive = "NOPASSWD", False
                tags[base] = positive
            rest = rest[t.end():]
        key = (runas, tuple(sorted(k for k, v in tags.items() if v)))
        groups.setdefault(key, []).extend(_expand([" ".join(rest.split())], aliases["cmnd"]))
    return [{"runas": r, "tags": list(t), "nopasswd": "NOPASSWD" in t, "commands": cmds}
            for (r, t), cmds in groups.items()]


def _runas(text: str, table: dict[str, list[str]]) -> str:
    users, colon, grps = text.partition(":")
    u = ",".join(_expand(split_list(users), table)) or "root"
    return f"{u}:{','.join(_expand(split_list(grps), table))}" if colon else u


def _mark_authenticate(rules: list[dict[str, Any]], defaults: list[dict[str, Any]],
                       aliases: dict[str, dict[str, list[str]]]) -> None:
    """authenticate = a password is asked: not NOPASSWD and no `Defaults !authenticate` for them."""
    off_all = any(d["name"] == "authenticate" and d["negated"] and d["binding_type"] == "global"
                  for d in defaults)
    off_users = {u for d in defaults if d["name"] == "authenticate" and d["negated"]
                 and d["binding_type"] == "user"
                 for u in _expand(split_list(d["binding"] or ""), aliases["user"])}
    for rule in rules:
        key = ("%" if rule["principal_type"] == "group" else "") + rule["principal"]
        rule["authenticate"] = not (rule["nopasswd"] or off_all or key in off_users)
