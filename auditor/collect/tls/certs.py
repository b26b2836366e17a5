"""Certificate analysis with `cryptography`: the policies never parse certificates themselves.

Chain validity, hostname match and the validity window are reported separately, so an
expired certificate fails only the validity check and a wrong host only the hostname check.
"""

from __future__ import annotations

import ipaddress
import ssl
import warnings
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from auditor.errors import CollectorError
from auditor.models import ErrorKind, rfc3339

_SYSTEM_BUNDLES = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt")


@cache
def _load_bundle(path: str) -> tuple[x509.Certificate, ...]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CollectorError(ErrorKind.parse, f"CA bundle {path}: {exc.strerror}") from None
    try:
        with warnings.catch_warnings():  # distro bundles hold a few legacy roots
            warnings.simplefilter("ignore")
            certs = x509.load_pem_x509_certificates(data)
    except ValueError:
        raise CollectorError(ErrorKind.parse, f"CA bundle {path}: no PEM certificates") from None
    return tuple(certs)


def system_bundle() -> str | None:
    candidates = [ssl.get_default_verify_paths().cafile, *_SYSTEM_BUNDLES]
    return next((p for p in candidates if p and Path(p).is_file()), None)


def trust_anchors(ca_bundle_file: str | None) -> tuple[list[x509.Certificate], list[str]]:
    """Certificates trusted for chain validation and the names of their sources."""
    anchors: list[x509.Certificate] = []
    sources: list[str] = []
    system = system_bundle()
    if system:
        anchors.extend(_load_bundle(system))
        sources.append("system")
    if ca_bundle_file:
        anchors.extend(_load_bundle(ca_bundle_file))
        sources.append("ca_bundle")
    return anchors, sources


def _key_info(cert: x509.Certificate) -> tuple[str, int | None, str | None]:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return "rsa", key.key_size, None
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ec", key.curve.key_size, key.curve.name
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "ed25519", 256, None
    if isinstance(key, ed448.Ed448PublicKey):
        return "ed448", 456, None
    if isinstance(key, dsa.DSAPublicKey):
        return "dsa", key.key_size, None
    return type(key).__name__.lower(), None, None


def _sig_info(cert: x509.Certificate) -> tuple[str, str | None]:
    algo = cert.signature_hash_algorithm
    name = getattr(cert.signature_algorithm_oid, "_name", None) or cert.signature_algorithm_oid.dotted_string
    if isinstance(algo, hashes.HashAlgorithm):
        return name, algo.name
    return name, None  # Ed25519/Ed448 sign without a separate hash


def _san(cert: x509.Certificate) -> tuple[list[str], list[str]]:
    try:
        ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return [], []
    dns = ext.get_values_for_type(x509.DNSName)
    ips = [str(ip) for ip in ext.get_values_for_type(x509.IPAddress)]
    return dns, ips


def hostname_matches(host: str, dns_names: list[str], ip_names: list[str]) -> bool:
    """RFC 6125 matching against SAN only (no CN fallback); one wildcard as the whole left label."""
    try:
        return ipaddress.ip_address(host) in {ipaddress.ip_address(ip) for ip in ip_names}
    except ValueError:
        pass
    host = host.rstrip(".").lower()
    for name in (n.rstrip(".").lower() for n in dns_names):
        if name == host:
            return True
        if name.startswith("*.") and "." in host:
            label, _, rest = host.partition(".")
            if label and rest == name[2:] and rest.count(".") >= 1:
                return True
    return False


def _is_self_signed(cert: x509.Certificate) -> bool:
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature, x509.UnsupportedGeneralNameType):
        return False
    return True


def _verify_chain(
    chain: list[x509.Certificate], anchors: list[x509.Certificate], at: datetime
) -> tuple[bool, str | None, list[str]]:
    """Validate the trust path only (the subject used is one the leaf itself claims).

    -> (trusted, why not, RFC 5280 profile deviations). Trust is decided as TLS clients
    (OpenSSL, curl, Python's ssl) decide it: signatures, names, validity, CA basicConstraints
    and serverAuth. The Web PKI profile cryptography checks by default also wants extensions
    those clients do not (an Authority Key Identifier on the leaf, say); a chain that fails
    only those is trusted, and what it lacks is reported as a deviation of its own."""
    if not anchors:
        return False, "no trust anchors available", []
    leaf = chain[0]
    dns, ips = _san(leaf)
    subject: x509.DNSName | x509.IPAddress
    if dns:
        subject = x509.DNSName(dns[0].replace("*.", "wildcard.", 1))
    elif ips:
        subject = x509.IPAddress(ipaddress.ip_address(ips[0]))
    else:
        return False, "leaf certificate has no subjectAltName", []
    builder = PolicyBuilder().store(Store(anchors)).time(at)
    strict = _try_verify(builder, subject, chain)
    if strict is None:
        return True, None, []
    as_clients = builder.extension_policies(ca_policy=_CLIENT_CA, ee_policy=_CLIENT_EE)
    relaxed = _try_verify(as_clients, subject, chain)
    if relaxed is None:
        return True, None, [strict]
    return False, relaxed, []


def _try_verify(
    builder: PolicyBuilder, subject: x509.DNSName | x509.IPAddress, chain: list[x509.Certificate]
) -> str | None:
    try:
        builder.build_server_verifier(subject).verify(chain[0], chain[1:])
    except VerificationError as exc:
        return str(exc)[:300]
    except ValueError as exc:
        return f"unusable certificate: {exc}"[:300]
    return None


def _must_be_ca(_policy: Any, _cert: x509.Certificate, bc: x509.BasicConstraints | None) -> None:
    if bc is None or not bc.ca:
        raise ValueError("issuer is not a CA (basicConstraints CA:TRUE missing)")


def _server_auth(_policy: Any, _cert: x509.Certificate, eku: x509.ExtendedKeyUsage | None) -> None:
    allowed = {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}
    if eku is not None and not allowed & set(eku):
        raise ValueError("extendedKeyUsage does not allow serverAuth")


# What OpenSSL's verifier (purpose sslserver) insists on; everything else may be present or not.
_CLIENT_CA = ExtensionPolicy.permit_all().require_present(
    x509.BasicConstraints, Criticality.AGNOSTIC, _must_be_ca)
_CLIENT_EE = (ExtensionPolicy.permit_all()
              .may_be_present(x509.ExtendedKeyUsage, Criticality.AGNOSTIC, _server_auth)
              .require_present(x509.SubjectAlternativeName, Criticality.AGNOSTIC, None))


def _validation_time(leaf: x509.Certificate, now: datetime) -> datetime:
    # Validity of the leaf is its own check; validate the trust path inside the leaf's window.
    start, end = leaf.not_valid_before_utc, leaf.not_valid_after_utc
    if now < start:
        return start + timedelta(seconds=1)
    if now > end:
        return end - timedelta(seconds=1)
    return now


def _cn(name: x509.Name) -> str | None:
    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else None


def analyse_chain(
    chain: list[x509.Certificate],
    host: str,
    anchors: list[x509.Certificate],
    now: datetime,
) -> dict[str, Any]:
    """Evidence for TLS-3 from the chain the server sent (leaf first)."""
    if not chain:
        raise CollectorError(ErrorKind.parse, "server sent no certificate")
    leaf = chain[0]
    key_type, key_bits, curve = _key_info(leaf)
    sig_alg, sig_hash = _sig_info(leaf)
    dns, ips = _san(leaf)
    chain_valid, chain_error, deviations = _verify_chain(chain, anchors, _validation_time(leaf, now))
    not_after = leaf.not_valid_after_utc
    return {
        "subject": leaf.subject.rfc4514_string(),
        "subject_cn": _cn(leaf.subject),
        "issuer": leaf.issuer.rfc4514_string(),
        "san": dns + ips,
        "serial": format(leaf.serial_number, "x"),
        "not_before": rfc3339(leaf.not_valid_before_utc),
        "not_after": rfc3339(not_after),
        "days_remaining": (not_after - now).days,
        "key_type": key_type,
        "key_bits": key_bits,
        "curve": curve,
        "sig_alg": sig_alg,
        "sig_hash": sig_hash,
        "self_signed": _is_self_signed(leaf),
        "chain_length": len(chain),
        "chain_valid": chain_valid,
        "chain_error": chain_error,
        "profile_deviations": deviations,
        "hostname_match": hostname_matches(host, dns, ips),
    }
