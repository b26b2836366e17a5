"""PAM stacks (/etc/pam.d), pam_faillock / pam_tally2 effective values, faillock.conf, login.defs.

Stacks are flattened as libpam reads them: `@include` and `include`/`substack` controls pull in
another service file in place. Effective faillock values: module arguments override
faillock.conf (or the file named by `conf=`), which overrides pam_faillock's built-in defaults.
"""

from __future__ import annotations

from typing import Any

TYPES = ("auth", "account", "password", "session")
FAILLOCK_DEFAULTS: dict[str, Any] = {
    "deny": 3,
    "fail_interval": 900,
    "unlock_time": 600,
    "even_deny_root": False,
    "root_unlock_time": None,
}
_INT_KEYS = ("deny", "fail_interval", "unlock_time", "root_unlock_time")
_MAX_DEPTH = 10


def _args(words: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for w in words:
        key, sep, value = w.partition("=")
        out[key] = value if sep else True
    return out


def _split(line: str) -> list[str]:
    """PAM words; a [...] control is one word even with spaces inside."""
    words: list[str] = []
    rest = line.strip()
    while rest:
        if rest.startswith("["):
            end = rest.find("]")
            end = len(rest) - 1 if end < 0 else end
            words.append(rest[: end + 1])
            rest = rest[end + 1 :].strip()
            continue
        word, _, rest = rest.partition(" ") if " " in rest else (rest, "", "")
        words.append(word)
        rest = rest.strip()
    return words


def parse(output: str, command: str = "cat /etc/pam.d/x") -> dict[str, Any]:
    path = command.split()[-1]
    lines: list[dict[str, Any]] = []
    for number, raw in enumerate(output.splitlines(), 1):
        text = raw.split("#", 1)[0].replace("\t", " ").strip()
        if not text:
            continue
        words = _split(text)
        if words[0] == "@include" and len(words) > 1:
            lines.append({"type": None, "include": words[1], "file": path, "line": number})
            continue
        if len(words) < 3 or words[0].lstrip("-") not in TYPES:
            continue
        entry: dict[str, Any] = {
            "type": words[0].lstrip("-"),
            "optional_load": words[0].startswith("-"),
            "control": words[1],
            "module": words[2].rsplit("/", 1)[-1],
            "args": _args(words[3:]),
            "file": path,
            "line": number,
        }
        if words[1] in ("include", "substack"):
            entry = {"type": entry["type"], "include": words[2], "file": path, "line": number}
        lines.append(entry)
    return {"lines": lines}


def expand(
    service: str, files: dict[str, str], depth: int = 0, only: str | None = None
) -> list[dict[str, Any]]:
    """The flat stack of one service; files maps service names to file texts."""
    if depth > _MAX_DEPTH or service not in files:
        return []
    stack: list[dict[str, Any]] = []
    for entry in parse(files[service], f"cat /etc/pam.d/{service}")["lines"]:
        kind = entry["type"] or only
        if only and entry["type"] and entry["type"] != only:
            continue
        if "include" in entry:
            stack += expand(entry["include"], files, depth + 1, kind)
        else:
            stack.append(entry)
    return stack


def parse_faillock_conf(output: str, command: str = "cat /etc/security/faillock.conf") -> dict[str, Any]:
    """`key = value` lines and bare flags (even_deny_root, silent, audit)."""
    out: dict[str, Any] = {}
    for raw in output.splitlines():
        text = raw.split("#", 1)[0].strip()
        if text:
            key, sep, value = text.partition("=")
            out[key.strip()] = _number(value.strip()) if sep else True
    return out


def parse_login_defs(output: str, command: str = "cat /etc/login.defs") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for raw in output.splitlines():
        words = raw.split("#", 1)[0].split(None, 1)
        if len(words) == 2:
            out[words[0]] = _number(words[1].strip())
    return out


def _number(value: str) -> Any:
    return int(value) if value.lstrip("-").isdigit() else value


def lockout(stack: list[dict[str, Any]], faillock_conf: dict[str, Any] | None) -> dict[str, Any]:
    """How the auth stack of one service locks accounts out."""
    auth = [e for e in stack if e["type"] == "auth"]
    unix = next((i for i, e in enumerate(auth) if e["module"] == "pam_unix.so"), None)
    fl = [(i, e) for i, e in enumerate(auth) if e["module"] == "pam_faillock.so"]
    preauth = [i for i, e in fl if e["args"].get("preauth")]
    authfail = [i for i, e in fl if e["args"].get("authfail")]
    account = any(e["type"] == "account" and e["module"] == "pam_faillock.so" for e in stack)
    tally = next((e for e in stack if e["module"] == "pam_tally2.so" and e["type"] == "auth"), None)
    out: dict[str, Any] = {
        "faillock": bool(fl),
        "preauth_before_unix": bool(preauth) and unix is not None and min(preauth) < unix,
        "authfail_after_unix": bool(authfail) and unix is not None and max(authfail) > unix,
        "account_faillock": account,
        "pam_unix": unix is not None,
        "effective": None,
        "tally2": None,
    }
    if fl:
        effective = {
            **FAILLOCK_DEFAULTS,
            **{k: v for k, v in (faillock_conf or {}).items() if k in FAILLOCK_DEFAULTS},
        }
        for _, e in fl:  # the last module line's arguments win per key
            effective.update(
                {
                    k: _number(v) if isinstance(v, str) else v
                    for k, v in e["args"].items()
                    if k in FAILLOCK_DEFAULTS
                }
            )
        if effective["root_unlock_time"] is None:
            effective["root_unlock_time"] = effective["unlock_time"]
        for key in _INT_KEYS:
            if isinstance(effective[key], str):
                effective[key] = None  # unparsable: the rule reports it
        out["effective"] = effective
    if tally:
        args = tally["args"]
        out["tally2"] = {
            "deny": _number(str(args.get("deny", 0))),
            "unlock_time": _number(str(args.get("unlock_time", 0))),
        }
    return out
