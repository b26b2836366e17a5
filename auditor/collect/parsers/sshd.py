"""OpenSSH server configuration: `sshd -T` output, or the config files themselves.

Keys are lower-case as `sshd -T` prints them. Values keep sshd -T's forms: yes/no words,
`without-password` for prohibit-password, integers for counts and seconds, lists for
repeatable keywords and comma-separated algorithm lists.
"""

from __future__ import annotations

import fnmatch
import functools
import importlib.resources
import ipaddress
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

INT_KEYS = frozenset({
    "maxauthtries", "logingracetime", "clientaliveinterval", "clientalivecountmax", "maxsessions",
    "x11displayoffset", "requiredrsasize",
})
TIME_KEYS = frozenset({"logingracetime", "clientaliveinterval"})
COMMA_KEYS = frozenset({
    "ciphers", "macs", "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms",
    "casignaturealgorithms", "hostbasedacceptedalgorithms", "gssapikexalgorithms",
})
# Keywords whose lines add up instead of first-value-wins.
REPEAT_KEYS = frozenset({
    "allowusers", "allowgroups", "denyusers", "denygroups", "acceptenv", "hostkey", "listenaddress",
    "port", "subsystem", "setenv", "hostcertificate", "include",
})
SPACE_LIST_KEYS = frozenset({"authorizedkeysfile"})
ALWAYS_LISTS = ("allowusers", "allowgroups", "denyusers", "denygroups")
_ALIASES = {
    "pubkeyacceptedkeytypes": "pubkeyacceptedalgorithms",
    "hostbasedacceptedkeytypes": "hostbasedacceptedalgorithms",
    "challengeresponseauthentication": "kbdinteractiveauthentication",
    "dsaauthentication": "pubkeyauthentication",
}
DEFAULT_HOSTKEYS = (
    "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key",
)
# OpenSSH 9.2 (Debian 12) compiled-in defaults, captured with `sshd -T -f /dev/null -h KEY`;
# used only when sshd -T cannot run.
_DEFAULTS_FILE = "openssh-9.2-defaults.txt"
_WORD_VALUES = {"prohibit-password": "without-password", "true": "yes", "false": "no"}
_TIME_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass(frozen=True)
class Directive:
    keyword: str
    args: tuple[str, ...]
    file: str
    line: int


def parse(output: str, command: str = "sshd -T") -> dict[str, Any]:
    """Golden-test entry: `sshd -T` output, or one config file's text (`cat FILE`)."""
    if command.split()[0].endswith("sshd"):
        return {"effective": parse_sshd_t(output)}
    path = command.split()[-1]
    return evaluate(tokenize(output, path))


# --- sshd -T ---------------------------------------------------------------------------

def parse_sshd_t(text: str) -> dict[str, Any]:
    """`sshd -T` prints one `keyword value` per line; repeatable keywords repeat the line."""
    effective: dict[str, Any] = {key: [] for key in ALWAYS_LISTS}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or " " not in line:
            continue
        key, _, value = line.partition(" ")
        _store(effective, key.lower(), value.strip())
    return effective


def _store(effective: dict[str, Any], key: str, value: str) -> None:
    if key in COMMA_KEYS:
        effective[key] = [v for v in value.split(",") if v]
    elif key in SPACE_LIST_KEYS:
        effective[key] = value.split()
    elif key == "port":
        effective.setdefault(key, []).append(int(value))
    elif key in REPEAT_KEYS:
        effective.setdefault(key, []).append(value)
    elif key in INT_KEYS:
        effective[key] = int(value)
    else:
        effective[key] = value


@functools.cache
def _defaults_text() -> str:
    return importlib.resources.files(__package__).joinpath(_DEFAULTS_FILE).read_text(encoding="utf-8")


def defaults() -> dict[str, Any]:
    return parse_sshd_t(_defaults_text())


# --- config files ----------------------------------------------------------------------

def tokenize(text: str, path: str) -> list[Directive]:
    """Directives of one file, Include and Match lines included, in order."""
    out: list[Directive] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, args = _split(line)
        if keyword:
            out.append(Directive(_ALIASES.get(keyword, keyword), args, path, number))
    return out


def _split(line: str) -> tuple[str, tuple[str, ...]]:
    m = re.match(r"^([A-Za-z0-9]+)\s*(?:=\s*|\s+)(.*)$", line)
    if not m:
        return line.lower(), ()
    try:
        args = shlex.split(m.group(2), comments=True, posix=True)
    except ValueError:
        args = m.group(2).split()
    return m.group(1).lower(), tuple(args)


def convtime(value: str) -> int:
    """sshd time format: 90, 1m30s, 2h."""
    total = 0
    for number, unit in re.findall(r"(\d+)([smhdwSMHDW]?)", value):
        total += int(number) * _TIME_UNITS[unit.lower()]
    if not re.fullmatch(r"(\d+[smhdwSMHDW]?)+", value):
        raise ValueError(f"bad time value {value!r}")
    return total


def _value(key: str, args: tuple[str, ...], base: Any) -> Any:
    if key in COMMA_KEYS:
        return _algorithms(args[0] if args else "", base or [])
    if key in SPACE_LIST_KEYS:
        return list(args)
    first = args[0] if args else ""
    if key in TIME_KEYS:
        return convtime(first)
    if key in INT_KEYS:
        return int(first)
    if key == "loglevel":
        return first.upper()
    if key in ("subsystem", "setenv", "acceptenv", "allowusers", "allowgroups", "denyusers", "denygroups"):
        return " ".join(args)
    lowered = first.lower()
    return _WORD_VALUES.get(lowered, lowered if lowered in ("yes", "no") else first)


def _algorithms(spec: str, base: list[str]) -> list[str]:
    """+append, -remove (wildcards), ^prepend to the default list, else replace."""
    if not spec:
        return list(base)
    op, names = (spec[0], spec[1:]) if spec[0] in "+-^" else ("", spec)
    items = [n for n in names.split(",") if n]
    if op == "+":
        return base + [n for n in items if n not in base]
    if op == "^":
        return items + [b for b in base if b not in items]
    if op == "-":
        return [b for b in base if not any(fnmatch.fnmatchcase(b, pat) for pat in items)]
    return items


def _apply(target: dict[str, Any], seen: set[str], d: Directive, base: dict[str, Any]) -> None:
    key = d.keyword
    if key in ("allowusers", "allowgroups", "denyusers", "denygroups", "acceptenv"):
        target.setdefault(key, []).extend(d.args)  # one entry per pattern, as sshd -T prints
    elif key == "port":
        target.setdefault(key, []).extend(int(a) for a in d.args[:1])
    elif key in REPEAT_KEYS:
        target.setdefault(key, []).append(_value(key, d.args, None))
    elif key not in seen:  # first obtained value wins
        target[key] = _value(key, d.args, base.get(key))
    seen.add(key)


def evaluate(directives: Iterable[Directive], base: dict[str, Any] | None = None) -> dict[str, Any]:
    """Effective global settings (defaults filled in) and each Match block's overrides.

    Include must already be expanded in place by the caller (it needs the filesystem).
    """
    base = defaults() if base is None else base
    global_set: dict[str, Any] = {}
    seen: set[str] = set()
    blocks: list[dict[str, Any]] = []
    block_seen: set[str] = set()
    includes: list[str] = []
    for d in directives:
        if d.keyword == "match":
            blocks.append({"criteria": " ".join(d.args), "file": d.file, "line": d.line, "settings": {}})
            block_seen = set()
        elif d.keyword == "include":
            includes.extend(d.args)
        elif blocks:
            _apply(blocks[-1]["settings"], block_seen, d, base)
        else:
            _apply(global_set, seen, d, base)
    effective = _overlay(base, global_set)
    effective.setdefault("hostkey", list(DEFAULT_HOSTKEYS))
    if "listenaddress" not in global_set:
        effective["listenaddress"] = _wildcard_listen(effective)
    for block in blocks:
        block["effective"] = _overlay(effective, block["settings"])
    return {"effective": effective, "match_blocks": blocks, "unexpanded_includes": includes}


def _wildcard_listen(effective: dict[str, Any]) -> list[str]:
    """sshd -T's listenaddress when none is configured: the wildcard of each family per port."""
    family = effective.get("addressfamily", "any")
    both = ("[::]", "0.0.0.0")
    wildcards = {"inet": ("0.0.0.0",), "inet6": ("[::]",)}.get(family, both)
    return [f"{w}:{port}" for port in effective.get("port", [22]) for w in wildcards]


def _overlay(base: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    merged.update(settings)
    for key in ALWAYS_LISTS:
        merged.setdefault(key, [])
    return merged


# --- Match blocks and `sshd -T -C` -----------------------------------------------------

def match_criteria(criteria: str) -> list[tuple[str, list[str]]]:
    """`User a,b Address 10.0.0.0/8` -> [("user", ["a","b"]), ("address", ["10.0.0.0/8"])]."""
    words = criteria.split()
    pairs: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(words):
        key = words[i].lower()
        if key == "all" or i + 1 >= len(words):
            pairs.append((key, []))
            i += 1
            continue
        pairs.append((key, words[i + 1].split(",")))
        i += 2
    return pairs


def _sample(pattern: str) -> str:
    return pattern.replace("*", "x").replace("?", "x")


def _sample_address(pattern: str) -> str | None:
    try:
        net = ipaddress.ip_network(pattern, strict=False)
    except ValueError:
        sample = pattern.replace("*", "1").replace("?", "1")
        try:
            return str(ipaddress.ip_address(sample))
        except ValueError:
            return None
    hosts = net.hosts()
    return str(next(iter(hosts), net.network_address))


def connection_spec(criteria: str, group_members: dict[str, list[str]] | None = None) -> str | None:
    """A `-C` spec that satisfies a Match line, or None when no sample can be built."""
    spec: dict[str, str] = {}
    for key, patterns in match_criteria(criteria):
        positive = [p for p in patterns if not p.startswith("!")]
        if key == "all":
            continue
        if not positive:
            return None
        first = positive[0]
        if key == "user":
            spec["user"] = _sample(first)
        elif key == "group":
            members = [m for g in positive for m in (group_members or {}).get(g, [])]
            if not members:
                return None
            spec.setdefault("user", members[0])
        elif key == "host":
            spec["host"] = _sample(first)
        elif key in ("address", "localaddress"):
            addr = _sample_address(first)
            if addr is None:
                return None
            spec["addr" if key == "address" else "laddr"] = addr
        elif key == "localport":
            spec["lport"] = first
        elif key == "rdomain":
            spec["rdomain"] = first
        else:
            return None
    spec.setdefault("user", "nobody")
    spec.setdefault("host", "localhost")
    spec.setdefault("addr", "127.0.0.1")
    return ",".join(f"{k}={v}" for k, v in sorted(spec.items()))
