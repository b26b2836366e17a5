"""nftables configuration text (/etc/nftables.conf as `nft -f` loads it) -> the same view as
`nft -j list ruleset` gives on a running host (parsers.nftables.parse_ruleset).

A mounted image cannot list its loaded ruleset, so the boot configuration is translated into
nft's JSON objects (tables, base chains with hook and policy, rules, named sets) and judged by
the same walker. Both the block form (`table inet f { chain input { ... } }`) and the command
form (`add rule inet f input tcp dport 22 accept`) are read; `define`d variables are expanded
and `flush ruleset` discards what came before it, as nft does. `include` is resolved by the
collector before this parser sees the text (see `expand_includes`). Matches this parser does
not know are left out of a rule, which can only widen what the rule is reported to allow.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from auditor.collect.parsers import nftables

_TOKEN = re.compile(r'"[^"]*"|!=|==|[{}();,\n]|[^\s{}();,"]+')
_INCLUDE = re.compile(r'(?m)^[ \t]*include[ \t]+"([^"]+)"[ \t]*;?[ \t]*(?:#.*)?$')
_FAMILIES = frozenset({"ip", "ip6", "inet", "arp", "bridge", "netdev"})
_VERDICTS = frozenset({"accept", "drop", "reject", "return", "continue"})
# nft resolves service names through /etc/services; these are the ones firewall configs use.
_SERVICES = {"ssh": 22, "http": 80, "https": 443, "domain": 53, "smtp": 25, "submission": 587,
             "imaps": 993, "postgresql": 5432, "mysql": 3306, "ntp": 123, "bootps": 67,
             "bootpc": 68, "dhcpv6-client": 546, "redis": 6379, "telnet": 23, "ftp": 21}
_PRIORITIES = {"raw": -300, "mangle": -150, "dstnat": -100, "filter": 0, "security": 50, "srcnat": 100}
MAX_INCLUDE_DEPTH = 16  # nft's own limit


def parse(output: str, command: str = "cat /etc/nftables.conf") -> dict[str, Any]:
    """Configuration text (includes already expanded) -> parse_ruleset's view."""
    return nftables.parse_ruleset(json.dumps(to_json(output)))


def expand_includes(text: str, resolve: Callable[[str], list[str]], read: Callable[[str], str | None],
                    depth: int = 0) -> tuple[str, list[str]]:
    """Replace each `include "pattern"` line by the files it names, as nft does: a glob may
    match nothing, a plain path must exist; relative paths are under /etc (nft's include path).
    Returns (text, files read in order). A missing plain include raises ValueError, because
    nft refuses to load such a file and the boot ruleset is then empty."""
    if depth > MAX_INCLUDE_DEPTH:
        raise ValueError(f"include nesting deeper than {MAX_INCLUDE_DEPTH}")
    files: list[str] = []

    def one(m: re.Match[str]) -> str:
        pattern = m.group(1) if m.group(1).startswith("/") else f"/etc/{m.group(1)}"
        paths = resolve(pattern)
        if not paths and not set("*?[") & set(pattern):
            raise ValueError(f"included file {pattern} does not exist")
        parts = []
        for path in paths:
            body = read(path)
            if body is None:
                raise ValueError(f"included file {path} cannot be read")
            inner, nested = expand_includes(body, resolve, read, depth + 1)
            files.extend([path, *nested])
            parts.append(inner)
        return "\n".join(parts)

    return _INCLUDE.sub(one, text), files


def names_in_table(output: str, command: str = "cat /etc/protocols") -> set[str]:
    """Names and aliases of /etc/protocols or /etc/services (the first and third+ columns)."""
    names: set[str] = set()
    for line in output.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 2:
            names.update([words[0], *words[2:]])
    return names


def to_json(text: str) -> dict[str, Any]:
    """Configuration text -> {"nftables": [table|chain|rule|set objects]} as nft -j lists them."""
    tokens = _expand_defines(_tokens(text))
    return {"nftables": _Reader(tokens).read()}


def names_used(text: str) -> dict[str, list[str]]:
    """Protocol and service names the file uses: nft resolves them through the host's
    /etc/protocols and /etc/services and refuses the whole file when one is unknown."""
    reader = _Reader(_expand_defines(_tokens(text)))
    reader.read()
    return {k: sorted(v) for k, v in reader.names.items()}


def _tokens(text: str) -> list[str]:
    text = re.sub(r"(?m)(^|[^\\\"])#[^\n]*", r"\1", text)  # comments (not inside "..." strings)
    text = text.replace("\\\n", " ")
    return [t for t in _TOKEN.findall(text)]


def _expand_defines(tokens: list[str]) -> list[str]:
    defines: dict[str, list[str]] = {}
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] in ("define", "redefine") and i + 2 < len(tokens) and tokens[i + 2] == "=":
            name, j = tokens[i + 1], i + 3
            value: list[str] = []
            nest = 0
            while j < len(tokens) and (nest or tokens[j] not in ("\n", ";")):
                nest += {"{": 1, "}": -1}.get(tokens[j], 0)
                value.append(tokens[j])
                j += 1
            defines[name] = [v for v in _substitute(value, defines) if v != "\n"]
            i = j
            continue
        out.append(tokens[i])
        i += 1
    return _substitute(out, defines)


def _substitute(tokens: list[str], defines: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        if t.startswith("$") and t[1:] in defines:
            out.extend(defines[t[1:]])
        else:
            out.append(t)
    return out


class _Reader:
    def __init__(self, tokens: list[str]) -> None:
        self.t = tokens
        self.i = 0
        self.objs: list[dict[str, Any]] = []
        self.names: dict[str, set[str]] = {"protocols": set(), "services": set()}

    def read(self) -> list[dict[str, Any]]:
        while self.i < len(self.t):
            words = self._statement()
            if not words:
                continue
            self._top(words)
        return self.objs

    def _statement(self) -> list[str]:
        """Words up to the end of a statement; a `{` block stays inside as one nested list."""
        words: list[Any] = []
        while self.i < len(self.t):
            tok = self.t[self.i]
            self.i += 1
            if tok in ("\n", ";"):
                if words:
                    return words
                continue
            if tok == "}":
                self.i -= 1
                return words
            if tok == "{":
                words.append(self._block())
                if words and isinstance(words[0], str) and words[0] in ("table", "chain", "set", "map"):
                    return words
                continue
            words.append(tok)
        return words

    def _block(self) -> list[Any]:
        """Statements of a { ... } block; the closing brace is consumed."""
        body: list[Any] = []
        while self.i < len(self.t) and self.t[self.i] != "}":
            words = self._statement()
            if words:
                body.append(words)
        self.i += 1
        return body

    # --- the statements ---------------------------------------------------------------

    def _top(self, words: list[Any]) -> None:
        head = [w for w in words if isinstance(w, str)]
        if head[:2] == ["flush", "ruleset"]:
            self.objs.clear()
            return
        verb = head[0] if head[0] in ("add", "create", "insert") else None
        rest = words[1:] if verb else words
        if not rest or not isinstance(rest[0], str):
            return
        kind = rest[0]
        if kind == "table":
            self._table(rest[1:])
        elif kind == "chain" and verb:
            family, table, name, block = self._names(rest[1:], 2)
            self._chain(family, table, name, block or [])
        elif kind == "rule" and verb:
            family, table, chain, expr = self._names(rest[1:], 2, block=False)
            self._rule(family, table, chain, expr)
        elif kind == "set" and verb:
            family, table, name, block = self._names(rest[1:], 2)
            self._set(family, table, name, block or [])

    @staticmethod
    def _names(words: list[Any], count: int, block: bool = True) -> tuple[str, str, str, Any]:
        """[family] table name ... -> (family, table, name, the rest)."""
        family = words[0] if words and words[0] in _FAMILIES else "ip"
        words = words[1:] if words and words[0] in _FAMILIES else words
        table = words[0] if words else ""
        name = words[1] if len(words) > 1 else ""
        rest = words[count:]
        if block:
            return family, table, name, next((w for w in rest if isinstance(w, list)), None)
        return family, table, name, rest

    def _table(self, words: list[Any]) -> None:
        family = words[0] if words and words[0] in _FAMILIES else "ip"
        names = [w for w in words if isinstance(w, str) and w not in _FAMILIES]
        if not names:
            return
        table = names[0]
        if not any(o.get("table", {}).get("name") == table and o["table"]["family"] == family
                   for o in self.objs):
            self.objs.append({"table": {"family": family, "name": table}})
        block = next((w for w in words if isinstance(w, list)), [])
        for stmt in block:
            kind = stmt[0] if stmt and isinstance(stmt[0], str) else ""
            inner = next((w for w in stmt if isinstance(w, list)), [])
            if kind == "chain" and len(stmt) > 1:
                self._chain(family, table, stmt[1], inner)
            elif kind == "set" and len(stmt) > 1:
                self._set(family, table, stmt[1], inner)

    def _chain(self, family: str, table: str, name: str, block: list[Any]) -> None:
        chain: dict[str, Any] = {"family": family, "table": table, "name": name}
        rules: list[list[Any]] = []
        for stmt in block:
            words = [w for w in stmt if isinstance(w, str)]
            if words[:1] == ["type"] and "hook" in words:
                chain["type"] = words[1] if len(words) > 1 else "filter"
                after = words[words.index("hook") + 1:]
                chain["hook"] = after[0] if after else None
                if "priority" in words:
                    chain["prio"] = _priority(words[words.index("priority") + 1:])
                chain.setdefault("policy", "accept")
            elif words[:1] == ["policy"] and len(words) > 1:
                chain["policy"] = words[1]
            elif words[:1] in (["comment"], ["devices"], ["device"]):
                continue
            else:
                rules.append(stmt)
        key = (family, table, name)
        existing = next((o["chain"] for o in self.objs if "chain" in o and _chain_key(o["chain"]) == key),
                        None)
        if existing is None:
            self.objs.append({"chain": chain})
        else:
            existing.update({k: v for k, v in chain.items() if k in ("type", "hook", "prio", "policy")})
        for stmt in rules:
            self._rule(family, table, name, stmt)

    def _set(self, family: str, table: str, name: str, block: list[Any]) -> None:
        elems: list[Any] = []
        for stmt in block:
            if stmt and stmt[0] == "elements":
                elems = _values(next((w for w in stmt if isinstance(w, list)), []))
        self.objs.append({"set": {"family": family, "table": table, "name": name, "elem": elems}})

    def _rule(self, family: str, table: str, chain: str, words: list[Any]) -> None:
        expr = _Expr(words, self.names).parse()
        if expr:
            self.objs.append({"rule": {"family": family, "table": table, "chain": chain, "expr": expr}})


def _chain_key(chain: dict[str, Any]) -> tuple[str, str, str]:
    return chain["family"], chain["table"], chain["name"]


def _priority(words: list[str]) -> int | str | None:
    """`priority filter`, `priority 0`, `priority filter - 10` -> the number nft lists."""
    if not words:
        return None
    base = _PRIORITIES.get(words[0], words[0])
    try:
        value = int(base)
        if len(words) >= 3 and words[1] in ("+", "-"):
            value += int(words[2]) * (1 if words[1] == "+" else -1)
        return value
    except ValueError:
        return words[0]


def _values(block: list[Any]) -> list[Any]:
    """The items of an anonymous set body `{ a, b, c }` (statements are its comma-free runs)."""
    return [_value(w) for stmt in block for w in stmt if isinstance(w, str) and w != ","]


def _value(word: str) -> Any:
    word = word.strip('"')
    if word.isdigit():
        return int(word)
    if word in _SERVICES:
        return _SERVICES[word]
    m = re.fullmatch(r"(\d+)-(\d+)", word)
    if m:
        return {"range": [int(m.group(1)), int(m.group(2))]}
    m = re.fullmatch(r"([0-9a-fA-F:.]+)/(\d+)", word)
    if m:
        return {"prefix": {"addr": m.group(1), "len": int(m.group(2))}}
    return word


class _Expr:
    """One rule's words -> nft JSON expressions (the matches the walker models, and verdicts)."""

    _PAYLOAD = {("tcp", "dport"), ("udp", "dport"), ("th", "dport"), ("ip", "saddr"), ("ip6", "saddr"),
                ("ip", "protocol"), ("ip6", "nexthdr")}

    def __init__(self, words: list[Any], names: dict[str, set[str]] | None = None) -> None:
        self.w = words
        self.i = 0
        self.names = names if names is not None else {"protocols": set(), "services": set()}

    def parse(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while self.i < len(self.w):
            word = self.w[self.i]
            self.i += 1
            if not isinstance(word, str):
                continue
            nxt = self._peek()
            if (word, nxt) in self._PAYLOAD:
                self.i += 1
                out.append(self._match({"payload": {"protocol": word, "field": nxt}}))
            elif word == "meta" and nxt in ("iif", "iifname", "l4proto", "nfproto"):
                self.i += 1
                out.append(self._match({"meta": {"key": nxt}}))
            elif word in ("iif", "iifname", "l4proto", "nfproto"):
                out.append(self._match({"meta": {"key": word}}))
            elif word == "ct" and nxt == "state":
                self.i += 1
                out.append(self._match({"ct": {"key": "state"}}))
            elif word in _VERDICTS:
                out.append({word: None})
                self._skip_verdict_args(word)
            elif word in ("jump", "goto") and isinstance(nxt, str):
                self.i += 1
                out.append({word: {"target": nxt}})
            elif word in ("counter", "log", "limit", "comment", "quota"):
                out.append({word: None})
        return out

    def _peek(self) -> Any:
        return self.w[self.i] if self.i < len(self.w) else None

    def _match(self, left: dict[str, Any]) -> dict[str, Any]:
        op = "=="
        if self._peek() in ("!=", "==", "ne", "eq"):
            op = "!=" if self.w[self.i] in ("!=", "ne") else "=="
            self.i += 1
        right = self._peek()
        self.i += 1
        self._note_names(left, right)
        if isinstance(right, list):
            value: Any = {"set": _values(right)}
        elif isinstance(right, str) and "," in right:  # ct state established,related
            value = [_value(v) for v in right.split(",") if v]
        elif isinstance(right, str) and right.startswith("@"):
            value = right
        else:
            value = _value(str(right))
        while self._peek() == ",":  # ct state established , related
            self.i += 1
            more = self._peek()
            self.i += 1
            value = [*(value if isinstance(value, list) else [value]), _value(str(more))]
        return {"match": {"op": op, "left": left, "right": value}}

    def _note_names(self, left: dict[str, Any], right: Any) -> None:
        words = [w for stmt in right for w in stmt] if isinstance(right, list) else [right]
        named = [str(w).strip('"') for w in words
                 if isinstance(w, str) and w != "," and not w.startswith(("@", "$"))
                 and not re.fullmatch(r"[0-9][0-9.:/-]*", w.strip('"'))]
        if left.get("meta", {}).get("key") == "l4proto" or left.get("payload", {}).get("field") in (
                "protocol", "nexthdr"):
            self.names["protocols"].update(n for part in named for n in part.split(","))
        elif left.get("payload", {}).get("field") in ("dport", "sport"):
            self.names["services"].update(n for part in named for n in part.split(","))

    def _skip_verdict_args(self, word: str) -> None:
        if word == "reject" and self._peek() == "with":
            self.i += 3
