"""TLS-5 end to end on a non-loopback address, without touching the machine's network.

The test creates a fresh network namespace with a veth pair (both ends inside it) holding
192.0.2.1/24 (TEST-NET-1), so nothing can leave the machine. Inside it run a plaintext HTTP
server on 192.0.2.1, a TLS server (openssl s_server) on 192.0.2.1 and a plaintext server on
127.0.0.1. The real host.listening collector, endpoint discovery and tls.endpoint run inside
the namespace (tests/tls/netns_scan.py); TLS-5 is judged here by the real policy.
Needs root and iproute2 (`ip netns`), as the CI machine has.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from auditor.bench import tls_lab
from auditor.models import Evidence
from tests.harness.clause_policies import ENGINES
from tests.tls.conftest import REPO, catalogue_params, input_doc
from tests.tls.rego import POLICIES

ADDR = "192.0.2.1"


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


@contextmanager
def namespace() -> Iterator[str]:
    name = f"dpp-tls-{os.getpid()}"
    _ip("netns", "add", name)
    try:
        run = ("netns", "exec", name, "ip")
        _ip(*run, "link", "add", "dpp0", "type", "veth", "peer", "name", "dpp1")
        _ip(*run, "addr", "add", f"{ADDR}/24", "dev", "dpp0")
        for dev in ("lo", "dpp0", "dpp1"):
            _ip(*run, "link", "set", dev, "up")
        yield name
    finally:
        _ip("netns", "del", name)


@contextmanager
def serve(ns: str, argv: list[str], host: str, port: int, cwd: Path) -> Iterator[None]:
    proc = subprocess.Popen(["ip", "netns", "exec", ns, *argv], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        _wait(ns, host, port, proc)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait(ns: str, host: str, port: int, proc: subprocess.Popen[bytes]) -> None:
    probe = f"import socket; socket.create_connection(('{host}', {port}), timeout=0.5).close()"
    deadline = time.monotonic() + 10
    while subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-c", probe],
                         capture_output=True).returncode != 0:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"server {host}:{port} did not start in {ns}")
        time.sleep(0.1)


def scan(ns: str) -> list[Evidence]:
    out = subprocess.run(["ip", "netns", "exec", ns, sys.executable, "-m", "tests.tls.netns_scan",
                          json.dumps(catalogue_params())],
                         cwd=REPO, capture_output=True, text=True, timeout=120, check=True)
    return [Evidence.model_validate(e) for e in json.loads(out.stdout)]


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    return tls_lab.write_pair(tmp_path, "srv", tls_lab.make_leaf(tls_lab.make_ca(), [ADDR]))


def _tls5(evidence: list[Evidence]) -> dict[str, list[dict[str, object]]]:
    doc = input_doc(evidence, catalogue_params())
    found = {engine: POLICIES.findings(engine, "TLS-5", doc)["deny"] for engine in ENGINES}
    key = lambda f: f["details"]["endpoint"]  # noqa: E731
    assert sorted(found["regorus"], key=key) == sorted(found["opa"], key=key)
    return {"deny": found["regorus"]}


def test_plaintext_listener_on_non_loopback_address_fails_tls5(
    tmp_path: Path, tls_files: tuple[Path, Path]
) -> None:
    cert, key = tls_files
    s_server = ["openssl", "s_server", "-accept", f"{ADDR}:8443", "-cert", str(cert), "-key", str(key),
                "-www", "-quiet"]
    plain = [sys.executable, "-m", "http.server", "8080", "--bind", ADDR]
    loopback = [sys.executable, "-m", "http.server", "9000", "--bind", "127.0.0.1"]
    with namespace() as ns, ExitStack() as stack:
        stack.enter_context(serve(ns, s_server, ADDR, 8443, tmp_path))
        stack.enter_context(serve(ns, loopback, "127.0.0.1", 9000, tmp_path))
        with serve(ns, plain, ADDR, 8080, tmp_path):
            evidence = scan(ns)
        after = scan(ns)  # the plaintext server is gone; the TLS and loopback ones remain

    assert [e.status for e in evidence] == ["collected"] * len(evidence)
    sockets = {(s["local_address"], s["port"], s["is_loopback"])
               for s in evidence[0].data["listening_sockets"]}
    assert {(ADDR, 8080, False), (ADDR, 8443, False), ("127.0.0.1", 9000, True)} <= sockets
    probes = {e.target.id: e.data for e in evidence if e.collector == "tls.endpoint"}
    assert set(probes) == {f"local/tcp/{ADDR}/8080", f"local/tcp/{ADDR}/8443"}
    assert probes[f"local/tcp/{ADDR}/8443"]["tls_handshake_ok"] is True
    assert probes[f"local/tcp/{ADDR}/8080"]["plaintext_probe"]["protocol_guess"] == "http"

    denies = _tls5(evidence)["deny"]
    assert [(f["target"], f["details"]["locator"], f["details"]["seen"]) for f in denies] == [
        ("local", f"tcp/{ADDR}/8080", "http")]
    assert _tls5(after)["deny"] == []
