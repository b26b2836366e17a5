"""Detectors: true positives per category, look-alike bait, redaction and fingerprints."""

from __future__ import annotations

import hmac
import os
import random
import stat

import phonenumbers
import pytest

from auditor.errors import ConfigError
from auditor.pii import (
    CATEGORIES,
    Fingerprinter,
    detector_categories,
    load_or_create_key,
    redact,
    run_selftest,
    scan_line,
    scan_text,
)
from auditor.pii import detectors as d
from tests.clock import NOW
from tests.pii.canary import CANARIES


def cats(line: str) -> set[str]:
    return {m.category for m in scan_line(line)}


@pytest.mark.parametrize("category", sorted(CANARIES))
def test_every_canary_line_is_detected(category: str) -> None:
    line, raw = CANARIES[category]
    hits = [m for m in scan_line(line) if m.category == category]
    assert hits, category
    assert any(raw in m.value or m.value.strip('"') in raw for m in hits)


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("to jane.doe@example.co.uk", "email"),
        ("visa 4111-1111-1111-1111", "payment"),
        ("amex 378282246310005", "payment"),
        ("iban GB82 WEST 1234 5698 7654 32", "payment"),
        ("client 2a00:1450:4009:81f::200e", "ip_address"),
        ("level=info remote_addr=81.2.69.160 status=302", "ip_address"),
        ('{"client_ip": "81.2.69.160"}', "ip_address"),
        ("tel (415) 555-2671", "phone"),
        ("call 020 7946 0018", "phone"),
        ('{"PostalCode": "EC1A 1BB"}', "postal_address"),
        ("Seattle, WA 98109", "postal_address"),
        ("mac 3c-22-fb-12-34-56", "device_identifier"),
        ('{"idfa": "6D92078A-8246-4BA4-AE5B-76104861E7DC"}', "device_identifier"),
        ('{"lat": 51.5074}', "geo_location"),
        ("Set-Cookie: JSESSIONID=8F3A2B1C9D8E7F6A5B4C; Path=/", "cookie"),
        ('{"BuyerTaxInfo": "DE123456789"}', "payment"),
        ('{"BuyerCustomizedInfo": "engrave: to Nan"}', "gift_message"),
    ],
)
def test_true_positives(line: str, category: str) -> None:
    assert category in cats(line)


@pytest.mark.parametrize(
    "line",
    [
        "java build 1.8.0.292-b10 version 1.2.3.4 v2.0.0.1",
        "request 123e4567-e89b-12d3-a456-426614174000",
        "sha1 a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
        "batch 4111111111111112 done",  # not Luhn
        "ts 1732674282123456 1732674282",
        "ref 123-4567890-1234567",  # order id without context
        "upstream 127.0.0.1 10.1.2.3 192.168.0.1 0.0.0.0",
        '{"BuyerEmail": "", "BuyerName": null, "Phone": "***"}',
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "ratio 0.9731, 0.1123",
        "image logo@2x.png",
        "2026-11-27T02:24:42Z 02:24:42.123",
        "std::vector<int> and a::b",
        # found on this machine's /var/log: Debian versions, systemd units, package names
        "2025-06-24 14:37:47 install alsa-topology-conf:all <none> 1.2.5.1-2",
        "Depends: zlib1g (>= 1:1.2.2.3), ebtables (<< 2.0.10.4+snapshot20181205-1~), x (= 2.1.4.5)",
        "Created symlink /etc/systemd/system/getty.target.wants/getty@tty1.service",
        "2026-05-09 07:29:23 install zip:amd64 <none> 3.0-13",
    ],
)
def test_bait_is_not_pii(line: str) -> None:
    assert [m.detector for m in scan_line(line) if m.confidence != "low"] == []
    assert scan_line(line) == []


def test_order_id_needs_context_and_is_low() -> None:
    (m,) = scan_line("order 123-4567890-1234567 shipped")
    assert (m.category, m.confidence, m.quasi) == ("purchase", "low", True)


def test_relay_address_is_high_confidence() -> None:
    (m,) = scan_line("x abc@marketplace.amazon.co.uk")
    assert m.confidence == "high"


def test_match_repr_hides_the_value() -> None:
    (m,) = scan_line("x jane.doe@example.com")
    assert "jane" not in repr(m)


def test_scan_text_offsets_cover_the_value() -> None:
    text = "first line\nsecond jane.doe@example.com\n"
    (m,) = scan_text(text)
    assert text[m.start : m.end] == "jane.doe@example.com"


def test_all_13_categories_have_detectors() -> None:
    assert set(detector_categories()) == set(CATEGORIES)
    assert len(CATEGORIES) == 13


@pytest.mark.parametrize(
    ("category", "value", "expected"),
    [
        ("email", "jane.doe@gmail.com", "j***@g***.com"),
        ("payment", "4111 1111 1111 1111", "************1111"),
        ("ip_address", "81.2.69.160", "81.x.x.x"),
        ("postal_address", "SW1A 1AA", "SW1A ***"),
        ("person_name", "Jane Doe", "J***"),
        ("phone", "+44 20 7946 0958", "+**********58"),
        ("gift_message", "Happy birthday", "***"),
    ],
)
def test_redaction(category: str, value: str, expected: str) -> None:
    assert redact(category, value) == expected


def test_redaction_never_contains_the_value() -> None:
    for category, (_, raw) in CANARIES.items():
        assert raw not in redact(category, raw)


def test_fingerprints_are_keyed_and_normalised() -> None:
    a, b = Fingerprinter(b"k" * 32), Fingerprinter(b"j" * 32)
    assert a.fingerprint("email", "Jane@Example.com") == a.fingerprint("email", "jane@example.com")
    assert a.fingerprint("payment", "4111 1111 1111 1111") == a.fingerprint("payment", "4111111111111111")
    assert a.fingerprint("email", "jane@example.com") != b.fingerprint("email", "jane@example.com")
    assert a.fingerprint("email", "jane@example.com").startswith("hmac-sha256:")


@pytest.mark.parametrize("key", [b"k" * 16, b"0123456789abcdef" * 4, os.urandom(65), os.urandom(200)])
def test_fingerprint_is_the_standard_hmac(key: bytes) -> None:
    """The precomputed inner/outer states give exactly HMAC-SHA256, for short and over-long keys."""
    msg = b"email\x00jane@example.com"
    assert Fingerprinter(key).fingerprint("email", "Jane@Example.com") == (
        "hmac-sha256:" + hmac.new(key, msg, "sha256").hexdigest()[:32])


def test_key_is_generated_once_with_mode_0600(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DPP_AUDITOR_STATE", str(tmp_path / "state"))
    key = load_or_create_key()
    path = tmp_path / "state" / "hmac.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key() == key


def test_group_readable_key_is_refused(tmp_path) -> None:
    path = tmp_path / "k"
    path.write_bytes(b"x" * 32)
    os.chmod(path, 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        load_or_create_key(path)


def test_selftest_passes() -> None:
    result = run_selftest(NOW)
    assert result.passed, result.to_dict()
    assert result.categories_detected == sorted(CATEGORIES)


def test_fast_ipv4_check_agrees_with_ipaddress() -> None:
    import ipaddress
    import random

    from auditor.pii.validators import ipv4_public

    rng = random.Random(5)
    samples = [".".join(str(rng.randint(0, 255)) for _ in range(4)) for _ in range(20000)]
    samples += ["10.0.0.1", "172.16.0.1", "172.31.255.255", "172.32.0.1", "192.168.1.1", "100.64.0.1",
                "127.0.0.1", "169.254.1.1", "224.0.0.1", "255.255.255.255", "8.8.8.8", "203.0.113.9"]
    for ip in samples:
        addr = ipaddress.ip_address(ip)
        assert ipv4_public(ip) == (addr.is_global and not addr.is_multicast), ip


def test_phone_quick_path_agrees_with_libphonenumber() -> None:
    """Example numbers of every region and type, in the formats logs use, plus near misses: the
    parse-free path must never call valid what parse + is_valid_number rejects, nor the reverse."""
    from phonenumbers import PhoneNumberFormat as F
    from phonenumbers import PhoneNumberType as T

    def reference(text: str) -> bool:
        region = None if text.startswith("+") else ("GB" if text.startswith("0") else "US")
        try:
            return bool(phonenumbers.is_valid_number(phonenumbers.parse(text, region)))
        except phonenumbers.NumberParseException:
            return False

    texts = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (T.FIXED_LINE, T.MOBILE, T.TOLL_FREE, T.PREMIUM_RATE, T.VOIP, T.UAN):
            num = phonenumbers.example_number_for_type(region, kind)
            if num is None:
                continue
            texts += [phonenumbers.format_number(num, fmt) for fmt in (F.INTERNATIONAL, F.E164)]
            if region in ("GB", "US"):
                texts.append(phonenumbers.format_number(num, F.NATIONAL))
    texts += [t[:-1] + str((int(t[-1]) + 5) % 10) for t in texts] + [t + "1" for t in texts]
    rng = random.Random(5)  # random digits in the shapes the phone pattern takes: mostly invalid

    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    for _ in range(4000):
        code = rng.choice(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE))
        groups = " ".join(digits(rng.randint(1, 5)) for _ in range(rng.randint(2, 4)))
        texts += [f"+{code} {rng.choice(['', '0', '('])}{groups}{digits(1)}",
                  f"0{rng.randint(1, 9)}{digits(rng.randint(1, 4))} {digits(rng.randint(3, 4))} {digits(4)}",
                  f"({rng.randint(200, 999)}) {rng.randint(200, 999)}-{digits(4)}"]
    phone = next(det for det in d.REGISTRY if det.id == "phone")
    candidates = [m.group(0) for t in texts for m in phone.regex.finditer(f"x {t} y")]
    assert len(candidates) > 12000
    d._phone_valid.cache_clear()
    wrong = [c for c in candidates if d.phone_ok(c) != reference(c)]
    assert not wrong, f"{len(wrong)} verdicts differ"


def test_prefilter_keeps_every_line_a_detector_accepts() -> None:
    """The RE2 prefilter drops lines before Python sees them: it must match every line on which a
    check accepts something (context words, version words, separators, IIN lengths, decimals, TLDs)."""
    from auditor.pii.engine import PREFILTER

    rng = random.Random(5)
    words = sorted(d._VERSION_WORDS) + ["from", "addr", "Version", "BUILD", "verb", "buildx", "order", "gps",
                                        "sku", "ratio", "lat", "item"]
    seps = [" ", "\t", ":", "=", "/", "_", "-", ""]

    def value() -> str:
        n = rng.randrange(6)
        if n == 5:
            tld = rng.choice(["png", "com", "co.uk", "service", "io", "Js", "jsonx", "pn", "logs", "COM"])
            host = rng.choice(["2x", "tty1", "example"])
            return f"{rng.choice(['logo', 'getty', 'jane.doe'])}@{host}.{tld}"
        if n == 0:
            return ".".join(str(rng.randint(1, 255)) for _ in range(4))
        if n == 1:
            return str(rng.choice([4, 51, 2221, 34, 37, 6011, 35, 36, 62, 5018, 49, 86])) + "".join(
                rng.choice("0123456789") for _ in range(rng.randint(9, 17)))
        if n == 2:
            places = rng.choice([4, 5, 6])
            return f"{rng.uniform(-89, 89):.{places}f}, {rng.uniform(-179, 179):.{rng.choice([4, 5])}f}"
        if n == 3:
            return f"{rng.randint(100, 999)}-{rng.randint(10**6, 10**7 - 1)}-{rng.randint(10**6, 10**7 - 1)}"
        return rng.choice(["", "(", "[", "\"", "a1 "]) + ".".join(str(rng.randint(1, 255)) for _ in range(4))

    accepted = missed = 0
    for _ in range(20000):
        ctx = " ".join(rng.choice(words) for _ in range(rng.randint(0, 2)))
        sep = "".join(rng.choice(seps) for _ in range(rng.choice([0, 1, 2, 11, 12, 17, 25])))
        line = ctx + sep + value() + rng.choice(["", " ok", ".5", "-1", ":22", " order"])
        if scan_line(line):
            accepted += 1
            missed += PREFILTER.search(line.encode()) is None
    assert accepted > 5000 and missed == 0


def test_fast_digit_paths_agree_with_the_plain_definitions() -> None:
    """digits_of and the number normaliser take a translate() fast path for digits-and-separators
    values; on any text, Unicode digits included, they must give what the plain definitions give."""
    from auditor.pii.fingerprint import normalise
    from auditor.pii.validators import digits_of

    def plain_number(value: str) -> str:
        v = value.strip().strip("\"'")
        if sum(map(str.isdigit, v)) < 7:
            return v
        return ("+" if v.startswith("+") else "") + "".join(filter(str.isalnum, v)).upper()

    rng = random.Random(5)
    alphabet = "0123456789 -.()/+'\"\tabcXYZ\u00b2\u0663_#@"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 22)))
        assert digits_of(text) == "".join(filter(str.isdigit, text)), repr(text)
        assert normalise("phone", text) == plain_number(text), repr(text)


def test_card_pattern_admits_exactly_the_iin_table_runs() -> None:
    """The unbroken-run part of the card pattern is generated from the IIN table: a run is a
    candidate iff some network allows its prefix at its length (or it has an IMEI's shape)."""
    import re

    from auditor.pii import detectors
    from auditor.pii.validators import IIN, IMEI_REPORTING_BODIES, card_network_ok

    runs = re.compile(f"(?:{detectors._unbroken_card_runs()})")
    rng = random.Random(9)
    prefixes = [str(p) for (lo, hi), _ in IIN
                for p in (lo, hi, (lo + hi) // 2, lo - 1, hi + 1)] + ["0", "1", "7", "8", "9", "35", "49"]
    for _ in range(40000):
        head = rng.choice(prefixes)
        run = head + "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 20) - len(head)))
        want = card_network_ok(run) or (len(run) == 15 and run[:2] in IMEI_REPORTING_BODIES)
        assert (runs.fullmatch(run) is not None) == want, run


def test_dedupe_and_escalate_equal_their_plain_quadratic_definitions() -> None:
    """Both were rewritten to be linear (a one-line JSON dump can hold thousands of findings);
    on random findings they must give what the pairwise definitions give."""
    from dataclasses import dataclass, field

    from auditor.pii.combine import escalate
    from auditor.pii.detectors import Match, dedupe

    rank = {"low": 1, "medium": 2, "high": 3}

    def plain_dedupe(matches: list[Match]) -> list[Match]:
        kept: list[Match] = []
        for mt in sorted(matches, key=lambda x: (x.start, -rank[x.confidence])):
            clash = next((k for k in kept if k.category == mt.category and k.start < mt.end
                          and mt.start < k.end), None)
            if clash is None:
                kept.append(mt)
            elif rank[mt.confidence] > rank[clash.confidence]:
                kept[kept.index(clash)] = mt
        return kept

    @dataclass
    class F:
        line: int
        category: str
        confidence: str
        quasi: bool
        co_located: list[str] = field(default_factory=list)
        escalated: bool = False

    def plain_escalate(findings: list[F], window: int = 2) -> None:
        for f in findings:
            near = [g for g in findings if g is not f and abs(g.line - f.line) <= window
                    and g.category != f.category]
            f.co_located = sorted({g.category for g in near})
            if f.quasi and f.confidence != "high" and any(g.quasi or g.confidence != "low" for g in near):
                f.confidence, f.escalated = "high", True

    rng = random.Random(11)
    cats, confs = ["email", "phone", "postal_address", "ip_address"], ["low", "medium", "high"]
    for _ in range(500):
        matches = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 40)
            matches.append(Match(rng.choice(cats), rng.choice(confs), s, s + rng.randint(1, 8), "v", "d"))
        assert [repr(m) for m in dedupe(list(matches))] == [repr(m) for m in plain_dedupe(matches)]
        spec = [(rng.randint(1, 12), rng.choice(cats), rng.choice(confs), rng.random() < 0.4)
                for _ in range(rng.randint(0, 15))]
        spec.sort(key=lambda t: t[0])
        ours, theirs = [F(*t) for t in spec], [F(*t) for t in spec]
        escalate(ours)
        plain_escalate(theirs)
        assert ours == theirs
