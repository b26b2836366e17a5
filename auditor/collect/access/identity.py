"""Personal identifiers never leave a collector in clear: redacted forms and keyed fingerprints.

The fingerprint key joins e-mails across collectors (access.list <-> git.history) without
storing them. It comes from $DPP_AUDITOR_FINGERPRINT_KEY, else `access.fingerprint_key_file`,
else a per-machine key created once (0600) under ~/.config/dpp-auditor/.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path
from typing import Any

from auditor.errors import CollectorError
from auditor.fsutil import create_once
from auditor.models import ErrorKind

ENV_KEY = "DPP_AUDITOR_FINGERPRINT_KEY"


def _machine_key_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "dpp-auditor" / "fingerprint.key"


@cache
def _read_or_create(path: str, create: bool) -> bytes:
    p = Path(path)
    if not p.exists() and create:  # a concurrent creator may win: then its key is read
        create_once(p, secrets.token_hex(32).encode())
    try:
        key = p.read_bytes().strip()
    except OSError as exc:
        raise CollectorError(
            ErrorKind.permission, f"{path}: cannot read the fingerprint key: {exc.strerror}"
        ) from None
    if len(key) < 16:
        raise CollectorError(ErrorKind.parse, f"{path}: fingerprint key shorter than 16 bytes")
    return key


def fingerprint_key(settings: dict[str, Any]) -> bytes:
    env = os.environ.get(ENV_KEY)
    if env:
        return env.encode()
    access = settings.get("access") or {}
    if access.get("fingerprint_key_file"):
        return _read_or_create(str(access["fingerprint_key_file"]), False)
    return _read_or_create(str(_machine_key_path()), True)


def fingerprint(key: bytes, value: str, kind: str = "email") -> str:
    """Keyed, normalised, short: `hmac:<16 hex>`; the same value gives the same fingerprint."""
    norm = value.strip().lower() if kind == "email" else value
    mac = hmac.new(key, f"{kind}:{norm}".encode(), hashlib.sha256).hexdigest()
    return f"hmac:{mac[:16]}"


def _mask(part: str) -> str:
    return f"{part[:1]}***" if part else "***"


def redact_email(value: str) -> str:
    """john.smith@example.com -> j***@e***.com (first letters and the top-level domain only)."""
    local, at, domain = value.strip().partition("@")
    if not at:
        return _mask(local)
    labels = domain.split(".")
    tld = "." + labels[-1] if len(labels) > 1 else ""
    return f"{_mask(local)}@{_mask(labels[0])}{tld}"


def is_email(value: str) -> bool:
    return "@" in value and "." in value.partition("@")[2]


def public_username(key: bytes, username: str) -> tuple[str, str | None]:
    """(username as shown, fingerprint): e-mail logins are redacted, plain logins kept."""
    if is_email(username):
        return redact_email(username), fingerprint(key, username)
    return username, None
