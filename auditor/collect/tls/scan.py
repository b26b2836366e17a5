"""sslyze wrapper: protocol versions, cipher suites, key exchange and the served chain.

One call scans one server with sslyze's Scanner (which opens several connections to it at
once); the collection runner provides concurrency across endpoints.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from sslyze import (
    ScanCommand,
    ScanCommandAttemptStatusEnum,
    Scanner,
    ServerConnectivityStatusEnum,
    ServerNetworkConfiguration,
    ServerNetworkLocation,
    ServerScanRequest,
    ServerScanStatusEnum,
)
from sslyze.plugins.openssl_cipher_suites.implementation import CipherSuitesScanResult

from auditor.errors import CollectorError
from auditor.models import ErrorKind

# evidence key -> sslyze scan command
PROTOCOL_COMMANDS: dict[str, ScanCommand] = {
    "sslv2": ScanCommand.SSL_2_0_CIPHER_SUITES,
    "sslv3": ScanCommand.SSL_3_0_CIPHER_SUITES,
    "tls1_0": ScanCommand.TLS_1_0_CIPHER_SUITES,
    "tls1_1": ScanCommand.TLS_1_1_CIPHER_SUITES,
    "tls1_2": ScanCommand.TLS_1_2_CIPHER_SUITES,
    "tls1_3": ScanCommand.TLS_1_3_CIPHER_SUITES,
}
_CURVE_ALIASES = {"prime256v1": "secp256r1", "X25519": "x25519", "X448": "x448"}
# sslyze error types meaning "something answered, but it is not TLS we can speak"
_NOT_TLS = {"ServerTlsConfigurationNotSupported", "ServerRejectedTlsHandshake", "TlsHandshakeTimedOut"}


class NotTls(Exception):
    """The TCP connection worked but no TLS handshake was possible."""


@dataclass
class TlsScan:
    protocols: dict[str, bool]
    ciphers: dict[str, list[str]]
    kex: dict[str, Any]
    chain: list[x509.Certificate]
    ocsp: dict[str, Any]
    negotiated: dict[str, Any]


def scan_server(host: str, ip: str, port: int, sni: str, timeout_s: float) -> TlsScan:
    location = ServerNetworkLocation(hostname=host, port=port, ip_address=ip)
    network = ServerNetworkConfiguration(
        tls_server_name_indication=sni, network_timeout=max(1, round(timeout_s)), network_max_retries=1
    )
    commands = {ScanCommand.CERTIFICATE_INFO, ScanCommand.ELLIPTIC_CURVES, *PROTOCOL_COMMANDS.values()}
    request = ServerScanRequest(server_location=location, network_configuration=network,
                                scan_commands=commands)
    scanner = Scanner(per_server_concurrent_connections_limit=4, concurrent_server_scans_limit=1)
    scanner.queue_scans([request])
    with warnings.catch_warnings():  # sslyze's bundled stores hold a few legacy roots
        warnings.simplefilter("ignore")
        result = next(iter(scanner.get_results()))
    if result.connectivity_status != ServerConnectivityStatusEnum.COMPLETED:
        trace = result.connectivity_error_trace
        kind = trace.exc_type.__name__ if trace and trace.exc_type else "unknown"
        message = str(trace).strip() if trace else "connectivity test failed"
        if kind in _NOT_TLS:
            raise NotTls(message)
        timeout = "TimedOut" in kind
        raise CollectorError(ErrorKind.timeout if timeout else ErrorKind.connectivity,
                             f"{host}:{port}: {message}", hint="is the endpoint reachable from the auditor?")
    if result.scan_status != ServerScanStatusEnum.COMPLETED or result.scan_result is None:
        raise CollectorError(ErrorKind.connectivity, f"{host}:{port}: sslyze scan did not complete")
    return _convert(result.scan_result, result.connectivity_result, f"{host}:{port}")


def _attempt(scan: Any, name: str, where: str) -> Any:
    attempt = getattr(scan, name)
    if attempt.status != ScanCommandAttemptStatusEnum.COMPLETED:
        reason = attempt.error_reason.value if attempt.error_reason else "not run"
        raise CollectorError(ErrorKind.connectivity, f"{where}: {name} scan failed ({reason})",
                             hint="retry with a larger tls.timeout_s")
    return attempt.result


def _convert(scan: Any, probing: Any, where: str) -> TlsScan:
    protocols: dict[str, bool] = {}
    ciphers: dict[str, list[str]] = {}
    groups: set[str] = set()
    dh_bits: list[int] = []
    for key, command in PROTOCOL_COMMANDS.items():
        res: CipherSuitesScanResult = _attempt(scan, command.value, where)
        accepted = res.accepted_cipher_suites
        protocols[key] = bool(accepted)
        ciphers[key] = sorted({c.cipher_suite.openssl_name for c in accepted})
        for c in accepted:
            eph = c.ephemeral_key
            if eph is None:
                continue
            if eph.type_name == "DH":
                dh_bits.append(eph.size)
            else:
                curve = getattr(eph, "curve_name", None)
                if curve:
                    groups.add(_CURVE_ALIASES.get(curve, curve))
    curves = _attempt(scan, "elliptic_curves", where)
    for curve in curves.supported_curves or []:
        groups.add(_CURVE_ALIASES.get(curve.name, curve.name))
    cert_info = _attempt(scan, "certificate_info", where)
    deployment = cert_info.certificate_deployments[0]
    return TlsScan(
        protocols=protocols,
        ciphers=ciphers,
        kex={"groups": sorted(groups), "dh_bits": min(dh_bits) if dh_bits else None,
             "ecdh_supported": bool(curves.supports_ecdh_key_exchange)},
        chain=list(deployment.received_certificate_chain),
        ocsp=_ocsp(deployment),
        negotiated={"highest_version": probing.highest_tls_version_supported.name.lower()
                    if probing else None},
    )


def _ocsp(deployment: Any) -> dict[str, Any]:
    response = deployment.ocsp_response
    if response is None:
        return {"stapled": False, "status": "none"}
    try:
        status = response.certificate_status.name.lower()
    except ValueError:  # an unsuccessful OCSP response carries no certificate status
        status = response.response_status.name.lower()
    return {"stapled": True, "status": status, "trusted": deployment.ocsp_response_is_trusted}
