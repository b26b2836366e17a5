"""The plaintext probe against real PostgreSQL (ssl off, then on) and a real SMTP-like banner
server: protocol guess and whether TLS is offered on the same port (TLS-5)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.bench import tls_lab
from auditor.collect.tls.http import mysql_offers_tls, plaintext_probe
from tests.tls.conftest import catalogue_params, scan_url

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*argv: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *argv], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[tuple[Path, Path]]:
    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL 15 is not installed: run scripts/install-test-system.sh")
    root = Path(tempfile.mkdtemp(prefix="dpp-tls-pg-"))
    os.chmod(root, 0o755)
    shutil.chown(root, "postgres", "postgres")
    cert, key = tls_lab.write_pair(root, "server", tls_lab.make_leaf(tls_lab.make_ca(), ["127.0.0.1"]))
    for path in (cert, key):
        shutil.chown(path, "postgres", "postgres")
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(root / "data"), "-U", "postgres", "--no-sync")
    try:
        yield root, cert
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _start(root: Path, port: int, ssl: bool) -> None:
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    if ssl:
        opts += f" -c ssl=on -c ssl_cert_file={root}/server.crt -c ssl_key_file={root}/server.key"
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(root / "data"), "-o", opts, "-l", str(root / "log"),
                 "-w", "start")


def _stop(root: Path) -> None:
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "stop")


@pytest.mark.parametrize("ssl", [False, True])
def test_postgres_tls_offer(pg_cluster: tuple[Path, Path], ssl: bool) -> None:
    root, _ = pg_cluster
    port = tls_lab.free_port()
    _start(root, port, ssl)
    try:
        probe = plaintext_probe("127.0.0.1", port, 3)
        ev = scan_url(f"https://127.0.0.1:{port}", {"tls": {"timeout_s": 3}}, catalogue_params())
    finally:
        _stop(root)
    assert probe["protocol_guess"] == "postgres"
    assert probe["starttls_offered"] is ssl
    assert ev.status == "collected" and ev.data["tls_handshake_ok"] is False
    assert ev.data["plaintext_probe"]["starttls_offered"] is ssl


def test_mysql_greeting_flags() -> None:
    # protocol 10, version "8.0.36\0", connection id, 8 bytes auth data, filler, capability flags
    body = b"\x0a8.0.36\x00" + b"\x01\x00\x00\x00" + b"abcdefgh" + b"\x00"
    with_ssl = b"\x4a\x00\x00\x00" + body + (0xFFFF).to_bytes(2, "little")
    without = b"\x4a\x00\x00\x00" + body + (0xF7FF).to_bytes(2, "little")
    assert mysql_offers_tls(with_ssl) is True
    assert mysql_offers_tls(without) is False
    assert mysql_offers_tls(b"\x00") is None
