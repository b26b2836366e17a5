"""Run Debian's nginx in the foreground with a generated config on free loopback ports."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
def run_nginx(workdir: Path, server_blocks: list[str], ports: list[tuple[str, int]]) -> Iterator[Path]:
    """Start nginx (foreground child process), wait until every port accepts, stop it on exit."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "logs").mkdir(exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(f"""
user root;
worker_processes 1;
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
