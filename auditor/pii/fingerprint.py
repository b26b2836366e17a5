"""Keyed fingerprints (HMAC-SHA256) of PII values, so findings can be matched without the value.

The key comes from the config (`logs.hmac_key_file`) or is generated once and kept, mode 0600,
in the state directory ($DPP_AUDITOR_STATE, else $XDG_STATE_HOME/dpp-auditor, else
~/.local/state/dpp-auditor).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from auditor.errors import ConfigError
from auditor.pii.categories import Category as C

KEY_BYTES = 32


def state_dir() -> Path:
    if os.environ.get("DPP_AUDITOR_STATE"):
        return Path(os.environ["DPP_AUDITOR_STATE"])
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "dpp-auditor"


def default_key_path() -> Path:
    return state_dir() / "hmac.key"


def load_or_create_key(path: str | os.PathLike[str] | None = None) -> bytes:
    """Read the key file, or create one (0600, directory 0700) when none is configured or present."""
    key_path = Path(path) if path else default_key_path()
    if key_path.exists():
        st = key_path.stat()
        if stat.S_IMODE(st.st_mode) & 0o077:
            raise ConfigError(f"{key_path}: HMAC key file is readable by group or others (chmod 600)")
        key = key_path.read_bytes().strip()
        if len(key) < 16:
            raise ConfigError(f"{key_path}: HMAC key is shorter than 16 bytes")
        return key
    if path:
        raise ConfigError(f"{key_path}: configured logs.hmac_key_file does not exist")
    key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_hex(KEY_BYTES).encode()
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
    return key


_LOWER = frozenset({C.email.value, C.person_name.value, C.cookie.value})
_NUMBERS = frozenset({C.payment.value, C.phone.value, C.purchase.value})
_COMPACT = frozenset({C.postal_address.value, C.device_identifier.value})
_SEPARATORS = str.maketrans("", "", " \t:-")


def normalise(category: str, value: str) -> str:
    """One spelling per value: the same e-mail or card in two formats gets one fingerprint."""
    v = value.strip().strip("\"'")
    if category in _LOWER:
        return v.lower()
    if category in _NUMBERS:
        if sum(map(str.isdigit, v)) < 7:
            return v
        return ("+" if v.startswith("+") else "") + "".join(filter(str.isalnum, v)).upper()
    if category in _COMPACT:
        return v.translate(_SEPARATORS).upper()
    return v


class Fingerprinter:
    def __init__(self, key: bytes) -> None:
        self._key = key
        self.key_id = hashlib.sha256(b"dpp-auditor key id\x00" + key).hexdigest()[:16]

    def fingerprint(self, category: str, value: str) -> str:
        msg = f"{category}\x00{normalise(category, value)}".encode("utf-8", "replace")
        return "hmac-sha256:" + hmac.digest(self._key, msg, "sha256").hex()[:32]
