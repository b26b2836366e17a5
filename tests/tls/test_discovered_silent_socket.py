"""A discovered socket that closes without speaking is a listener for TLS-5, not a TLS endpoint error."""

from __future__ import annotations

import socket
import threading

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_spec
from auditor.models import Target, TargetKind
from tests.tls.conftest import REPO


def _closing_server() -> tuple[socket.socket, threading.Event, threading.Thread]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                server.accept()[0].close()  # accept, then hang up at once
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    return server, stop, thread


def _scan(port: int, source: str) -> object:
    spec = load_spec(REPO / "collectors/tls.endpoint.yaml")
    url = f"https://127.0.0.1:{port}"
    target = Target(id=f"local/tcp/0.0.0.0/{port}", kind=TargetKind.endpoint, address=url,
                    options={"source": source, "host_target": "local", "local_address": "0.0.0.0"})
    opts = RunnerOptions(max_workers=1, params={}, settings={"tls": {"timeout_s": 2}})
    (evidence,) = run_units([Unit(spec=spec, target=target)], lambda t: None, None, opts)
    return evidence


def test_silent_discovered_socket_is_collected_for_tls5_but_configured_one_is_error() -> None:
    server, stop, thread = _closing_server()
    try:
        port = server.getsockname()[1]
        discovered = _scan(port, "socket")
        configured = _scan(port, "config")
    finally:
        stop.set()
        thread.join()
        server.close()
    assert discovered.status == "collected"  # type: ignore[attr-defined]
    data = discovered.data  # type: ignore[attr-defined]
    assert data["tls_handshake_ok"] is False
    assert data["plaintext_probe"]["protocol_guess"] == "silent"
    assert configured.status == "error"  # type: ignore[attr-defined]
    assert data["in_scope"] is False
