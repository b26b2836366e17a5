"""Minimal HTTP(S) probes: HSTS, the plain-HTTP redirect test, NET-6 exposure probes and a
plaintext banner probe. Bodies are counted and scanned for directory listings, never stored.
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

_MAX_BODY = 64 * 1024
_LISTING = re.compile(rb"<title>\s*(Index of /|Directory listing for /)", re.IGNORECASE)
_LOGIN = re.compile(r"(login|log-in|signin|sign-in|sso|auth|oauth|saml)", re.IGNORECASE)
_HSTS_MAX_AGE = re.compile(r"max-age\s*=\s*\"?(\d+)\"?", re.IGNORECASE)
REDIRECT_PROBE_PATH = "/dpp-auditor/redirect-check?probe=1"


def _probe_context() -> ssl.SSLContext:
    # We read headers from whatever the server offers; trust is judged elsewhere.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    return ctx


def _connect(ip: str, port: int, timeout: float, sni: str | None) -> socket.socket:
    sock = socket.create_connection((ip, port), timeout=timeout)
    if sni is None:
        return sock
    try:
        return _probe_context().wrap_socket(sock, server_hostname=sni)
    except BaseException:
        sock.close()
        raise


def _host_header(host: str, port: int, default_port: int) -> str:
    name = f"[{host}]" if ":" in host else host
    return name if port == default_port else f"{name}:{port}"


def get(ip: str, port: int, host: str, path: str, timeout: float, *, tls: bool) -> dict[str, Any]:
    """One GET; returns status, location, selected headers, body size and listing flag."""
    sock = _connect(ip, port, timeout, host if tls else None)
    try:
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {_host_header(host, port, 443 if tls else 80)}\r\n"
            "User-Agent: dpp-auditor\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        )
        sock.sendall(request.encode("ascii"))
        resp = http.client.HTTPResponse(sock)
        resp.begin()
        body = _read_capped(resp)
        return {
            "status": resp.status,
            "location": resp.getheader("Location"),
            "hsts_header": resp.getheader("Strict-Transport-Security"),
            "body_bytes": len(body),
            "directory_listing": bool(_LISTING.search(body)),
        }
    finally:
        sock.close()


def _read_capped(resp: http.client.HTTPResponse) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        while total < _MAX_BODY:
            chunk = resp.read(min(8192, _MAX_BODY - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except (http.client.IncompleteRead, OSError):
        pass  # a truncated body still tells us its size so far
    return b"".join(chunks)


def parse_hsts(value: str | None) -> dict[str, Any]:
    if not value:
        return {"present": False, "max_age": None, "include_subdomains": False, "preload": False}
    match = _HSTS_MAX_AGE.search(value)
    lower = value.lower()
    return {
        "present": True,
        "max_age": int(match.group(1)) if match else None,
        "include_subdomains": "includesubdomains" in lower,
        "preload": "preload" in lower,
    }


def redirect_facts(location: str | None, host: str, requested_path: str) -> dict[str, Any]:
    if not location:
        return {"https": False, "same_host": False, "path_preserved": False}
    parts = urlsplit(location)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return {
        "https": parts.scheme == "https",
        "same_host": (parts.hostname or "").lower() == host.lower(),
        "path_preserved": target == requested_path,
    }


def is_login_redirect(location: str | None, host: str) -> bool:
    if not location:
        return False
    parts = urlsplit(location)
    same = not parts.netloc or (parts.hostname or "").lower() == host.lower()
    return same and bool(_LOGIN.search(parts.path))


def error_text(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ssl.SSLError):
        return f"tls: {exc.reason or exc.__class__.__name__}"
    return f"{type(exc).__name__}: {exc}"[:200]


def guess_protocol(banner: bytes, reply: bytes) -> str:
    """Name the plaintext protocol from an unsolicited banner or the reply to an HTTP GET."""
    text = banner[:64]
    prefixes = {b"SSH-": "ssh", b"+OK": "pop3", b"* OK": "imap", b"RFB ": "vnc", b"@RSYNCD": "rsync"}
    for prefix, name in prefixes.items():
        if text.startswith(prefix):
            return name
    if text.startswith(b"220"):
        return "smtp" if b"SMTP" in text.upper() else "ftp"
    if len(text) > 5 and text[4] == 10:  # MySQL handshake v10: 3-byte length, seq 0, proto 10
        return "mysql"
    if banner:
        return "unknown"
    if reply.startswith(b"HTTP/"):
        return "http"
    if reply.startswith(b"-ERR") or reply.startswith(b"-NOAUTH"):
        return "redis"
    if reply.startswith(b"E") and b"SFATAL" in reply:
        return "postgres"
    return "unknown" if reply else "silent"


def plaintext_probe(ip: str, port: int, timeout: float) -> dict[str, Any]:
    """What a non-TLS listener speaks: wait briefly for a banner, else send an HTTP GET; then
    whether it offers an in-protocol TLS upgrade (SMTP/IMAP STARTTLS, PostgreSQL SSLRequest,
    MySQL CLIENT_SSL). Whether the upgrade is *required* is not observable here (None)."""
    banner = reply = b""
    closed = False
    with socket.create_connection((ip, port), timeout=timeout) as sock:
        sock.settimeout(min(1.5, timeout))
        try:
            banner = sock.recv(512)
            closed = not banner  # EOF: the peer hung up without a word
        except TimeoutError:
            banner = b""
        if not banner and not closed:
            try:
                sock.sendall(b"GET / HTTP/1.0\r\nHost: dpp-auditor\r\n\r\n")
                reply = sock.recv(256)
                closed = not reply
            except OSError:
                reply = b""
        guess = guess_protocol(banner, reply)
        offered = _starttls_offered(guess, banner, sock, ip, port, timeout)
    if guess == "silent":  # PostgreSQL drops a bad startup packet silently; ask it directly
        pg = _pg_ssl_answer(ip, port, timeout)
        if pg is not None:
            guess, offered = "postgres", pg
    return {"protocol_guess": guess, "starttls_offered": offered, "starttls_required": None,
            "closed": closed and guess == "silent"}


def _pg_ssl_answer(ip: str, port: int, timeout: float) -> bool | None:
    """True/False for a PostgreSQL answer to SSLRequest ('S'/'N'), None when not PostgreSQL."""
    try:
        with socket.create_connection((ip, port), timeout=timeout) as pg:
            pg.settimeout(min(1.5, timeout))
            pg.sendall(_PG_SSL_REQUEST)
            answer = pg.recv(2)
    except OSError:
        return None
    return {b"S": True, b"N": False}.get(answer)


_PG_SSL_REQUEST = b"\x00\x00\x00\x08\x04\xd2\x16\x2f"
_MYSQL_CLIENT_SSL = 0x0800


def _starttls_offered(guess: str, banner: bytes, sock: socket.socket, ip: str, port: int,
                      timeout: float) -> bool | None:
    try:
        if guess == "smtp":
            sock.sendall(b"EHLO dpp-auditor\r\n")
            return b"STARTTLS" in _recv_all(sock).upper()
        if guess == "imap":
            return b"STARTTLS" in banner.upper() or None
        if guess == "mysql":
            return mysql_offers_tls(banner)
        if guess == "postgres":
            return _pg_ssl_answer(ip, port, timeout)
    except OSError:
        return None
    return None


def _recv_all(sock: socket.socket, limit: int = 4096) -> bytes:
    data = b""
    while len(data) < limit:
        try:
            chunk = sock.recv(1024)
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
        if data.endswith(b"\r\n") and b"\n250 " in b"\n" + data:
            break  # last line of a multi-line SMTP reply
    return data


def mysql_offers_tls(greeting: bytes) -> bool | None:
    """CLIENT_SSL in the lower capability flags of a MySQL protocol-10 handshake packet."""
    try:
        end = greeting.index(b"\0", 5)  # server version string after the protocol byte
        flags_at = end + 1 + 4 + 8 + 1  # connection id, auth data part 1, filler
        flags = int.from_bytes(greeting[flags_at:flags_at + 2], "little")
    except (ValueError, IndexError):
        return None
    return bool(flags & _MYSQL_CLIENT_SSL)
