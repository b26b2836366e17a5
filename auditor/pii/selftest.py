"""DEF-1.d: a built-in canary corpus scanned on every run, through the same fast path as real files.

Every category must be found in its sample, nothing in the clean lines, and a quasi-identifier
pair must escalate (DEF-2). A scan whose self-test fails does not count. The samples are
synthetic (test card numbers, Ofcom drama numbers, documentation-style names).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from auditor.models import rfc3339
from auditor.pii.categories import CATEGORIES
from auditor.pii.engine import Hit, LineScanner, finish
from auditor.pii.fingerprint import Fingerprinter

SAMPLES: dict[str, tuple[str, ...]] = {
    "person_name": ('{"BuyerName": "Canary Testperson"}',),
    "postal_address": ('{"AddressLine1": "17 Canary Wharf Road"}', "deliver to 12 Selftest Lane"),
    "email": ("notify canary.buyer@marketplace.amazon.co.uk", "mail to selftest.canary@example.org"),
    "phone": ("callback +44 20 7946 0958",),
    "gift_message": ('{"GiftMessageText": "Happy canary day"}',),
    "survey_response": ('survey_response="very satisfied canary"',),
    "payment": ("paid with 4000 0566 5566 5556", "iban GB82WEST12345698765432"),
    "purchase": ('{"AmazonOrderId": "902-3159896-1390916", "ASIN": "B00CANARY1"}',),
    "cookie": ("Cookie: session-id=262-CANARY-000000001",),
    "digital_fingerprint": (
        'ua="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"',
    ),
    "ip_address": ("login from 81.2.69.160", "peer 2a00:1450:4009:81f::200e closed",
                   "level=info remote_addr=81.2.69.161 status=302"),
    "geo_location": ("gps fix 51.50740, -0.12780",),
    "device_identifier": ("handset imei 353456789012348", "station 00:1a:2b:3c:4d:5e associated"),
}

# A quasi-identifier pair in a 2-line window: both must come out escalated.
ESCALATION = ("order 902-3159896-1390916 packed", "route SW1A 1AA")

CLEAN: tuple[str, ...] = (
    "Nov 27 02:24:42 web1 systemd[1]: Started Daily apt upgrade and clean activities.",
    "java version 1.8.0.292 build 1.8.0.292-b10",
    "openssl 3.0.11 libc 2.36 kernel 6.1.0.17 v1.2.3.4 release 4.4.0.1",
    "request_id=123e4567-e89b-12d3-a456-426614174000 trace=9f86d081884c7d659a2feaa0c55ad015",
    "sha256 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
    "job 4111111111111112 finished (not Luhn)",
    "timestamp 1732674282123 epoch_us 1732674282123456",
    "reference 123-4567890-1234567 reconciled",
    "upstream 127.0.0.1:8080 and 10.0.0.12 and 192.168.1.20 healthy",
    '{"BuyerEmail": "", "BuyerName": null, "Phone": "[REDACTED]", "ShippingAddress": {}}',
    '{"GiftMessageText": "***", "PostalCode": "-"}',
    "GET /health 200 0.002 Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "2026-11-27T02:24:42.123Z INFO worker-3 processed 1024 items in 12.5s",
    "load average: 0.52, 0.58, 0.59",
    "disk /dev/sda1 93% used, inode 1234567 of 9876543",
    "commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 merged by ci",
    "pid 31337 uid 1000 gid 1000 exit 0",
    "retry after 30s (attempt 2/5)",
    "cache hit ratio 0.9731, 0.1123",
    "HTTP/1.1 304 Not Modified",
)


@dataclass
class SelfTest:
    run_at: str
    categories_tested: list[str]
    categories_detected: list[str]
    false_positives: int
    clean_lines: int
    escalation_detected: bool

    @property
    def passed(self) -> bool:
        return (set(self.categories_tested) <= set(self.categories_detected) and self.false_positives == 0
                and self.escalation_detected)

    def to_dict(self) -> dict[str, object]:
        return {"run_at": self.run_at, "categories_tested": self.categories_tested,
                "categories_detected": self.categories_detected, "false_positives": self.false_positives,
                "clean_lines": self.clean_lines, "escalation_tested": True,
                "escalation_detected": self.escalation_detected, "passed": self.passed}


def _scan(lines: list[str]) -> list[Hit]:
    scanner = LineScanner(Fingerprinter(secrets.token_bytes(32)))  # throwaway key: nothing to keep
    hits: list[Hit] = []
    scanner.scan_block(("\n".join(lines) + "\n").encode(), 1, hits)
    return finish(hits)


def run_selftest(now: datetime) -> SelfTest:
    """The canary run; `now` is the run's clock, which DEF-1.d compares run_at with."""
    detected: set[str] = set()
    for category, samples in SAMPLES.items():
        hits = _scan(list(samples))
        per_line = {h.line for h in hits if h.category == category}
        if len(per_line) == len(samples):
            detected.add(category)
    clean_hits = _scan(list(CLEAN))
    pair = _scan(["padding line", *ESCALATION, "padding line"])
    escalated = sum(1 for h in pair if h.escalated) >= 2
    return SelfTest(
        run_at=rfc3339(now), categories_tested=sorted(SAMPLES), categories_detected=sorted(detected),
        false_positives=len(clean_hits), clean_lines=len(CLEAN), escalation_detected=escalated,
    )


assert set(SAMPLES) == set(CATEGORIES), "the canary corpus must cover every DEF-1 category"
