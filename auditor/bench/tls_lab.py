"""Loopback TLS lab for the tls tests and benchmark: a throw-away CA and certificates made with
`cryptography`, and Debian's nginx run in the foreground with a generated config on free ports.
Needs root (nginx `user root;`) and the nginx package.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from auditor.clock import wall_now

Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "dpp-auditor tests"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _pem_key(key: Key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass
class Ca:
    key: Key
    cert: x509.Certificate

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def make_ca(cn: str = "dpp-auditor test CA") -> Ca:
    key = ec.generate_private_key(ec.SECP256R1())
    now = wall_now()  # real TLS clients check certificates against the real clock
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn)).issuer_name(_name(cn)).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=30)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Ca(key, cert)


def make_leaf(
    ca: Ca | None,
    names: list[str],
    *,
    days_from: int = -1,
    days_to: int = 365,
    rsa_bits: int | None = None,
) -> tuple[bytes, bytes]:
    """(cert PEM, key PEM). ca=None makes a self-signed leaf; rsa_bits=None uses P-256."""
    key: Key = (rsa.generate_private_key(65537, rsa_bits) if rsa_bits
                else ec.generate_private_key(ec.SECP256R1()))
    now = wall_now()  # real TLS clients check certificates against the real clock
    sans: list[x509.GeneralName] = []
    for n in names:
        try:
            sans.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            sans.append(x509.DNSName(n))
    subject = _name(names[0])
    issuer_name, signer = (ca.cert.subject, ca.key) if ca else (subject, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(issuer_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=days_from)).not_valid_after(now + timedelta(days=days_to))
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    )
    if ca:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
    cert = builder.sign(signer, hashes.SHA256())
    return cert.public_bytes(serialization.Encoding.PEM), _pem_key(key)


def write_pair(directory: Path, stem: str, pair: tuple[bytes, bytes]) -> tuple[Path, Path]:
    cert_path, key_path = directory / f"{stem}.crt", directory / f"{stem}.key"
    cert_path.write_bytes(pair[0])
    key_path.write_bytes(pair[1])
    key_path.chmod(0o600)
    return cert_path, key_path


MODERN_CIPHERS = (
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
)
MODERN_CURVES = "X25519:prime256v1:secp384r1"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def nginx_binary() -> str:
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        raise RuntimeError("nginx is not installed: run scripts/install-test-system.sh")
    return path


def tls_server_block(port: int, cert: Path, key: Path, *, listen: str = "127.0.0.1",
                     protocols: str = "TLSv1.2 TLSv1.3", ciphers: str = MODERN_CIPHERS,
                     curves: str = MODERN_CURVES, hsts: int | None = 63072000,
                     root: Path | None = None, extra: str = "") -> str:
    hsts_line = f'add_header Strict-Transport-Security "max-age={hsts}" always;' if hsts else ""
    root_line = f"root {root};" if root else ""
    location = "" if root else "return 200 'ok';"
    return f"""
    server {{
        listen {listen}:{port} ssl;
        server_name _;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_protocols {protocols};
        ssl_ciphers "{ciphers}";
        ssl_ecdh_curve {curves};
        ssl_prefer_server_ciphers off;
        {hsts_line}
        {root_line}
        location / {{ {location} }}
        {extra}
    }}"""


def http_server_block(port: int, body: str, *, listen: str = "127.0.0.1") -> str:
    return f"""
    server {{
        listen {listen}:{port};
        server_name _;
        location / {{ {body} }}
    }}"""


@contextmanager
def run_nginx(workdir: Path, server_blocks: list[str], ports: list[tuple[str, int]],
              workers: int = 1) -> Iterator[Path]:
    """Start nginx (foreground child process), wait until every port accepts, stop it on exit."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "logs").mkdir(exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(f"""
user root;
worker_processes {workers};
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/logs/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/tmp_body;
    proxy_temp_path {workdir}/tmp_proxy;
    fastcgi_temp_path {workdir}/tmp_fcgi;
    uwsgi_temp_path {workdir}/tmp_uwsgi;
    scgi_temp_path {workdir}/tmp_scgi;
    default_type text/html;
    {"".join(server_blocks)}
}}
""")
    proc = subprocess.Popen([nginx_binary(), "-p", str(workdir), "-c", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_ports(proc, ports, workdir)
        yield workdir
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ports(proc: subprocess.Popen[bytes], ports: list[tuple[str, int]], workdir: Path) -> None:
    deadline = time.monotonic() + 10
    pending = list(ports)
    while pending:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            log = (workdir / "logs" / "error.log")
            raise RuntimeError(f"nginx exited: {err} {log.read_text() if log.exists() else ''}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"nginx did not open {pending}")
        host, port = pending[0]
        try:
            with socket.create_connection((host, port), timeout=0.5):
                pending.pop(0)
        except OSError:
            time.sleep(0.05)
