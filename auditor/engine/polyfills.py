"""OPA builtins that regorus lacks, implemented in Python and registered under their OPA names.

Each function takes and returns JSON-compatible values shaped like OPA's output for the same
input; tests/engine/test_polyfills.py compares them with real OPA (opa_bindings). On invalid
input they raise, which regorus reports as an evaluation error, as OPA does with strict builtin
errors: policies should only pass well-formed values.

`crypto.x509.parse_certificates` returns a subset of OPA's fields (OPA marshals Go's whole
x509.Certificate). Left out on purpose: SerialNumber and PublicKey, whose big integers regorus
turns into floats, and the raw DER fields other than `Raw`. A key size is therefore not
available from this builtin on either engine (OPA's ECDSA `Curve` is `{}`); take it from the
tls.endpoint collector's evidence instead.

regorus cannot replace a polyfill with `with` (it answers "undefined rule"): in Rego tests, mock
the policy's own function that wraps the builtin, not the builtin itself.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, SignatureAlgorithmOID

Polyfill = Callable[..., Any]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class RegoSet(list[Any]):
    """A Rego set handed to a polyfill: a sorted list that remembers it was a set."""


def register_regorus(engine: Any) -> set[str]:
    """Register every polyfill on a regorus Engine; return the names registered."""
    for name, (arity, fn) in POLYFILLS.items():
        engine.add_extension(name, arity, _plain_args(fn))
    return set(POLYFILLS)


def _plain_args(fn: Polyfill) -> Polyfill:
    def call(*args: Any) -> Any:
        return fn(*(plain(a) for a in args))

    call.__name__ = getattr(fn, "__name__", "polyfill")
    return call


def plain(value: Any) -> Any:
    """regorus passes Rego sets as Python sets: make them RegoSet (sorted, as OPA orders them)."""
    if isinstance(value, set | frozenset):
        return RegoSet(sorted((plain(v) for v in value), key=_sort_key))
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# -- net.* ---------------------------------------------------------------------------------


def _network(text: Any, what: str = "CIDR") -> Network:
    if not isinstance(text, str) or "/" not in text:
        raise ValueError(f"invalid {what}: {text!r}")
    return ipaddress.ip_network(text, strict=False)


def _network_or_address(text: Any) -> Network:
    if not isinstance(text, str):
        raise ValueError(f"expected a CIDR or IP string, got {text!r}")
    try:
        return ipaddress.ip_network(ipaddress.ip_address(text))
    except ValueError:
        return _network(text, "IP address or CIDR")


_V4_MAPPED = 0xFFFF << 32  # OPA merges IPv4 ranges as IPv4-mapped IPv6 addresses


def cidr_merge(addrs: Any) -> set[str]:
    """net.cidr_merge(addrs) as OPA computes it: ranges sorted by last then first address, merged
    when adjacent or overlapping; an unmerged input keeps its own text. A bare IPv4 address gets
    its classful mask (OPA uses Go's IP.DefaultMask) and a bare IPv6 address is an error."""
    if not isinstance(addrs, list):  # arrays and sets (RegoSet is a list)
        raise ValueError("net.cidr_merge: operand must be an array")
    ranges: list[tuple[int, int, str | None]] = sorted(
        (_merge_range(item) for item in addrs), key=lambda r: (r[1], r[0])
    )
    i = len(ranges) - 1
    while i > 0:
        first, last, _ = ranges[i]
        if _previous(first) <= ranges[i - 1][1]:
            ranges[i - 1] = (min(ranges[i - 1][0], first), last, None)
            del ranges[i]
        i -= 1
    result: set[str] = set()
    for first, last, text in ranges:
        if text is not None:
            result.add(text)
        else:
            result.update(str(n) for n in _range_networks(first, last))
    return result


def _merge_range(item: Any) -> tuple[int, int, str]:
    if not isinstance(item, str):
        raise ValueError("net.cidr_merge: element must be string")
    try:
        address = ipaddress.ip_address(item)
    except ValueError:
        network = _network(item)
        text = str(network)
    else:
        if address.version == 6:
            raise ValueError("net.cidr_merge: IPv6 invalid: needs prefix length")
        first_octet = int(address) >> 24
        prefix = 8 if first_octet < 0x80 else 16 if first_octet < 0xC0 else 24
        network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
        text = f"{address}/{prefix}"
    base = _V4_MAPPED if network.version == 4 else 0
    return base + int(network.network_address), base + int(network.broadcast_address), text


def _previous(address: int) -> int:
    return address if address in (0, _V4_MAPPED) else address - 1


def _range_networks(first: int, last: int) -> Iterator[Network]:
    if first >= _V4_MAPPED and last < _V4_MAPPED + 2**32:
        yield from ipaddress.summarize_address_range(
            ipaddress.IPv4Address(first - _V4_MAPPED), ipaddress.IPv4Address(last - _V4_MAPPED)
        )
    else:
        yield from ipaddress.summarize_address_range(
            ipaddress.IPv6Address(first), ipaddress.IPv6Address(last)
        )


def cidr_intersects(cidr1: Any, cidr2: Any) -> bool:
    a, b = _network(cidr1), _network(cidr2)
    if a.version != b.version:
        return False
    return a.overlaps(b)


def cidr_contains_matches(cidrs: Any, cidrs_or_ips: Any) -> set[tuple[Any, Any]]:
    """The pairs [k1, k2] where the CIDR at k1 in the first operand contains the CIDR or IP at k2."""
    result: set[tuple[Any, Any]] = set()
    for net1, k1 in _match_operand(cidrs):
        container = _network(net1)
        for item, k2 in _match_operand(cidrs_or_ips):
            inner = _network_or_address(item)
            if inner.version == container.version and inner.subnet_of(container):  # type: ignore[arg-type]
                result.add((_hashable(k1), _hashable(k2)))
    return result


def _match_operand(operand: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(operand, str):
        yield operand, operand
    elif isinstance(operand, RegoSet):
        for item in operand:
            yield _match_term(item), item
    elif isinstance(operand, list):
        for index, item in enumerate(operand):
            yield _match_term(item), index
    elif isinstance(operand, dict):
        for key, item in operand.items():
            yield _match_term(item), key
    else:
        raise ValueError("net.cidr_contains_matches: operand must be a string, array, set or object")


def _match_term(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, list) and item and isinstance(item[0], str):
        return item[0]
    raise ValueError("net.cidr_contains_matches: operand must be a string or array with first element string")


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


# -- crypto.x509.parse_certificates ---------------------------------------------------------

# Go's crypto/x509 enumerations, as OPA marshals them.
_SIGNATURE_ALGORITHMS = {
    SignatureAlgorithmOID.RSA_WITH_MD5: 2,
    SignatureAlgorithmOID.RSA_WITH_SHA1: 3,
    SignatureAlgorithmOID.RSA_WITH_SHA256: 4,
    SignatureAlgorithmOID.RSA_WITH_SHA384: 5,
    SignatureAlgorithmOID.RSA_WITH_SHA512: 6,
    SignatureAlgorithmOID.DSA_WITH_SHA1: 7,
    SignatureAlgorithmOID.DSA_WITH_SHA256: 8,
    SignatureAlgorithmOID.ECDSA_WITH_SHA1: 9,
    SignatureAlgorithmOID.ECDSA_WITH_SHA256: 10,
    SignatureAlgorithmOID.ECDSA_WITH_SHA384: 11,
    SignatureAlgorithmOID.ECDSA_WITH_SHA512: 12,
    SignatureAlgorithmOID.ED25519: 16,
}
_RSA_PSS_BY_HASH = {"sha256": 13, "sha384": 14, "sha512": 15}
_EXT_KEY_USAGES = {
    ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE: 0,
    ExtendedKeyUsageOID.SERVER_AUTH: 1,
    ExtendedKeyUsageOID.CLIENT_AUTH: 2,
    ExtendedKeyUsageOID.CODE_SIGNING: 3,
    ExtendedKeyUsageOID.EMAIL_PROTECTION: 4,
    x509.ObjectIdentifier("1.3.6.1.5.5.7.3.5"): 5,
    x509.ObjectIdentifier("1.3.6.1.5.5.7.3.6"): 6,
    x509.ObjectIdentifier("1.3.6.1.5.5.7.3.7"): 7,
    ExtendedKeyUsageOID.TIME_STAMPING: 8,
    ExtendedKeyUsageOID.OCSP_SIGNING: 9,
}
_KEY_USAGE_BITS = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
    "encipher_only",
    "decipher_only",
)
# pkix.Name fields: (OPA key, OID); lists of values, null when absent.
_NAME_FIELDS = (
    ("Country", NameOID.COUNTRY_NAME),
    ("Organization", NameOID.ORGANIZATION_NAME),
    ("OrganizationalUnit", NameOID.ORGANIZATIONAL_UNIT_NAME),
    ("Locality", NameOID.LOCALITY_NAME),
    ("Province", NameOID.STATE_OR_PROVINCE_NAME),
    ("StreetAddress", NameOID.STREET_ADDRESS),
    ("PostalCode", NameOID.POSTAL_CODE),
)


def parse_certificates(certs: Any) -> list[dict[str, Any]]:
    """crypto.x509.parse_certificates(certs): PEM, or base64 of PEM or of DER (one or more)."""
    if not isinstance(certs, str):
        raise ValueError("crypto.x509.parse_certificates: operand must be a string")
    return [_certificate(c) for c in _load_certificates(certs)]


def _load_certificates(text: str) -> list[x509.Certificate]:
    if text.lstrip().startswith("-----BEGIN"):
        raw = text.encode()
    else:
        try:
            raw = base64.b64decode(text, validate=True)
        except binascii.Error as exc:
            raise ValueError(f"crypto.x509.parse_certificates: {exc}") from None
    if raw.lstrip().startswith(b"-----BEGIN"):
        certs = x509.load_pem_x509_certificates(raw)
    else:
        certs = _load_der_sequence(raw)
    if not certs:
        raise ValueError("crypto.x509.parse_certificates: no certificates found")
    return certs


def _load_der_sequence(raw: bytes) -> list[x509.Certificate]:
    certs = []
    while raw:
        length = _der_length(raw)
        certs.append(x509.load_der_x509_certificate(raw[:length]))
        raw = raw[length:]
    return certs


def _der_length(raw: bytes) -> int:
    """Total length of the DER element at the start of raw (tag + length + content)."""
    if len(raw) < 2:
        raise ValueError("crypto.x509.parse_certificates: truncated DER")
    first = raw[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    return 2 + count + int.from_bytes(raw[2 : 2 + count], "big")


def _certificate(cert: x509.Certificate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "Raw": base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode(),
        "Version": cert.version.value + 1,
        "Subject": _name(cert.subject),
        "Issuer": _name(cert.issuer),
        "NotBefore": _rfc3339(cert.not_valid_before_utc),
        "NotAfter": _rfc3339(cert.not_valid_after_utc),
        "SignatureAlgorithm": _signature_algorithm(cert),
        "PublicKeyAlgorithm": _public_key_algorithm(cert.public_key()),
        "KeyUsage": 0,
        "ExtKeyUsage": None,
        "BasicConstraintsValid": False,
        "IsCA": False,
        "MaxPathLen": 0,
        "MaxPathLenZero": False,
        "SubjectKeyId": None,
        "AuthorityKeyId": None,
        "DNSNames": None,
        "EmailAddresses": None,
        "IPAddresses": None,
    }
    for ext in cert.extensions:
        _apply_extension(out, ext.value)
    return out


def _apply_extension(out: dict[str, Any], value: Any) -> None:
    if isinstance(value, x509.KeyUsage):
        bits = 0
        for i, attr in enumerate(_KEY_USAGE_BITS):
            if attr in ("encipher_only", "decipher_only") and not value.key_agreement:
                continue
            if getattr(value, attr):
                bits |= 1 << i
        out["KeyUsage"] = bits
    elif isinstance(value, x509.ExtendedKeyUsage):
        out["ExtKeyUsage"] = [_EXT_KEY_USAGES[o] for o in value if o in _EXT_KEY_USAGES] or None
    elif isinstance(value, x509.BasicConstraints):
        out["BasicConstraintsValid"] = True
        out["IsCA"] = value.ca
        out["MaxPathLen"] = -1 if value.path_length is None else value.path_length
        out["MaxPathLenZero"] = value.path_length == 0
    elif isinstance(value, x509.SubjectKeyIdentifier):
        out["SubjectKeyId"] = base64.b64encode(value.digest).decode()
    elif isinstance(value, x509.AuthorityKeyIdentifier) and value.key_identifier:
        out["AuthorityKeyId"] = base64.b64encode(value.key_identifier).decode()
    elif isinstance(value, x509.SubjectAlternativeName):
        out["DNSNames"] = value.get_values_for_type(x509.DNSName) or None
        out["EmailAddresses"] = value.get_values_for_type(x509.RFC822Name) or None
        out["IPAddresses"] = [str(ip) for ip in value.get_values_for_type(x509.IPAddress)] or None


def _name(name: x509.Name) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, oid in _NAME_FIELDS:
        out[key] = [str(a.value) for a in name.get_attributes_for_oid(oid)] or None
    common = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    serial = name.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    out["CommonName"] = str(common[-1].value) if common else ""
    out["SerialNumber"] = str(serial[-1].value) if serial else ""
    out["Names"] = [
        {"Type": [int(p) for p in attr.oid.dotted_string.split(".")], "Value": str(attr.value)}
        for rdn in name.rdns
        for attr in rdn
    ]
    out["ExtraNames"] = None
    return out


def _rfc3339(ts: datetime) -> str:
    ts = ts.astimezone(UTC)
    text = ts.strftime("%Y-%m-%dT%H:%M:%S")
    if ts.microsecond:
        text += f".{ts.microsecond:06d}".rstrip("0")
    return text + "Z"


def _signature_algorithm(cert: x509.Certificate) -> int:
    oid = cert.signature_algorithm_oid
    if oid == SignatureAlgorithmOID.RSASSA_PSS:
        algorithm = cert.signature_hash_algorithm
        return _RSA_PSS_BY_HASH.get(algorithm.name if algorithm else "", 0)
    return _SIGNATURE_ALGORITHMS.get(oid, 0)


def _public_key_algorithm(key: Any) -> int:
    if isinstance(key, rsa.RSAPublicKey):
        return 1
    if isinstance(key, dsa.DSAPublicKey):
        return 2
    if isinstance(key, ec.EllipticCurvePublicKey):
        return 3
    if isinstance(key, ed25519.Ed25519PublicKey):
        return 4
    return 0


# -- crypto hashes --------------------------------------------------------------------------


def _digest(name: str) -> Polyfill:
    def digest(text: Any) -> str:
        if not isinstance(text, str):
            raise ValueError(f"crypto.{name}: operand must be a string")
        return hashlib.new(name, text.encode()).hexdigest()

    digest.__name__ = name
    return digest


# name -> (arity, implementation)
POLYFILLS: dict[str, tuple[int, Polyfill]] = {
    "crypto.x509.parse_certificates": (1, parse_certificates),
    "net.cidr_merge": (1, cidr_merge),
    "net.cidr_intersects": (2, cidr_intersects),
    "net.cidr_contains_matches": (2, cidr_contains_matches),
    "crypto.sha256": (1, _digest("sha256")),
    "crypto.sha1": (1, _digest("sha1")),
    "crypto.md5": (1, _digest("md5")),
}
