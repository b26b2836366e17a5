"""Audit rules (rules.d files or `auditctl -l`), `auditctl -s` status and auditd.conf.

Watches are normalised: `-w PATH -p PERMS -k KEY` and `-a always,exit -F path=|dir=PATH
-F perm=PERMS -F key=KEY` both give kind "watch" with path, perms and key, so a rule can ask
"is this path watched for r and w" without caring which syntax was used.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

_FIELD = re.compile(r"^(?P<name>[a-z0-9_]+)(?P<op>>=|<=|!=|=|>|<|&=|&)(?P<value>.*)$")
_CONTROL = {"-e", "-f", "-b", "-r", "-D", "--backlog_wait_time", "--loginuid-immutable", "-c", "-i"}


def parse(output: str, command: str = "cat /etc/audit/rules.d/audit.rules") -> dict[str, Any]:
    path = command.split()[-1] if command.startswith("cat ") else command
    rules = []
    for number, raw in enumerate(output.splitlines(), 1):
        text = raw.strip()
        if not text or text.startswith("#") or text == "No rules":
            continue
        try:
            words = shlex.split(text)
        except ValueError:
            words = text.split()
        rule = _rule(words)
        rules.append({**rule, "raw": text, "file": path, "line": number})
    return {"rules": rules}


def _rule(words: list[str]) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "kind": "other",
        "path": None,
        "perms": None,
        "key": None,
        "syscalls": [],
        "fields": [],
        "action": None,
        "control": None,
    }
    if words[0] in _CONTROL:
        rule["kind"] = "control"
        rule["control"] = {"flag": words[0], "value": words[1] if len(words) > 1 else None}
        return rule
    i = 0
    while i < len(words):
        flag, value = words[i], words[i + 1] if i + 1 < len(words) else None
        i += 2
        if flag == "-w":
            rule["kind"], rule["path"] = "watch", value
        elif flag == "-p":
            rule["perms"] = value
        elif flag == "-k":
            rule["key"] = value
        elif flag in ("-a", "-A"):
            rule["kind"], rule["action"] = "syscall", value
        elif flag == "-S" and value:
            rule["syscalls"] += value.split(",")
        elif flag == "-F" and value:
            _field(rule, value)
        else:
            i -= 1  # a flag without a value
    return rule


def _field(rule: dict[str, Any], text: str) -> None:
    m = _FIELD.match(text)
    if not m:
        return
    name, op, value = m["name"], m["op"], m["value"]
    if name in ("path", "dir") and op == "=":
        rule["kind"], rule["path"] = "watch", value
    elif name == "perm":
        rule["perms"] = value
    elif name == "key":
        rule["key"] = value
    else:
        rule["fields"].append({"name": name, "op": op, "value": value})


def parse_status(output: str, command: str = "auditctl -s") -> dict[str, Any]:
    values: dict[str, Any] = {}
    for line in output.splitlines():
        words = line.split()
        if len(words) >= 2:
            values[words[0]] = int(words[1]) if words[1].lstrip("-").isdigit() else words[1]
    return {
        "enabled": values.get("enabled"),
        "pid": values.get("pid"),
        "failure": values.get("failure"),
        "backlog_limit": values.get("backlog_limit"),
        "lost": values.get("lost"),
    }


def parse_conf(output: str, command: str = "cat /etc/audit/auditd.conf") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for raw in output.splitlines():
        text = raw.split("#", 1)[0].strip()
        key, sep, value = text.partition("=")
        if sep:
            v = value.strip()
            out[key.strip().lower()] = (
                int(v) if v.isdigit() else v.lower() if key.strip().endswith("action") else v
            )
    return out


def immutable(rules: list[dict[str, Any]]) -> bool:
    """auditctl applies `-e 2` when it reads it; CIS wants it as the final rule."""
    controls = [r["control"] for r in rules if r["kind"] == "control" and r["control"]["flag"] == "-e"]
    return bool(controls) and controls[-1]["value"] == "2"
