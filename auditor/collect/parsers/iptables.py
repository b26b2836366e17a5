"""`iptables-save` / `ip6tables-save`: the filter table's INPUT policy, final drop and allows.

Jumps into user chains (ufw, fail2ban, hand-made) are followed with the jumping rule's
conditions carried along. Unmodelled matches are ignored, which only widens an allow.
"""

from __future__ import annotations

import shlex
from typing import Any

ANY = {"ipv4": "0.0.0.0/0", "ipv6": "::/0"}
_DROP = frozenset({"DROP", "REJECT"})
_MAX_DEPTH = 8
_NO_VALUE = frozenset({"--syn", "--rcheck", "--update", "--set", "--remove", "--log-uid",
                       "--log-tcp-options", "--log-ip-options", "--log-tcp-sequence"})


def parse(output: str, command: str = "iptables-save") -> dict[str, Any]:
    family = "ipv6" if command.split()[0].endswith("ip6tables-save") else "ipv4"
    return parse_save(output, family)


def _tables(text: str) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("*"):
            current = tables.setdefault(line[1:], {"policies": {}, "rules": {}})
        elif current is None or line == "COMMIT":
            continue
        elif line.startswith(":"):
            name, policy = line[1:].split()[:2]
            current["policies"][name] = policy
            current["rules"].setdefault(name, [])
        elif line.startswith("-A "):
            args = shlex.split(line)
            current["rules"].setdefault(args[1], []).append(_rule(args[2:]))
    return tables


def _rule(args: list[str]) -> dict[str, Any]:
    rule: dict[str, Any] = {"target": None, "src": None, "proto": None, "ports": None, "iface": None,
                            "states": None, "other": False}
    i = 0
    while i < len(args):
        a, nxt = args[i], args[i + 1] if i + 1 < len(args) else ""
        negated = a == "!"
        if negated:
            i += 1
            a, nxt = args[i], args[i + 1] if i + 1 < len(args) else ""
        if a in ("-j", "-g", "--jump", "--goto"):
            rule["target"] = nxt
        elif a in ("-s", "--source") and not negated:
            rule["src"] = nxt.split(",")
        elif a in ("-p", "--protocol") and not negated:
            rule["proto"] = nxt
        elif a in ("--dport", "--dports", "--destination-port", "--destination-ports") and not negated:
            rule["ports"] = _ports(nxt)
        elif a in ("-i", "--in-interface") and not negated:
            rule["iface"] = nxt
        elif a in ("--ctstate", "--state") and not negated:
            rule["states"] = nxt.split(",")
        elif a in ("-m", "--match", "-d", "--destination", "--comment", "--reject-with", "--tcp-flags",
                   "--sport", "--sports", "--icmp-type", "--icmpv6-type", "--log-prefix", "--limit"):
            pass
        elif a.startswith("-"):
            rule["other"] = True
        i += 2 if a.startswith("-") and a not in _NO_VALUE else 1
    return rule


def _ports(text: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition(":")
        if lo.isdigit():
            out.append((int(lo), int(hi) if hi.isdigit() else int(lo)))
    return out or [(0, 65535)]


def _is_final_drop(rule: dict[str, Any]) -> bool:
    unconditional = not any(rule[k] for k in ("src", "proto", "ports", "iface", "states", "other"))
    return unconditional and rule["target"] in _DROP


def parse_save(text: str, family: str = "ipv4") -> dict[str, Any]:
    tables = _tables(text)
    filt = tables.get("filter", {"policies": {}, "rules": {}})
    input_rules = filt["rules"].get("INPUT", [])
    policy = filt["policies"].get("INPUT")
    allows = _walk(filt["rules"], "INPUT", family, {}, 0)
    return {
        "present": bool(tables),
        "input_policy": policy.lower() if policy else None,
        "has_final_drop": bool(input_rules) and _is_final_drop(input_rules[-1]),
        "rule_count": sum(len(r) for t in tables.values() for r in t["rules"].values()),
        "input_rule_count": len(input_rules),
        "user_chains": sorted(c for c, p in filt["policies"].items() if p == "-"),
        "effective_allow": allows,
        "backend_variant": "nf_tables" if "(nf_tables)" in text else ("legacy" if tables else None),
    }


def _walk(chains: dict[str, list[dict[str, Any]]], chain: str, family: str, inherited: dict[str, Any],
          depth: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if depth > _MAX_DEPTH:
        return out
    for rule in chains.get(chain, []):
        if rule["states"] is not None and "NEW" not in rule["states"]:
            continue  # return traffic
        cond = dict(inherited)
        for key in ("src", "proto", "ports", "iface"):
            if rule[key]:
                cond[key] = rule[key]
        target = rule["target"]
        if target == "ACCEPT":
            out.extend(_entries(cond, family))
        elif target in chains:
            out.extend(_walk(chains, target, family, cond, depth + 1))
    return out


def _entries(cond: dict[str, Any], family: str) -> list[dict[str, Any]]:
    src = sorted(s if "/" in s else f"{s}/{128 if ':' in s else 32}"
                 for s in (cond.get("src") or [ANY[family]]))
    return [{"family": family, "proto": cond.get("proto") or "any", "dport": lo, "dport_end": hi,
             "any_port": "ports" not in cond, "src_cidrs": src, "iface": cond.get("iface"),
             "action": "accept"} for lo, hi in (cond.get("ports") or [(0, 65535)])]
