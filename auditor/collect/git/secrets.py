"""Secret patterns for source history, with redacted, fingerprinted findings (never the secret)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.collect.access.identity import fingerprint

RULES: dict[str, re.Pattern[str]] = {
    "private_key_pem": re.compile(r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----"),
    "aws_access_key": re.compile(r"(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})(?![A-Z0-9])"),
    "aws_secret_key": re.compile(
        r"(?i)aws_?secret_?(?:access_?)?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"
    ),
    "lwa_client_secret": re.compile(r"(amzn1\.oa2-cs\.v1\.[A-Za-z0-9]{16,})"),
    "lwa_refresh_token": re.compile(r"(Atzr\|[A-Za-z0-9_\-|=+/]{16,})"),
}
# Plain substring tests first: nearly every line has none of these, and `in` is much cheaper than a regex.
_MARKERS = ("PRIVATE KEY", "AKIA", "ASIA", "ABIA", "ACCA", "amzn1.oa2-cs", "Atzr|", "ecret", "ECRET")


@dataclass(frozen=True)
class Match:
    kind: str
    secret: str  # kept in memory only, to fingerprint
    redacted: str


def _redact(kind: str, secret: str) -> str:
    if kind == "private_key_pem":
        return secret  # the PEM header names the key type, not the key
    if kind == "lwa_client_secret":
        return "amzn1.oa2-cs.v1.***"
    if kind == "lwa_refresh_token":
        return "Atzr|***"
    if kind == "aws_access_key":
        return f"{secret[:4]}***{secret[-2:]}"
    return "***"


def scan_line(text: str) -> list[Match]:
    if not any(m in text for m in _MARKERS):
        return []
    out = []
    for kind, rx in RULES.items():
        for m in rx.finditer(text):
            secret = m.group(0) if kind == "private_key_pem" else m.group(1)
            out.append(Match(kind, secret, _redact(kind, secret)))
    return out


def secret_fingerprint(key: bytes, kind: str, material: str) -> str:
    return fingerprint(key, material, kind=f"secret:{kind}")
