"""Shared helpers: a private HMAC state dir per test session, and log trees with planted values."""

from __future__ import annotations

import gzip
import lzma
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pii.canary import CANARY_LINES

CLEAN = [
    "2026-11-27T02:24:42Z INFO worker started build 1.8.0.292",
    "2026-11-27T02:24:43Z INFO request 123e4567-e89b-12d3-a456-426614174000 done in 12 ms",
]


@pytest.fixture(autouse=True)
def _state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DPP_AUDITOR_STATE", str(tmp_path_factory.getbasetemp() / "pii-state"))
    yield


def write_lines(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode()
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    elif path.suffix == ".xz":
        path.write_bytes(lzma.compress(data))
    else:
        path.write_bytes(data)
    return path


@pytest.fixture
def log_tree(tmp_path: Path) -> Path:
    """/var/log-like tree: a rotated set with canaries in each member, a web log, a binary file."""
    root = tmp_path / "log"
    write_lines(root / "app" / "app.log", [*CLEAN, CANARY_LINES[0]])
    write_lines(root / "app" / "app.log.1", [*CLEAN, *CLEAN, CANARY_LINES[2]])
    write_lines(root / "app" / "app.log.2.gz", [CANARY_LINES[6], *CLEAN])
    write_lines(root / "app" / "app.log.3.xz", [*CLEAN, CANARY_LINES[3]])
    write_lines(root / "nginx" / "access.log", [
        '151.101.66.217 - - [27/Nov/2026:02:24:42 +0000] "GET / HTTP/1.1" 200 512 "-" '
        '"Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"'])
    (root / "wtmp").write_bytes(b"\x00\x01binary\x00" * 100)
    return root
