"""ufw (`ufw status verbose`, /etc/ufw/ufw.conf, /etc/default/ufw), firewalld state, and the
nftables.conf text of a mounted image (where `nft -j` cannot run)."""

from __future__ import annotations

import re
from typing import Any

_FINAL_DROP = re.compile(r"(counter\s+)?(log\s+.*\s+)?(drop|reject.*)")


def parse(output: str, command: str = "ufw status verbose") -> dict[str, Any]:
    if command.startswith("ufw"):
        return parse_status(output)
    if command.endswith("nftables.conf"):
        return parse_nftables_conf(output)
    return {"settings": parse_shell_vars(output)}


def parse_status(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {"status": None, "default_incoming": None, "default_outgoing": None,
                           "default_routed": None, "logging": None, "rules": []}
    in_rules = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("Status:"):
            out["status"] = line.split(":", 1)[1].strip()
        elif line.startswith("Logging:"):
            out["logging"] = line.split(":", 1)[1].strip()
        elif line.startswith("Default:"):
            for value, direction in re.findall(r"(\w+) \((incoming|outgoing|routed)\)", line):
                out[f"default_{direction}"] = value
        elif line.startswith("--"):
            in_rules = True
        elif in_rules and line:
            m = re.match(r"^(.+?)\s{2,}((?:ALLOW|DENY|REJECT|LIMIT)(?: (?:IN|OUT|FWD))?)\s{2,}(.+)$", line)
            if m:
                to, action, src = m.groups()
                out["rules"].append({"to": to.replace(" (v6)", ""), "action": action.lower(),
                                     "from": src.replace(" (v6)", ""), "v6": "(v6)" in line})
    return out


def parse_shell_vars(text: str) -> dict[str, str]:
    """KEY=value lines (ufw.conf, /etc/default/ufw); quotes removed."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$", line)
        if m:
            out[m.group(1)] = m.group(2).strip("\"'")
    return out


def parse_nftables_conf(text: str) -> dict[str, Any]:
    """Input-hook chains of an nftables.conf: policy and whether the last statement drops."""
    chains = []
    for m in re.finditer(r"chain\s+(\S+)\s*\{(.*?)\n\s*\}", text, re.S):
        body = m.group(2)
        hook = re.search(r"type\s+filter\s+hook\s+input\b[^;]*;\s*(?:policy\s+(\w+)\s*;)?", body)
        if not hook:
            continue
        statements = [s.strip() for s in re.split(r"[;\n]", body)
                      if s.strip() and not s.strip().startswith(("#", "type ", "policy "))]
        last = statements[-1] if statements else ""
        chains.append({"name": m.group(1), "policy": hook.group(1) or "accept",
                       "has_final_drop": bool(_FINAL_DROP.fullmatch(last))})
    return {"input_chains": chains}


def firewalld_input_policy(target: str | None) -> str | None:
    """A zone target of default/%%REJECT%%/REJECT/DROP rejects what no rule allows."""
    if target is None:
        return None
    t = target.strip().strip("%").upper()
    if t in ("DEFAULT", "REJECT"):
        return "reject"
    if t == "DROP":
        return "drop"
    return "accept"
