"""`nft -j list ruleset`: input-hook policy, final drop, and what is allowed from where.

Rules reached from input base chains (directly or through jump/goto) that end in accept
become `effective_allow` entries. Conditions this parser does not model are ignored,
which can only widen an entry: a reported allow may in fact be narrower, never wider.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

FAMILIES = {"ip": ("ipv4",), "ip6": ("ipv6",), "inet": ("ipv4", "ipv6")}
ANY = {"ipv4": "0.0.0.0/0", "ipv6": "::/0"}
_STATEMENTS = frozenset({"counter", "log", "limit", "comment", "meta", "quota"})
_MAX_DEPTH = 8


def parse(output: str, command: str = "nft -j list ruleset") -> dict[str, Any]:
    return parse_ruleset(output)


def canonical_sha256(doc: dict[str, Any]) -> str:
    """Hash of the ruleset without handles, counters and version info (stable across runs)."""
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()
                    if k not in ("handle", "metainfo") and not (k == "counter" and isinstance(v, dict))}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    items = [strip(o) for o in doc.get("nftables", []) if "metainfo" not in o]
    return hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()


def parse_ruleset(text: str, skip_tables: frozenset[tuple[str, str]] = frozenset()) -> dict[str, Any]:
    """skip_tables: (family, name) of tables read through iptables-save instead."""
    doc = json.loads(text) if text.strip() else {"nftables": []}
    objs = [o for o in doc.get("nftables", [])
            if (_family_table(o) not in skip_tables)]
    chains: dict[tuple[str, str, str], dict[str, Any]] = {}
    rules: dict[tuple[str, str, str], list[list[dict[str, Any]]]] = {}
    sets: dict[tuple[str, str, str], list[Any]] = {}
    tables = []
    for o in objs:
        if "table" in o:
            tables.append({"family": o["table"]["family"], "name": o["table"]["name"]})
        elif "chain" in o:
            c = o["chain"]
            chains[(c["family"], c["table"], c["name"])] = c
        elif "rule" in o:
            r = o["rule"]
            rules.setdefault((r["family"], r["table"], r["chain"]), []).append(r.get("expr", []))
        elif "set" in o:
            s = o["set"]
            sets[(s["family"], s["table"], s["name"])] = s.get("elem", [])
    base = [c for c in chains.values() if c.get("hook") == "input" and c.get("type", "filter") == "filter"
            and c["family"] in FAMILIES]
    result: dict[str, Any] = {
        "tables": tables,
        "input_chains": [{"family": c["family"], "table": c["table"], "name": c["name"],
                          "policy": c.get("policy", "accept"), "prio": c.get("prio")} for c in base],
        "rule_count": sum(len(v) for v in rules.values()),
        "ruleset_sha256": canonical_sha256(doc),
    }
    allows: list[dict[str, Any]] = []
    for fam in ("ipv4", "ipv6"):
        covering = [c for c in base if fam in FAMILIES[c["family"]]]
        policies = {c.get("policy", "accept") for c in covering}
        result[fam] = {
            "input_policy": ("drop" if "drop" in policies else "accept") if covering else None,
            "has_final_drop": any(_final_drop(rules.get((c["family"], c["table"], c["name"]), []))
                                  for c in covering),
            "input_chains": len(covering),
        }
    walker = _Walker(rules, sets)
    for c in base:
        for fam in FAMILIES[c["family"]]:
            allows.extend(walker.walk(c["family"], c["table"], c["name"], fam, {}, 0))
    result["effective_allow"] = _dedupe(allows)
    return result


def _family_table(o: dict[str, Any]) -> tuple[str, str] | None:
    for kind in ("table", "chain", "rule", "set"):
        if kind in o:
            body = o[kind]
            return body.get("family"), body.get("table", body.get("name"))
    return None


def _final_drop(chain_rules: list[list[dict[str, Any]]]) -> bool:
    if not chain_rules:
        return False
    last = chain_rules[-1]
    verdicts = [e for e in last if "drop" in e or "reject" in e]
    others = [e for e in last if not ({"drop", "reject"} & e.keys()) and not (_STATEMENTS & e.keys())]
    return bool(verdicts) and not others


def _dedupe(allows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = set()
    out = []
    for a in allows:
        key = json.dumps(a, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


class _Walker:
    def __init__(self, rules: dict[tuple[str, str, str], list[list[dict[str, Any]]]],
                 sets: dict[tuple[str, str, str], list[Any]]) -> None:
        self.rules = rules
        self.sets = sets

    def walk(self, family: str, table: str, chain: str, fam: str, inherited: dict[str, Any],
             depth: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if depth > _MAX_DEPTH:
            return out
        for expr in self.rules.get((family, table, chain), []):
            cond = dict(inherited)
            if not self._conditions(expr, family, table, fam, cond):
                continue
            for e in expr:
                if "accept" in e:
                    out.extend(_entries(cond, fam))
                for jump in ("jump", "goto"):
                    if jump in e:
                        out.extend(self.walk(family, table, e[jump]["target"], fam, cond, depth + 1))
        return out

    def _conditions(self, expr: list[dict[str, Any]], family: str, table: str, fam: str,
                    cond: dict[str, Any]) -> bool:
        """Fold the rule's matches into cond; False when the rule cannot match this family."""
        for e in expr:
            if e.get("xt", {}).get("name") in ("conntrack", "state"):
                return False  # iptables-nft state match nft cannot show: assume return traffic
            m = e.get("match")
            if not m:
                continue
            left, right, op = m.get("left", {}), m.get("right"), m.get("op", "==")
            negated = op == "!="
            if "payload" in left:
                p = left["payload"]
                proto, field = p.get("protocol"), p.get("field")
                if proto in ("ip", "ip6") and field in ("saddr",):
                    if (proto == "ip") != (fam == "ipv4"):
                        return False
                    if not negated:
                        cond["src"] = self._addresses(right, family, table)
                elif proto in ("tcp", "udp", "th") and field == "dport":
                    if proto != "th":
                        cond["proto"] = proto
                    if not negated:
                        cond["ports"] = _ports(right)
                elif proto == "ip" and field == "protocol":
                    if fam != "ipv4":
                        return False
                    cond.setdefault("proto", right if isinstance(right, str) else None)
                elif proto == "ip6" and field == "nexthdr":
                    if fam != "ipv6":
                        return False
                    cond.setdefault("proto", right if isinstance(right, str) else None)
            elif "meta" in left:
                key = left["meta"].get("key")
                if key in ("iif", "iifname") and not negated:
                    cond["iface"] = right if isinstance(right, str) else None
                elif key == "l4proto" and isinstance(right, str):
                    cond["proto"] = right
                elif key == "l4proto" and isinstance(right, dict) and "set" in right:
                    names = {str(v) for v in right["set"]}
                    # { icmp, ipv6-icmp } reaches no TCP/UDP port; a set with tcp or udp may.
                    cond["proto"] = "any" if names & {"tcp", "udp", "6", "17"} else ",".join(sorted(names))
                elif key == "nfproto" and isinstance(right, str) and (right == "ipv4") != (fam == "ipv4"):
                    return False
            elif "ct" in left and left["ct"].get("key") == "state" and not negated:
                states = right["set"] if isinstance(right, dict) and "set" in right else right
                states = states if isinstance(states, list) else [states]
                if "new" not in states:
                    return False  # return traffic, not a new inbound connection
        return True

    def _addresses(self, right: Any, family: str, table: str) -> list[str]:
        if isinstance(right, str) and right.startswith("@"):
            return [_cidr(x) for x in self.sets.get((family, table, right[1:]), [])]
        if isinstance(right, dict) and "set" in right:
            return [_cidr(x) for x in right["set"]]
        return [_cidr(right)]


def _cidr(value: Any) -> str:
    if isinstance(value, dict) and "prefix" in value:
        return f"{value['prefix']['addr']}/{value['prefix']['len']}"
    if isinstance(value, dict) and "range" in value:
        return f"{value['range'][0]}-{value['range'][1]}"
    if isinstance(value, dict) and "elem" in value:
        return _cidr(value["elem"].get("val"))
    text = str(value)
    if "/" in text or "-" in text:
        return text
    return f"{text}/{128 if ':' in text else 32}"


def _ports(right: Any) -> list[tuple[int, int]]:
    if isinstance(right, int):
        return [(right, right)]
    if isinstance(right, dict) and "set" in right:
        return [p for item in right["set"] for p in _ports(item)]
    if isinstance(right, dict) and "range" in right:
        lo, hi = right["range"]
        return [(int(lo), int(hi))]
    if isinstance(right, str) and right.isdigit():
        return [(int(right), int(right))]
    return [(0, 65535)]


def _entries(cond: dict[str, Any], fam: str) -> list[dict[str, Any]]:
    ports = cond.get("ports") or [(0, 65535)]
    return [{"family": fam, "proto": cond.get("proto") or "any", "dport": lo, "dport_end": hi,
             "any_port": "ports" not in cond, "src_cidrs": sorted(cond.get("src") or [ANY[fam]]),
             "iface": cond.get("iface"), "action": "accept"} for lo, hi in ports]
