"""PII detection for database values: the shared detectors of auditor.pii when present, else a
minimal local stand-in. Only categories and counts leave this module, never values."""

from __future__ import annotations

import re
from collections.abc import Callable

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(
    r"(?<![\w-])(?:\+44\s?7\d{3}|\(?07\d{3}\)?|\+1[\s-]?\(?\d{3}\)?)[\s-]?\d{3}[\s-]?\d{3,4}(?![\w-])"
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_IPV4 = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
_CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")
_STREET = re.compile(r"\b\d{1,4}\s+[A-Z][a-z]+\s+(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Way|Drive)\b")

CONFIDENCE = {"email": "high", "payment": "high", "phone": "medium", "postal_address": "medium",
              "ip_address": "medium"}


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _local_scan(text: str) -> set[str]:
    found: set[str] = set()
    if _EMAIL.search(text):
        found.add("email")
    if _PHONE.search(text):
        found.add("phone")
    if _POSTCODE.search(text) or _STREET.search(text):
        found.add("postal_address")
    if _IPV4.search(text):
        found.add("ip_address")
    if any(_luhn(re.sub(r"\D", "", m.group())) for m in _CARD.finditer(text)):
        found.add("payment")
    return found


def _shared() -> Callable[[str], set[str]] | None:
    try:
        from auditor.pii import scan_text  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None

    def categories(text: str) -> set[str]:
        return {str(getattr(h, "category", h)) for h in scan_text(text)}

    return categories


_SHARED = _shared()


def categories(text: str) -> set[str]:
    """PII categories present in one value."""
    return _SHARED(text) if _SHARED is not None else _local_scan(text)


_NAME_CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    ("ip_address", re.compile(r"(^|_)(ip|ip_?addr(ess)?|client_ip|remote_addr|src_ip)($|_)")),
    ("email", re.compile(r"e_?mail")),
    ("phone", re.compile(r"phone|mobile|(^|_)tel($|_)|telephone")),
    ("postal_address", re.compile(r"address|(^|_)addr|street|city|post_?code|postal|(^|_)zip")),
    ("name", re.compile(
        r"(^|_)(first_?|last_?|full_?|buyer_?|recipient_?|customer_?|ship_?to_?|contact_?)name($|_)|^name$")),
    ("gift_message", re.compile(r"gift")),
    ("payment", re.compile(r"card_?(number|no)|(^|_)iban($|_)|(^|_)pan($|_)")),
    ("digital_fingerprint", re.compile(r"user_?agent|fingerprint|device_?id|cookie")),
    ("geo_location", re.compile(r"(^|_)(lat|latitude|lon|lng|longitude|geo)($|_)")),
]


def name_category(column: str) -> str | None:
    lowered = column.lower()
    for category, pattern in _NAME_CATEGORIES:
        if pattern.search(lowered):
            return category
    return None
