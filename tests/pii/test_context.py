"""Context that tells values from look-alikes, and decoding before detection (both scan paths)."""

from __future__ import annotations

import pytest

from auditor.pii.engine import LineScanner
from auditor.pii.fingerprint import Fingerprinter


def scan(line: str) -> list[tuple[int, str, str]]:
    """(column, category, excerpt) through the block path the scanner uses on files."""
    hits: list = []
    LineScanner(Fingerprinter(b"k" * 32)).scan_block((line + "\n").encode(), 1, hits)
    return [(h.col, h.category, h.excerpt) for h in hits]


@pytest.mark.parametrize(
    "line",
    [
        "2026-06-24 14:36:25 configure libkmod2:amd64 30+20221128-1 30+20221128-1",
        "2026-06-24 14:36:25 status installed tzdata:all 2024a-0+deb12u1",
        'gpgv: Good signature from "Debian Archive Automatic Signing Key (12) <ftpmaster@debian.org>"',
        "[GNUPG:] GOODSIG 54404762BBB6E853 Debian Security Archive Key <ftpmaster@debian.org>",
        '{"request_id":"4556737586899855","msg":"ok"}',
        "request_id=4556737586899855 rt=0.001",
        '{"traceId":"4556737586899855","version":"4111111111111111"}',
        "LOG:  statement: SELECT id FROM customers WHERE id = 4556737586899855",
        '{"build": "4.12.3.55", "upstream": "10.1.2.3:8080"}',
    ],
)
def test_look_alikes_are_not_pii(line: str) -> None:
    assert scan(line) == []


@pytest.mark.parametrize(
    ("line", "category", "written"),
    [
        ("GET /checkout?email=buyer42%40gmail.com&step=2 HTTP/1.1", "email", "buyer42%40gmail.com"),
        ("GET /u/olivia%2Bshop9300%40icloud.com/orders", "email", "olivia%2Bshop9300%40icloud.com"),
        ("GET /c?phone=%2B44%2020%207946%200958&x=1", "phone", "%2B44%2020%207946%200958"),
        ("GET /c?card=4111+1111+1111+1111&x=1", "payment", "4111+1111+1111+1111"),
        ('{"to":"Jo \\u003cbuyer42\\u0040gmail.com\\u003e"}', "email", "buyer42\\u0040gmail.com"),
        ("Invalid user buyer42@gmail.com from 127.0.0.1 port 4242", "email", "buyer42@gmail.com"),
        ("phone: +44 20 7946 0958", "phone", "+44 20 7946 0958"),
        ('gpgv: Good signature from "Jo Smith <buyer42@gmail.com>"', "email", "buyer42@gmail.com"),
    ],
)
def test_encoded_values_are_found_where_written(line: str, category: str, written: str) -> None:
    found = [h for h in scan(line) if h[1] == category]
    assert len(found) == 1, found
    col, _, shown = found[0]
    assert line[col - 1 :].lstrip("\"'").startswith(written)
    assert written not in shown and "gmail.com" not in shown.replace("g***", "")


def test_hits_in_line_decodes_too() -> None:
    hits = LineScanner(Fingerprinter(b"k" * 32)).hits_in_line("GET /?email=a.b%40gmail.com", 7)
    assert [(h.line, h.col, h.category) for h in hits] == [(7, 13, "email")]
