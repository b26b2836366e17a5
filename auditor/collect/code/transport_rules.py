"""TLS-7 line rules: plain http:// endpoints and disabled certificate verification.

Pure functions over one line of text, golden-tested; excerpts are redacted before they leave.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

_HTTP_URL = re.compile(r"http://(?:[^\s/@\"'<>]+@)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+)", re.IGNORECASE)
# Namespace and schema identifiers are names, not endpoints that are ever fetched.
_NAMESPACE_HOSTS = (
    "www.w3.org", "w3.org", "schemas.xmlsoap.org", "schemas.microsoft.com", "schemas.openxmlformats.org",
    "schemas.android.com", "xmlns.com", "purl.org", "json-schema.org", "ns.adobe.com", "java.sun.com",
    "xmlns.jcp.org", "maven.apache.org", "www.springframework.org", "docbook.org", "www.apache.org",
    "apache.org", "opensource.org", "www.opensource.org", "www.gnu.org", "gnu.org", "ogp.me",
    "schema.org", "relaxng.org", "www.wapforum.org", "www.openarchives.org",
)
_DOC_HOSTS = ("example.com", "example.org", "example.net", "example", "test", "invalid", "localhost")
_NAMESPACE_LINE = re.compile(r"xmlns|schemaLocation|<!DOCTYPE|\$schema|@namespace", re.IGNORECASE)
_VERIFY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("python verify=False", re.compile(r"\bverify\s*=\s*False\b")),
    ("python unverified context",
     re.compile(r"ssl\._create_unverified_context|_create_default_https_context")),
    ("python CERT_NONE", re.compile(r"\bCERT_NONE\b|check_hostname\s*=\s*False")),
    ("curl option", re.compile(r"CURLOPT_SSL_VERIFY(PEER|HOST)\s*(,|=>|=|:)\s*(0|false|FALSE|False)\b")),
    ("node rejectUnauthorized", re.compile(r"rejectUnauthorized[\"']?\s*[:=]\s*false\b")),
    ("node env", re.compile(r"NODE_TLS_REJECT_UNAUTHORIZED[\"']?\s*[:=]\s*[\"']?0")),
    ("go InsecureSkipVerify", re.compile(r"InsecureSkipVerify\s*:\s*true\b")),
    ("curl -k", re.compile(r"\bcurl\b[^\n|;&]*\s(-k|--insecure)\b")),
    ("wget", re.compile(r"--no-check-certificate\b")),
    ("ansible validate_certs", re.compile(r"\bvalidate_certs\s*[:=]\s*(false|no|False|0)\b")),
    ("ssl_verify off", re.compile(
        r"\b(ssl_?verify(_peer)?|sslVerify|strict-ssl|verify_ssl)\b[\"']?[:=\s]\s*[\"']?(false|no|0|off)\b",
        re.IGNORECASE)),
)
_DOC_SUFFIXES = frozenset({".md", ".rst", ".txt", ".adoc", ".html", ".htm", ".svg", ".xsd", ".dtd", ".wsdl"})
_DOC_NAMES = re.compile(r"^(LICEN[CS]E|NOTICE|COPYING|AUTHORS|CHANGELOG|CHANGES|HISTORY)", re.IGNORECASE)
_DOC_DIRS = frozenset({"doc", "docs", "documentation", "man"})
SKIP_DIRS = frozenset({".git", "node_modules", "vendor", ".venv", "venv", "site-packages", "__pycache__",
                       "dist", "build", ".tox", ".mypy_cache", ".ruff_cache"})
_SECRETISH = re.compile(r"[A-Za-z0-9+/_-]{24,}")
_USERINFO = re.compile(r"(?<=://)[^\s/@\"']+@")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_ASSIGNED_SECRET = re.compile(r"((?:pass(?:word)?|secret|token|api[_-]?key|auth)[\"']?\s*[:=]\s*)[^\s,;\"']+",
                              re.IGNORECASE)
MAX_EXCERPT = 160


@dataclass(frozen=True)
class Hit:
    rule_id: str
    pattern: str
    excerpt: str


def is_doc_path(path: str) -> bool:
    p = PurePosixPath(path)
    if p.suffix.lower() in _DOC_SUFFIXES or _DOC_NAMES.match(p.name):
        return True
    return any(part.lower() in _DOC_DIRS for part in p.parts[:-1])


def _local_host(host: str) -> bool:
    host = host.strip("[]").lower().rstrip(".")
    if host in _DOC_HOSTS or host.endswith((".example.com", ".example.org", ".example.net", ".localhost",
                                             ".test", ".invalid", ".example")):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def _namespace_host(host: str) -> bool:
    host = host.lower()
    return host in _NAMESPACE_HOSTS or any(host.endswith("." + h) for h in _NAMESPACE_HOSTS)


def _mask_token(match: re.Match[str]) -> str:
    token = match.group(0)
    # Long identifiers (NODE_TLS_REJECT_UNAUTHORIZED) stay; digit-and-letter blobs look like keys.
    mixed = any(c.isdigit() for c in token) and any(c.isalpha() for c in token)
    return "<redacted>" if mixed else token


def redact(line: str) -> str:
    text = _USERINFO.sub("***@", line.strip())
    text = _ASSIGNED_SECRET.sub(r"\1<redacted>", text)
    text = _EMAIL.sub("<email>", text)
    text = _SECRETISH.sub(_mask_token, text)
    return text if len(text) <= MAX_EXCERPT else text[: MAX_EXCERPT - 1] + "…"


def scan_line(line: str) -> Iterator[Hit]:
    """Every TLS-7 hit on one line of a non-documentation file."""
    for label, rx in _VERIFY_RULES:
        if rx.search(line):
            yield Hit("tls_verify_disabled", label, redact(line))
            break
    if "http://" not in line.lower() or _NAMESPACE_LINE.search(line):
        return
    for match in _HTTP_URL.finditer(line):
        host = match.group(1)
        if not _local_host(host) and not _namespace_host(host):
            yield Hit("plain_http_url", f"http://{host.lower()}", redact(line))
            return
