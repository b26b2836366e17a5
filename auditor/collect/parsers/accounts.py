"""passwd, group, shadow (state only, never the hash), authorized_keys and lastlog.

Nothing secret or personal leaves these functions: shadow yields a state and a scheme,
authorized_keys yields fingerprints, and the GECOS field (real names) is dropped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from datetime import UTC, datetime
from typing import Any

NON_LOGIN_SHELLS = frozenset({
    "", "/usr/sbin/nologin", "/sbin/nologin", "/bin/false", "/usr/bin/false", "/bin/sync",
    "/usr/bin/sync", "/sbin/shutdown", "/sbin/halt", "/usr/sbin/shutdown", "/usr/sbin/halt",
})
_SCHEMES = {
    "$y$": "yescrypt", "$gy$": "gost-yescrypt", "$7$": "scrypt", "$6$": "sha512", "$5$": "sha256",
    "$1$": "md5", "$2a$": "bcrypt", "$2b$": "bcrypt", "$2y$": "bcrypt", "$sha1$": "sha1",
}
_EC_BITS = {"nistp256": 256, "nistp384": 384, "nistp521": 521}
LASTLOG_RECORD = 292  # int32 time, char line[32], char host[256]


def parse(output: str, command: str) -> dict[str, Any]:
    """Golden-test entry; the file read decides the format."""
    name = command.split()[-1].rsplit("/", 1)[-1]
    if "authorized_keys" in name:
        return {"authorized_keys": parse_authorized_keys(output)}
    if "shadow" in name:
        return {"shadow": parse_shadow(output)}
    if "passwd" in name:
        return {"users": parse_passwd(output)}
    if "group" in name:
        return {"groups": parse_group(output)}
    raise ValueError(f"no accounts parser for {command!r}")


def parse_passwd(text: str) -> list[dict[str, Any]]:
    users = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "+", "-")):
            continue
        f = line.split(":")
        if len(f) < 7:
            raise ValueError(f"passwd: malformed line for {f[0]!r}")
        shell = f[6].strip()
        users.append({"name": f[0], "uid": int(f[2]), "gid": int(f[3]), "home": f[5], "shell": shell,
                      "login_shell": shell not in NON_LOGIN_SHELLS and not shell.endswith("/nologin")})
    return users


def parse_group(text: str) -> list[dict[str, Any]]:
    groups = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "+", "-")):
            continue
        f = line.split(":")
        if len(f) < 4:
            raise ValueError(f"group: malformed line for {f[0]!r}")
        groups.append({"name": f[0], "gid": int(f[2]), "members": [m for m in f[3].strip().split(",") if m]})
    return groups


def hash_scheme(field: str) -> str:
    h = field.lstrip("!")
    if not h or h.startswith("*"):
        return "none"
    for prefix, name in _SCHEMES.items():
        if h.startswith(prefix):
            return name
    if len(h) == 13 and not h.startswith("$"):
        return "des"
    return "unknown"


def password_state(field: str) -> str:
    """empty (anyone logs in), no_password (never set), locked (hash behind !), usable."""
    if field == "":
        return "empty"
    if field.startswith("!"):
        return "locked" if hash_scheme(field) != "none" else "no_password"
    if field.startswith("*") or hash_scheme(field) == "none":
        return "no_password"
    return "usable"


def parse_shadow(text: str) -> dict[str, dict[str, Any]]:
    """{name: {password_state, hash_scheme, last_change_days, max_days, expire_days}}."""
    out: dict[str, dict[str, Any]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split(":")
        field = f[1] if len(f) > 1 else ""
        out[f[0]] = {
            "password_state": password_state(field),
            "hash_scheme": hash_scheme(field),
            "last_change_days": _int_or_none(f, 2),
            "max_days": _int_or_none(f, 4),
            "expire_days": _int_or_none(f, 7),
        }
    return out


def _int_or_none(fields: list[str], i: int) -> int | None:
    return int(fields[i]) if len(fields) > i and fields[i].strip().isdigit() else None


def _read_string(blob: bytes, offset: int) -> tuple[bytes, int]:
    (length,) = struct.unpack(">I", blob[offset:offset + 4])
    start = offset + 4
    if start + length > len(blob):
        raise ValueError("truncated key blob")
    return blob[start:start + length], start + length


def key_bits(key_type: str, blob: bytes) -> int | None:
    """Key size from the wire-format blob (RFC 4253): no key material is kept."""
    try:
        name, off = _read_string(blob, 0)
        kind = name.decode("ascii", "replace")
        if kind == "ssh-rsa":
            _e, off = _read_string(blob, off)
            n, _ = _read_string(blob, off)
            return int.from_bytes(n, "big").bit_length()
        if kind == "ssh-dss":
            p, _ = _read_string(blob, off)
            return int.from_bytes(p, "big").bit_length()
        if kind.startswith(("ecdsa-sha2-", "sk-ecdsa-sha2-")):
            curve = kind.split("-")[-1].split("@")[0]
            return _EC_BITS.get(curve)
        if "ed25519" in kind:
            return 256
        if "ed448" in kind:
            return 456
    except (ValueError, struct.error):
        return None
    return None


def _split_options(line: str) -> tuple[list[str], str]:
    """authorized_keys options may hold quoted commas and spaces."""
    opts: list[str] = []
    current = ""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        if not quoted and ch in " \t":
            opts.append(current)
            return opts, line[i:].strip()
        if not quoted and ch == ",":
            opts.append(current)
            current = ""
            continue
        current += ch
    return opts + [current], ""


def parse_authorized_keys(text: str) -> list[dict[str, Any]]:
    """[{fingerprint_sha256, type, bits, options[], line}]; comments and keys are not kept."""
    keys = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        options: list[str] = []
        words = line.split()
        if not _looks_like_type(words[0]):
            opts, rest = _split_options(line)
            options = sorted({o.split("=", 1)[0].lower() for o in opts if o})
            words = rest.split()
        if len(words) < 2:
            keys.append({"line": number, "type": "invalid", "fingerprint_sha256": None, "bits": None,
                         "options": options})
            continue
        try:
            blob = base64.b64decode(words[1], validate=True)
        except (binascii.Error, ValueError):
            keys.append({"line": number, "type": "invalid", "fingerprint_sha256": None, "bits": None,
                         "options": options})
            continue
        digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
        keys.append({"line": number, "type": words[0], "fingerprint_sha256": f"SHA256:{digest}",
                     "bits": key_bits(words[0], blob), "options": options})
    return keys


def _looks_like_type(word: str) -> bool:
    return word.startswith(("ssh-", "ecdsa-", "sk-")) and "=" not in word


def parse_lastlog(data: bytes, uids: list[int]) -> dict[int, str | None]:
    """{uid: RFC 3339 time of last login or None}; the line and remote host are not read."""
    out: dict[int, str | None] = {}
    for uid in uids:
        start = uid * LASTLOG_RECORD
        if start + 4 > len(data):
            out[uid] = None
            continue
        (ts,) = struct.unpack("<i", data[start:start + 4])
        out[uid] = datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if ts > 0 else None
    return out
