"""Certificate analysis (pure): chain trust with intermediates, hostname rules, validity window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from auditor.bench import tls_lab
from auditor.clock import wall_now
from auditor.collect.tls.certs import analyse_chain, hostname_matches

NOW = wall_now()  # the lab's certificates are made against the real clock, as TLS clients judge them


def _intermediate(root: tls_lab.Ca) -> tls_lab.Ca:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "dpp test intermediate")])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(root.cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=900))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),
                       critical=False)
        .sign(root.key, hashes.SHA256())
    )
    return tls_lab.Ca(key, cert)


def _load(pem: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem)


def test_chain_through_an_intermediate() -> None:
    root = tls_lab.make_ca()
    inter = _intermediate(root)
    leaf = _load(tls_lab.make_leaf(inter, ["api.shop.test"])[0])
    full = analyse_chain([leaf, inter.cert], "api.shop.test", [root.cert], NOW)
    assert (full["chain_valid"], full["hostname_match"], full["chain_length"]) == (True, True, 2)
    missing = analyse_chain([leaf], "api.shop.test", [root.cert], NOW)
    assert missing["chain_valid"] is False and missing["chain_error"]


def test_expired_leaf_keeps_trust_and_validity_separate() -> None:
    root = tls_lab.make_ca()
    leaf = _load(tls_lab.make_leaf(root, ["old.shop.test"], days_from=-100, days_to=-1)[0])
    facts = analyse_chain([leaf], "old.shop.test", [root.cert], NOW)
    assert facts["chain_valid"] is True  # trust path judged inside the leaf's window
    assert facts["days_remaining"] < 0


def test_rsa_key_and_self_signed_facts() -> None:
    leaf = _load(tls_lab.make_leaf(None, ["self.shop.test"], rsa_bits=2048)[0])
    facts = analyse_chain([leaf], "self.shop.test", [], NOW)
    assert (facts["key_type"], facts["key_bits"], facts["self_signed"], facts["chain_valid"]) == (
        "rsa", 2048, True, False)
    assert facts["sig_hash"] == "sha256"


@pytest.mark.parametrize(("host", "names", "ips", "ok"), [
    ("shop.example.com", ["shop.example.com"], [], True),
    ("SHOP.example.com.", ["shop.example.com"], [], True),
    ("api.shop.example.com", ["*.shop.example.com"], [], True),
    ("a.b.shop.example.com", ["*.shop.example.com"], [], False),
    ("shop.example.com", ["*.example.com"], [], True),
    ("example.com", ["*.example.com"], [], False),
    ("127.0.0.1", ["localhost"], ["127.0.0.1"], True),
    ("127.0.0.2", [], ["127.0.0.1"], False),
    ("other.example.com", ["shop.example.com"], [], False),
])
def test_hostname_rules(host: str, names: list[str], ips: list[str], ok: bool) -> None:
    assert hostname_matches(host, names, ips) is ok
