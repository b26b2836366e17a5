"""Regenerate the sample fixtures (tests/engine/data/fixtures): `python -m tests.engine.data.make_fixtures`.

Certificates are generated afresh (new keys), so the files change; the expectations do not.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).parent / "fixtures"
META = {"run_id": "fixture", "evaluated_at": "2026-11-27T10:00:00Z", "profile": "default"}
PARAMS = {
    "sensitive_ports": [22, 3306],
    "admin_networks": ["10.0.0.0/8", "192.168.0.0/16"],
    "cert_min_days_fail": 14,
    "cert_min_days_warn": 30,
}


def _cert(cn: str, names: list[str], not_after: dt.datetime, rsa_key: bool = False) -> str:
    key: Any = rsa.generate_private_key(65537, 2048) if rsa_key else ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _write(clause: str, case: str, evidence: dict[str, Any], deny: list[Any], warn: list[Any]) -> None:
    folder = HERE / clause / case
    folder.mkdir(parents=True, exist_ok=True)
    doc = {
        "meta": META,
        "params": PARAMS,
        "evidence": evidence,
        "targets": {t: {"kind": "host"} for c in evidence.values() for t in c},
    }
    (folder / "input.json").write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    expected = {
        "deny": [{"check": c, "target": t} for c, t in deny],
        "warn": [{"check": c, "target": t} for c, t in warn],
    }
    (folder / "expected.yaml").write_text(yaml.safe_dump(expected, sort_keys=False))


def main() -> None:
    utc = dt.UTC
    good_fw = {
        "backend": "nftables",
        "input_policy": "drop",
        "admin_networks": ["10.0.0.0/8"],
        "accept": [{"port": 22, "sources": ["10.20.0.0/16"]}, {"port": 443, "sources": ["0.0.0.0/0"]}],
    }
    _write(
        "SMP-1",
        "no_firewall",
        {"host.firewall": {"web-1": {"backend": "none"}, "web-2": good_fw}},
        [("SMP-1.a", "web-1")],
        [],
    )
    _write(
        "SMP-1",
        "open_ssh_and_overlapping_admin_networks",
        {
            "host.firewall": {
                "db-1": {
                    "backend": "nftables",
                    "input_policy": "drop",
                    "admin_networks": ["10.0.0.0/8", "10.1.0.0/16"],
                    "accept": [
                        {"port": 3306, "sources": ["10.2.0.0/16", "203.0.113.0/25", "203.0.113.128/25"]}
                    ],
                },
                "db-2": {"backend": "iptables", "input_policy": "accept", "admin_networks": [], "accept": []},
                "db-3": good_fw,
            }
        },
        [("SMP-1.c", "db-1"), ("SMP-1.b", "db-2")],
        [("SMP-1.d", "db-1")],
    )
    _write("SMP-1", "clean", {"host.firewall": {"app-1": good_fw}}, [], [])
    _write(
        "SMP-2",
        "expired_and_valid",
        {
            "tls.endpoint": {
                "https://shop.example.test:443": {
                    "host": "shop.example.test",
                    "chain_pem": _cert(
                        "shop.example.test",
                        ["shop.example.test"],
                        dt.datetime(2026, 11, 20, 12, 0, tzinfo=utc),
                    ),
                },
                "https://api.example.test:443": {
                    "host": "api.example.test",
                    "chain_pem": _cert(
                        "api.example.test", ["api.example.test"], dt.datetime(2027, 6, 1, tzinfo=utc)
                    ),
                },
            }
        },
        [("SMP-2.a", "https://shop.example.test:443")],
        [],
    )
    _write(
        "SMP-2",
        "expiring_soon_wrong_name_rsa",
        {
            "tls.endpoint": {
                "https://a.example.test:443": {
                    "host": "a.example.test",
                    "chain_pem": _cert(
                        "a.example.test", ["a.example.test"], dt.datetime(2026, 12, 15, tzinfo=utc)
                    ),
                },
                "https://b.example.test:8443": {
                    "host": "b.example.test",
                    "chain_pem": _cert(
                        "other.example.test",
                        ["other.example.test"],
                        dt.datetime(2027, 6, 1, tzinfo=utc),
                        rsa_key=True,
                    ),
                },
            }
        },
        [("SMP-2.c", "https://b.example.test:8443"), ("SMP-2.d", "https://b.example.test:8443")],
        [("SMP-2.b", "https://a.example.test:443")],
    )


if __name__ == "__main__":
    main()
