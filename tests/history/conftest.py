"""A real PostgreSQL 15 cluster in a temp dir, on a free loopback port, for this package's tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "s3cret-history-pw"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(*argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *argv], check=check, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """postgresql://dpp:PASSWORD@127.0.0.1:PORT/dpp_history (scram-sha-256 over TCP)."""
    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL 15 is not installed: run scripts/install-test-system.sh")
    root = Path(tempfile.mkdtemp(prefix="dpp-history-pg-"))
    os.chmod(root, 0o755)
    shutil.chown(root, "postgres", "postgres")
    data, sock = root / "data", root / "sock"
    _as_postgres("mkdir", "-p", str(sock))
    _as_postgres(
        str(PG_BIN / "initdb"),
        "-D",
        str(data),
        "-U",
        "postgres",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "-E",
        "UTF8",
        "--no-sync",
    )
    port = _free_port()
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off"
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start")
    try:
        psql = [
            str(PG_BIN / "psql"),
            "-h",
            str(sock),
            "-p",
            str(port),
            "-U",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            "-d",
            "postgres",
            "-c",
        ]
        _as_postgres(*psql, f"CREATE ROLE dpp LOGIN PASSWORD '{PASSWORD}'")
        _as_postgres(*psql, "CREATE DATABASE dpp_history OWNER dpp")
        yield f"postgresql://dpp:{PASSWORD}@127.0.0.1:{port}/dpp_history"
    finally:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(root, ignore_errors=True)
