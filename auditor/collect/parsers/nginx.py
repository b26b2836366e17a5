"""nginx configuration: a tokenizer for one file (directives, blocks, quotes, comments) and
the per-vhost view the rules need (access logs and request-rate limits, with inheritance).

Includes are expanded by the collector, which replaces each `include` directive by the
directives of the files it names, in place.
"""

from __future__ import annotations

from typing import Any

Directive = dict[str, Any]  # {name, args[], block: [Directive] | None, file, line}
_DYNAMIC = ("proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass")


def _tokens(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c in "{};":
            out.append((c, line))
            i += 1
        elif c in "'\"":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append((text[i + 1 : j], line))
            line += text[i:j].count("\n")
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "{};":
                j += 1
            out.append((text[i:j], line))
            i = j
    return out


def tokenize(text: str, path: str) -> list[Directive]:
    root: list[Directive] = []
    stack = [root]
    words: list[str] = []
    start = 0
    for tok, line in _tokens(text):
        if tok in (";", "{"):
            if words:
                d: Directive = {
                    "name": words[0],
                    "args": words[1:],
                    "block": [] if tok == "{" else None,
                    "file": path,
                    "line": start,
                }
                stack[-1].append(d)
                if tok == "{":
                    stack.append(d["block"])
            words = []
        elif tok == "}":
            if len(stack) > 1:
                stack.pop()
            words = []
        else:
            if not words:
                start = line
            words.append(tok)
    return root


def parse(output: str, command: str = "cat /etc/nginx/nginx.conf") -> dict[str, Any]:
    return {"directives": tokenize(output, command.split()[-1])}


def _args(block: list[Directive], name: str) -> list[list[str]]:
    return [d["args"] for d in block if d["name"] == name]


def _access(block: list[Directive], inherited: list[str]) -> list[str]:
    logs = list(dict.fromkeys(a[0] for a in _args(block, "access_log") if a))  # repeated = one file
    return logs or inherited


def vhosts(directives: list[Directive]) -> dict[str, Any]:
    """Flattened (includes already expanded) config -> {vhosts[], limit_req_zones{}}."""
    http: list[Directive] = next(
        (d["block"] for d in directives if d["name"] == "http" and d["block"] is not None), []
    )
    zones = {}
    for a in _args(http, "limit_req_zone"):
        name = next((x.split("=", 1)[1].split(":")[0] for x in a if x.startswith("zone=")), None)
        rate = next((x.split("=", 1)[1] for x in a if x.startswith("rate=")), None)
        if name:
            zones[name] = rate
    http_access = _access(http, ["/var/log/nginx/access.log"])  # nginx's compiled-in default
    http_limits = [_zone(a) for a in _args(http, "limit_req")]
    out = []
    for server in (d for d in http if d["name"] == "server" and d["block"] is not None):
        block = server["block"]
        access = _access(block, http_access)
        limits = [_zone(a) for a in _args(block, "limit_req")] or http_limits
        locations = []
        for loc in (d for d in block if d["name"] == "location" and d["block"] is not None):
            lb = loc["block"]
            locations.append(
                {
                    "path": " ".join(loc["args"]),
                    "access_log": _access(lb, access),
                    "limit_req": [_zone(a) for a in _args(lb, "limit_req")] or limits,
                    "dynamic": any(d["name"] in _DYNAMIC for d in lb),
                    "line": loc["line"],
                }
            )
        out.append(
            {
                "server_names": [n for a in _args(block, "server_name") for n in a],
                "listen": [" ".join(a) for a in _args(block, "listen")],
                "access_log": access,
                "error_log": [a[0] for a in _args(block, "error_log") if a],
                "limit_req": limits,
                "locations": locations,
                "redirect_only": bool(_args(block, "return")) and not locations,
                "file": server["file"],
                "line": server["line"],
            }
        )
    return {"vhosts": out, "limit_req_zones": zones}


def _zone(args: list[str]) -> str:
    return next((a.split("=", 1)[1] for a in args if a.startswith("zone=")), "?")


def parse_vhosts(output: str, command: str = "cat /etc/nginx/nginx.conf") -> dict[str, Any]:
    """vhosts() of a self-contained file (no includes)."""
    return vhosts(tokenize(output, command.split()[-1]))
