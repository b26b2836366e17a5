"""Run inside a network namespace by test_plaintext_listener.py: host.listening on `local`
(the real collector, psutil), endpoint discovery, then tls.endpoint on every discovered socket.
Prints the evidence envelopes as one JSON list on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_spec
from auditor.collect.tls.discovery import endpoints_from
from auditor.collect.transports.factory import transport_for
from auditor.models import Target, TargetKind

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    params = json.loads(sys.argv[1])
    settings = {"tls": {"timeout_s": 3}}
    opts = RunnerOptions(max_workers=4, params=params, settings=settings)
    host = Target(id="local", kind=TargetKind.host, address="local")
    listening = run_units([Unit(load_spec(REPO / "collectors/host.listening.yaml"), host)],
                          lambda t: transport_for(t, settings), None, opts)
    tls_spec = load_spec(REPO / "collectors/tls.endpoint.yaml")
    endpoints = endpoints_from(settings, listening)
    probes = run_units([Unit(tls_spec, t) for t in endpoints], lambda t: None, None, opts)
    json.dump([e.to_json_dict() for e in listening + probes], sys.stdout)


if __name__ == "__main__":
    main()
