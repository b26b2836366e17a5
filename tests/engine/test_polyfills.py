"""Each polyfill against real OPA (opa_bindings): the same Rego, evaluated on regorus with the
polyfill and on OPA with its own builtin, must give the same JSON."""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import json
import random
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from opa_bindings import OpaEngine, OpaError

from auditor.engine.polyfills import POLYFILLS
from auditor.engine.regorus_engine import RegorusEngine
from auditor.errors import PolicyError


def _both(expr: str, input_doc: Any = None) -> tuple[Any, Any]:
    """Evaluate `r := <expr>` on regorus (polyfilled) and on real OPA."""
    module = {"p/probe.rego": f"package probe\n\nimport rego.v1\n\nr := {expr}\n"}
    ours = RegorusEngine()
    ours.load(module)
    opa = OpaEngine()
    try:
        opa.add_policy("p/probe.rego", module["p/probe.rego"])
        theirs = opa.eval_document("probe.r", input_doc or {})
    finally:
        opa.close()
    return ours.evaluate("data.probe.r", input_doc or {}), theirs


# -- net.* ---------------------------------------------------------------------------------

CIDR_CASES = [
    'net.cidr_merge(["192.0.128.0/24", "192.0.129.0/24"])',
    'net.cidr_merge({"10.0.0.0/8", "10.1.0.0/16", "10.0.0.1", "192.168.1.7"})',
    'net.cidr_merge(["10.0.0.1/24", "10.0.1.0/24", "2001:db8::/33", "2001:db8:8000::/33", "::1/128"])',
    'net.cidr_merge(["10.0.0.0/24", "10.0.2.0/24", "10.0.1.0/24", "10.0.3.0/25", "172.16.9.9"])',
    'net.cidr_merge(["0.0.0.0/1", "128.0.0.0/1", "::/1", "8000::/1", "192.0.2.5/32", "192.0.2.4/32"])',
    'net.cidr_merge(["10.0.0.7/32", "10.0.0.9/32", "10.0.0.8/31", "10.0.0.0/30", "10.0.0.4/31"])',
    "net.cidr_merge([])",
    'net.cidr_intersects("192.168.0.0/16", "192.168.1.0/24")',
    'net.cidr_intersects("192.168.0.0/24", "192.168.1.0/24")',
    'net.cidr_intersects("fd00::/8", "fd12:3456::/32")',
    'net.cidr_intersects("10.0.0.0/8", "fd00::/8")',
    'net.cidr_contains_matches("10.0.0.0/8", "10.1.2.3")',
    'net.cidr_contains_matches(["10.0.0.0/8", "192.168.0.0/16"], ["10.1.2.3", "192.168.5.0/24", "8.8.8.8"])',
    'net.cidr_contains_matches({"10.0.0.0/8", "0.0.0.0/0"}, {"a": "10.0.0.1", "b": ["1.2.3.4", "x"]})',
    'net.cidr_contains_matches({"lan": ["192.168.0.0/16", "home"]}, {"192.168.1.1", "10.0.0.1"})',
    'net.cidr_contains_matches(["::/0"], ["2001:db8::1", "127.0.0.1"])',
]


@pytest.mark.parametrize("expr", CIDR_CASES)
def test_cidr_polyfills_match_opa(expr: str) -> None:
    ours, theirs = _both(expr)
    assert ours == theirs


def test_sets_stay_sets() -> None:
    ours, theirs = _both('is_set(net.cidr_merge(["10.0.0.0/8"]))')
    assert ours is True and theirs is True
    ours, theirs = _both('is_set(net.cidr_contains_matches("10.0.0.0/8", "10.0.0.1"))')
    assert ours is True and theirs is True


@pytest.mark.parametrize("text", ["", "abc", "The quick brown fox"])
def test_hash_polyfills_match_opa(text: str) -> None:
    for name in ("sha256", "sha1", "md5"):
        ours, theirs = _both(f"crypto.{name}(input.s)", {"s": text})
        assert ours == theirs


def test_every_polyfill_is_compared_here() -> None:
    covered = {
        "net.cidr_merge",
        "net.cidr_intersects",
        "net.cidr_contains_matches",
        "crypto.sha256",
        "crypto.sha1",
        "crypto.md5",
        "crypto.x509.parse_certificates",
    }
    assert set(POLYFILLS) == covered


# -- crypto.x509.parse_certificates ---------------------------------------------------------


def _name(cn: str, extra: bool = False) -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Ltd"),
    ]
    if extra:
        attrs += [
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Ops"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "Leeds"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "42"),
        ]
    return x509.Name([*attrs, x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _certs() -> list[x509.Certificate]:
    utc = dt.UTC
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name("Example Test CA", extra=True)
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(dt.datetime(2025, 1, 1, tzinfo=utc))
        .not_valid_after(dt.datetime(2035, 1, 1, tzinfo=utc))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("shop.example.test"))
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2026, 1, 1, 8, 30, tzinfo=utc))
        .not_valid_after(dt.datetime(2026, 12, 1, 12, 0, 5, tzinfo=utc))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("shop.example.test"),
                    x509.DNSName("www.example.test"),
                    x509.RFC822Name("ops@example.test"),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    x509.IPAddress(ipaddress.ip_address("::1")),
                ]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=True,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=True,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA384())
    )
    ed_key = ed25519.Ed25519PrivateKey.generate()
    ed = (
        x509.CertificateBuilder()
        .subject_name(_name("ed.example.test"))
        .issuer_name(_name("ed.example.test"))
        .public_key(ed_key.public_key())
        .serial_number(7)
        .not_valid_before(dt.datetime(2024, 2, 29, tzinfo=utc))
        .not_valid_after(dt.datetime(2025, 2, 28, tzinfo=utc))
        .sign(ed_key, None)
    )
    pss_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pss = (
        x509.CertificateBuilder()
        .subject_name(_name("pss.example.test"))
        .issuer_name(_name("pss.example.test"))
        .public_key(pss_key.public_key())
        .serial_number(8)
        .not_valid_before(dt.datetime(2026, 1, 1, tzinfo=utc))
        .not_valid_after(dt.datetime(2027, 1, 1, tzinfo=utc))
        .sign(
            pss_key,
            hashes.SHA256(),
            rsa_padding=padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
        )
    )
    return [leaf, ca, ed, pss]


@pytest.fixture(scope="module")
def certs() -> list[x509.Certificate]:
    return _certs()


def _pem(certs: list[x509.Certificate]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certs)


def _compare(input_text: str) -> list[dict[str, Any]]:
    ours, theirs = _both("crypto.x509.parse_certificates(input.certs)", {"certs": input_text})
    assert len(ours) == len(theirs)
    for mine, real in zip(ours, theirs, strict=True):
        assert set(mine) <= set(real)
        assert mine == {k: real[k] for k in mine}, json.dumps([mine, real], indent=1, sort_keys=True)
    return ours


def test_parse_certificates_pem_matches_opa(certs: list[x509.Certificate]) -> None:
    parsed = _compare(_pem(certs))
    leaf = parsed[0]
    assert leaf["NotAfter"] == "2026-12-01T12:00:05Z"
    assert leaf["Subject"]["CommonName"] == "shop.example.test"
    assert leaf["Issuer"]["CommonName"] == "Example Test CA"
    assert leaf["DNSNames"] == ["shop.example.test", "www.example.test"]
    assert (leaf["PublicKeyAlgorithm"], leaf["SignatureAlgorithm"]) == (3, 5)
    assert [c["PublicKeyAlgorithm"] for c in parsed] == [3, 1, 4, 1]
    assert [c["SignatureAlgorithm"] for c in parsed] == [5, 4, 16, 13]


def test_parse_certificates_base64_forms_match_opa(certs: list[x509.Certificate]) -> None:
    der = b"".join(c.public_bytes(serialization.Encoding.DER) for c in certs)
    _compare(base64.b64encode(der).decode())
    _compare(base64.b64encode(_pem(certs[:1]).encode()).decode())


def test_fields_a_policy_needs_are_present(certs: list[x509.Certificate]) -> None:
    leaf = _compare(_pem(certs[:1]))[0]
    for key in (
        "NotBefore",
        "NotAfter",
        "Subject",
        "Issuer",
        "DNSNames",
        "PublicKeyAlgorithm",
        "SignatureAlgorithm",
        "IsCA",
        "ExtKeyUsage",
        "KeyUsage",
        "Raw",
    ):
        assert key in leaf


def test_cidr_merge_random_lists_match_opa() -> None:
    rng = random.Random(20261127)
    cases = []
    for _ in range(300):
        items = []
        for _ in range(rng.randint(1, 8)):
            prefix = rng.randint(20, 32)
            address = ipaddress.IPv4Address(0x0A000000 + rng.randrange(0, 1 << 14))
            items.append(f"{address}/{prefix}" if rng.random() < 0.9 else str(address))
        cases.append(items)
    ours, theirs = _both("[net.cidr_merge(c) | some c in input.cases]", {"cases": cases})
    assert ours == theirs


@pytest.mark.parametrize(
    "expr",
    [
        'net.cidr_merge(["::1"])',
        'net.cidr_intersects("10.0.0.1", "10.0.0.0/8")',
        'crypto.x509.parse_certificates("bm90IGEgY2VydA==")',
        'net.cidr_contains_matches("x", "10.0.0.1")',
    ],
)
def test_invalid_input_is_an_error_on_both(expr: str) -> None:
    module = {"p/bad.rego": f"package bad\n\nimport rego.v1\n\nr := {expr} if input.go\n"}
    ours = RegorusEngine()
    ours.load(module)
    with pytest.raises(PolicyError):
        ours.evaluate("data.bad.r", {"go": True})
    opa = OpaEngine()
    try:
        opa.add_policy("p/bad.rego", module["p/bad.rego"])
        with pytest.raises(OpaError):
            opa.eval_document("bad.r", {"go": True})
    finally:
        opa.close()


def test_with_cannot_replace_a_polyfill_on_regorus() -> None:
    # A known regorus limitation (documented in polyfills.py): mock the wrapping function instead.
    module = """package m

import rego.v1

not_after(pem) := crypto.x509.parse_certificates(pem)[0].NotAfter

fake(_) := [{"NotAfter": "2030-01-01T00:00:00Z"}]

test_mock_builtin if not_after("x") == "2030-01-01T00:00:00Z" with crypto.x509.parse_certificates as fake

test_mock_wrapper if not_after("x") == "v" with not_after as "v"
"""
    engine = RegorusEngine()
    engine.load({"m.rego": module})
    with pytest.raises(PolicyError, match="undefined rule"):
        engine.evaluate("data.m.test_mock_builtin", {})
    assert engine.evaluate("data.m.test_mock_wrapper", {}) is True
