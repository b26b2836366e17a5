"""PII detection for database values through the shared detectors (auditor.pii), and PII-named
columns. Only categories, confidences and counts leave this module, never values."""

from __future__ import annotations

import re

from auditor.pii import scan_text
from auditor.pii.categories import RANK, Confidence
from auditor.pii.engine import PREFILTER


def categories(text: str) -> dict[str, str]:
    """{category: highest confidence} in one value; low-confidence quasi-identifiers are left
    out (a bare postcode or order id is not PII on its own, see DEF-2)."""
    found: dict[str, Confidence] = {}
    if PREFILTER.search(text.encode("utf-8", "replace")) is None:  # one RE2 pass rules most values out
        return {}
    for m in scan_text(text):
        conf = Confidence(m.confidence)
        if conf == Confidence.low or m.quasi:
            continue
        cat = str(m.category)
        if cat not in found or RANK[conf] > RANK[found[cat]]:
            found[cat] = conf
    return {k: v.value for k, v in found.items()}


_NAME_CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    ("ip_address", re.compile(r"(^|_)(ip|ip_?addr(ess)?|client_ip|remote_addr|src_ip)($|_)")),
    ("email", re.compile(r"e_?mail")),
    ("phone", re.compile(r"phone|mobile|(^|_)tel($|_)|telephone")),
    ("postal_address", re.compile(r"address|(^|_)addr|street|city|post_?code|postal|(^|_)zip")),
    (
        "person_name",
        re.compile(
            r"(^|_)(first_?|last_?|full_?|buyer_?|recipient_?|customer_?|ship_?to_?|contact_?)name($|_)|^name$"
        ),
    ),
    ("gift_message", re.compile(r"gift")),
    ("payment", re.compile(r"card_?(number|no)|(^|_)iban($|_)|(^|_)pan($|_)")),
    ("digital_fingerprint", re.compile(r"user_?agent|fingerprint")),
    ("device_identifier", re.compile(r"device_?id")),
    ("cookie", re.compile(r"cookie")),
    ("geo_location", re.compile(r"(^|_)(lat|latitude|lon|lng|longitude|geo)($|_)")),
]


def name_category(column: str) -> str | None:
    lowered = column.lower()
    for category, pattern in _NAME_CATEGORIES:
        if pattern.search(lowered):
            return category
    return None
