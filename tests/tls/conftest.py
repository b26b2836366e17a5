"""Live TLS servers for the collector tests: one nginx on loopback, one port per case.

Certificates come from a throw-away CA made in the test session (auditor/bench/tls_lab.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.bench import tls_lab
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_spec
from auditor.models import Evidence, Target, TargetKind

REPO = Path(__file__).resolve().parents[2]
CLAUSES = ["TLS-1", "TLS-2", "TLS-3", "TLS-4", "NET-6"]
LEGACY = "DEFAULT:@SECLEVEL=0"
WEAK = tls_lab.MODERN_CIPHERS + ":ECDHE-ECDSA-AES128-SHA"
REDIRECT = "return 301 https://$host$request_uri;"


def catalogue_params() -> dict[str, Any]:
    raw = yaml.safe_load((REPO / "policies/amazon_dpp/clauses.yaml").read_text())
    return dict(raw["parameters"])


@dataclass
class Lab:
    """Ports by case name, the CA bundle and the HTTP ports for TLS-4."""

    ca_file: Path
    ports: dict[str, int] = field(default_factory=dict)
    redirect_http_port: int = 0
    content_http_port: int = 0
    params: dict[str, Any] = field(default_factory=catalogue_params)

    def scan(self, case: str, *, http_port: int | None = None, host: str = "localhost",
             **tls: Any) -> Evidence:
        url = f"https://{host}:{self.ports[case]}"
        settings = {"tls": {"ca_bundle_file": str(self.ca_file), "timeout_s": 5,
                            "http_port": http_port or self.redirect_http_port, **tls}}
        return scan_url(url, settings, self.params)


def scan_url(url: str, settings: dict[str, Any], params: dict[str, Any]) -> Evidence:
    spec = load_spec(REPO / "collectors/tls.endpoint.yaml")
    target = Target(id=url, kind=TargetKind.endpoint, address=url)
    opts = RunnerOptions(max_workers=1, params=params, settings=settings)
    (evidence,) = run_units([Unit(spec=spec, target=target)], lambda t: None, None, opts)
    return evidence


def input_doc(evidence: list[Evidence], params: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The policy input built the way the application does: only collected evidence."""
    doc: dict[str, Any] = {
        "meta": {"run_id": "t", "evaluated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "profile": "default"},
        "params": params, "evidence": {}, "targets": {},
    }
    for ev in evidence:
        doc["targets"][ev.target.id] = {"kind": ev.target.kind, "address": ev.target.address}
        if ev.status == "collected":
            doc["evidence"].setdefault(ev.collector, {})[ev.target.id] = ev.data
    for key, value in extra.items():
        doc[key].update(value)
    return doc


def _cases(lab_dir: Path, ca: tls_lab.Ca) -> dict[str, dict[str, Any]]:
    """Case name -> tls_server_block keyword arguments (cert pair generated here)."""
    leaf = tls_lab.make_leaf
    good = leaf(ca, ["localhost", "127.0.0.1"])
    site = lab_dir / "site"
    (site / "files").mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("<html><body>shop</body></html>")
    (site / "files" / "report.txt").write_text("quarterly")
    exposed_extra = """
        location = /.env { return 200 "APP_KEY=not-a-real-secret\\n"; }
        location /files/ { autoindex on; }
        location /admin/ { return 200 "admin console"; }
        location /private/ { return 302 https://$host/login?next=$request_uri; }
    """
    return {
        "good": {"pair": good, "root": site},
        "tls1_0": {"pair": good, "root": site, "protocols": "TLSv1 TLSv1.2 TLSv1.3", "ciphers": LEGACY},
        "weak_cipher": {"pair": good, "root": site, "ciphers": WEAK},
        "expired": {"pair": leaf(ca, ["localhost"], days_from=-400, days_to=-2), "root": site},
        "not_yet_valid": {"pair": leaf(ca, ["localhost"], days_from=5, days_to=400), "root": site},
        "self_signed": {"pair": tls_lab.make_leaf(None, ["localhost"]), "root": site},
        "wrong_host": {"pair": tls_lab.make_leaf(ca, ["shop.example.com"]), "root": site},
        "rsa_1024": {"pair": tls_lab.make_leaf(ca, ["localhost"], rsa_bits=1024), "root": site,
                     "ciphers": "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0"},
        "no_hsts": {"pair": good, "root": site, "hsts": None},
        "exposed": {"pair": good, "root": site, "extra": exposed_extra},
    }


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    base = tmp_path_factory.mktemp("tls-lab")
    ca = tls_lab.make_ca()
    ca_file = base / "ca.pem"
    ca_file.write_bytes(ca.pem())
    lab = Lab(ca_file=ca_file, redirect_http_port=tls_lab.free_port(), content_http_port=tls_lab.free_port())
    blocks = [
        tls_lab.http_server_block(lab.redirect_http_port, REDIRECT),
        tls_lab.http_server_block(lab.content_http_port, "return 200 'plain content';"),
    ]
    for name, case in _cases(base, ca).items():
        cert, key = tls_lab.write_pair(base, name, case.pop("pair"))
        lab.ports[name] = tls_lab.free_port()
        blocks.append(tls_lab.tls_server_block(lab.ports[name], cert, key, **case))
    ports = [("127.0.0.1", p) for p in [lab.redirect_http_port, lab.content_http_port, *lab.ports.values()]]
    with tls_lab.run_nginx(base / "nginx", blocks, ports):
        yield lab
