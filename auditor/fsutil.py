"""Atomic, permission-restricted writes: no output file exists half-written."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9._@-]+")


def safe_name(text: str) -> str:
    """A file-name-safe form of a target id (ssh://root@h:22 -> ssh_root@h_22)."""
    name = _UNSAFE.sub("_", text).strip("._")
    return name or "_"


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def canonical_json(obj: Any) -> str:
    """Sorted keys, fixed separators: byte-identical output for equal documents."""
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def atomic_write_json(path: Path, obj: Any, mode: int = 0o600) -> None:
    atomic_write_text(path, canonical_json(obj), mode)


def create_once(path: Path, data: bytes, mode: int = 0o600) -> bool:
    """Create path holding data unless it exists; False when another writer made it first.

    Written whole under a private name and linked into place, so concurrent creators (two
    scans, or two collectors of one scan) never see a missing or half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        os.unlink(tmp)
