"""A host's 0.0.0.0:P and [::]:P sockets are one ip:port from the auditor: probed once per run."""

from __future__ import annotations

import socket
import threading

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_spec
from auditor.models import Target, TargetKind
from tests.tls.conftest import REPO


def test_wildcard_sockets_of_one_port_share_one_probe() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.2)
    stop = threading.Event()
    accepted = []

    def accept() -> None:
        while not stop.is_set():
            try:
                conn = server.accept()[0]
            except OSError:
                continue
            accepted.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = server.getsockname()[1]
    spec = load_spec(REPO / "collectors/tls.endpoint.yaml")
    targets = [Target(id=f"h/tcp/{local}/{port}", kind=TargetKind.endpoint, address=f"https://127.0.0.1:{port}",
                      options={"source": "socket", "host_target": "h", "local_address": local})
               for local in ("0.0.0.0", "::")]

    def run(chosen: list[Target]) -> list:  # type: ignore[type-arg]
        opts = RunnerOptions(max_workers=2, params={}, settings={"tls": {"timeout_s": 2}})
        return run_units([Unit(spec=spec, target=t) for t in chosen], lambda t: None, None, opts)

    try:
        run(targets[:1])
        once = len(accepted)  # the connections one probe makes
        first = run(targets)  # a new run: probes again (nothing cached across runs), but once
        both = len(accepted) - once
    finally:
        stop.set()
        thread.join()
        server.close()
    assert [e.status for e in first] == ["collected", "collected"]
    assert first[0].data == first[1].data
    assert once > 0 and both == once
    notes = [c for e in first for c in e.provenance.commands if "probed once" in c]
    assert len(notes) == 1
