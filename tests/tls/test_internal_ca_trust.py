"""TLS-3 decides trust as TLS clients do (issue #15 item 9).

The CA and leaf are made by the real openssl CLI the way an internal CA often issues them: the
leaf has no Authority Key Identifier. OpenSSL, curl and Python's ssl accept the chain; the
Web PKI profile does not. A real TLS server (openssl s_server) serves it on loopback.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.bench import tls_lab
from tests.tls.conftest import catalogue_params, input_doc, scan_url
from tests.tls.rego import POLICIES


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def internal_ca(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("internal-ca")
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-subj", "/CN=Internal CA", cwd=d)
    _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key",
             "-out", "leaf.csr", "-subj", "/CN=localhost", cwd=d)
    (d / "ext.cnf").write_text("subjectAltName=DNS:localhost\nauthorityKeyIdentifier=none\n"
                               "subjectKeyIdentifier=none\nbasicConstraints=CA:FALSE\n"
                               "extendedKeyUsage=serverAuth\n")
    _openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "leaf.pem", "-days", "365", "-extfile", "ext.cnf", cwd=d)
    return d


@pytest.fixture(scope="module")
def server(internal_ca: Path) -> Iterator[int]:
    port = tls_lab.free_port()
    proc = subprocess.Popen(["openssl", "s_server", "-quiet", "-accept", f"127.0.0.1:{port}",
                             "-cert", "leaf.pem", "-key", "leaf.key", "-www"], cwd=internal_ca,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(5)


def test_leaf_has_no_authority_key_identifier(internal_ca: Path) -> None:
    text = subprocess.run(["openssl", "x509", "-in", "leaf.pem", "-noout", "-text"], cwd=internal_ca,
                          capture_output=True, text=True, check=True).stdout
    assert "Authority Key Identifier" not in text


def test_trusted_as_clients_trust_it_and_the_deviation_is_a_warning(internal_ca: Path, server: int) -> None:
    # Second path: Python's ssl (OpenSSL) with the same CA completes a verified handshake.
    ctx = ssl.create_default_context(cafile=str(internal_ca / "ca.pem"))
    with socket.create_connection(("127.0.0.1", server), timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        assert tls.getpeercert()["subject"] == ((("commonName", "localhost"),),)
    verify = subprocess.run(["openssl", "verify", "-CAfile", "ca.pem", "leaf.pem"], cwd=internal_ca,
                            capture_output=True, text=True, check=False)
    assert verify.returncode == 0

    params = catalogue_params()
    ev = scan_url(f"https://localhost:{server}",
                  {"tls": {"ca_bundle_file": str(internal_ca / "ca.pem"), "timeout_s": 5}}, params)
    assert ev.status == "collected", ev.error
    cert = ev.data["certificate"]
    assert cert["chain_valid"] is True and cert["chain_error"] is None
    assert any("2.5.29.35" in d for d in cert["profile_deviations"])
    found = POLICIES.findings("regorus", "TLS-3", input_doc([ev], params))
    assert "chain" not in {f["details"]["locator"] for f in found["deny"]}
    assert "profile" in {f["details"]["locator"] for f in found["warn"]}


def test_a_leaf_signed_by_a_non_ca_stays_untrusted(internal_ca: Path, tmp_path: Path) -> None:
    """The relaxed profile still wants what OpenSSL wants: the issuer must be a CA."""
    from cryptography import x509

    from auditor.collect.tls.certs import analyse_chain

    _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "x.key",
             "-out", "x.csr", "-subj", "/CN=localhost", cwd=tmp_path)
    (tmp_path / "ext.cnf").write_text("subjectAltName=DNS:localhost\nauthorityKeyIdentifier=none\n")
    _openssl("x509", "-req", "-in", "x.csr", "-CA", str(internal_ca / "leaf.pem"), "-CAkey",
             str(internal_ca / "leaf.key"), "-CAcreateserial", "-out", "x.pem", "-days", "30",
             "-extfile", "ext.cnf", cwd=tmp_path)
    assert subprocess.run(["openssl", "verify", "-CAfile", str(internal_ca / "ca.pem"), "-untrusted",
                           str(internal_ca / "leaf.pem"), "x.pem"], cwd=tmp_path, capture_output=True,
                          check=False).returncode != 0
    chain = [x509.load_pem_x509_certificate((tmp_path / "x.pem").read_bytes()),
             x509.load_pem_x509_certificate((internal_ca / "leaf.pem").read_bytes())]
    anchors = [x509.load_pem_x509_certificate((internal_ca / "ca.pem").read_bytes())]
    got = analyse_chain(chain, "localhost", anchors, now=chain[0].not_valid_before_utc)
    assert got["chain_valid"] is False and got["profile_deviations"] == []
