"""Detectors: a portable regex (Python `re` and RE2 syntax) plus a Python check per detector.

Every pattern is written so that it never crosses a newline and compiles under both engines;
`(?P<v>...)` marks the value inside a key context. The check validates a candidate (checksum,
range, reference list, context) and returns a Match with a category and confidence, or None.
A Match holds the raw value: it must never be printed or serialised (its repr hides it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import SimpleNamespace

import phonenumbers

from auditor.pii import validators as v
from auditor.pii.categories import RANK, Category, Confidence
from auditor.pii.context import key_before

# The categories as plain str: findings carry them across processes (marshal takes no enum).
C = SimpleNamespace(**{c.name: c.value for c in Category})
HI, MED, LOW = Confidence.high.value, Confidence.medium.value, Confidence.low.value
_RANK = {c.value: r for c, r in RANK.items()}  # by plain string: no enum lookups on the hot path


@dataclass(slots=True, repr=False, eq=False)  # not frozen: a frozen __init__ costs ~1 us per match
class Match:
    category: str
    confidence: str
    start: int
    end: int
    value: str
    detector: str
    quasi: bool = False

    def __repr__(self) -> str:  # the raw value stays out of logs and tracebacks
        return f"Match({self.category}, {self.confidence}, {self.start}-{self.end}, {self.detector})"


Check = Callable[[str, "re.Match[str]"], "Match | None"]


@dataclass(frozen=True)
class Detector:
    id: str
    categories: tuple[str, ...]
    pattern: str
    check: Check
    # A looser pattern for the RE2 prefilter when the full one costs DFA states for nothing
    # (a key's value, a user agent's tail): it must match wherever `pattern` does.
    prefilter: str | None = None
    regex: re.Pattern[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.ASCII))

    def find(self, line: str, pos: int = 0) -> list[Match]:
        """Validated matches in `line` that start at `pos` or later (text before `pos` still
        counts as context: word boundaries, look-behind, the checks)."""
        out = []
        for m in self.regex.finditer(line, pos):
            hit = self.check(line, m)
            if hit is not None:
                out.append(hit)
        return out


REGISTRY: list[Detector] = []


def register(det: Detector) -> Detector:
    if any(d.id == det.id for d in REGISTRY):
        raise ValueError(f"duplicate detector id {det.id}")
    REGISTRY.append(det)
    return det


def _hit(det: str, cat: str, conf: str, m: re.Match[str], *, quasi: bool = False) -> Match:
    """A Match of the whole regex match (the key detector, with its `v` group, builds its own)."""
    s, e = m.span()
    return Match(cat, conf, s, e, m.group(), det, quasi)


def _before(line: str, pos: int, n: int = 24) -> str:
    return line[max(0, pos - n) : pos]


# Keys whose values are identifiers, versions, digests or counters: a Luhn-valid all-digit request
# id, a trace id or a version is not a card, a phone or an IMEI.
_ID_KEY = re.compile(
    r"(?i:(?:^|[_.-])(?:id|uuid|guid|hash|sha(?:1|256|512)?|md5|digest|checksum|crc|nonce|version|ver|build"
    r"|rev|revision|seq|sequence|ts|timestamp|epoch|time|pid|port|offset|size|bytes|count|etag)$)"
    r"|[a-z0-9](?:Id|ID|Uuid|Hash|Version|Seq)$"  # camelCase: requestId (not "paid" nor "android")
    r"|(?i:^(?:id|uuid|guid|hash|sha|md5|version|vers|build|rev|seq|nonce|pid|port|ts|xid|lsn|trace|span|oid)$)"
)


def _id_valued(line: str, pos: int) -> bool:
    key = key_before(line, pos)
    return key is not None and _ID_KEY.search(key) is not None


def _not_one_of(words: frozenset[str]) -> str:
    """A regex for a non-empty letter run that is none of `words` (the complement of their trie)."""

    def node(prefix: str) -> str:
        nexts = sorted({w[len(prefix)] for w in words if w.startswith(prefix) and len(w) > len(prefix)})
        other = "".join(ch for ch in "abcdefghijklmnopqrstuvwxyz" if ch not in nexts)
        alts = [f"[{other}][a-z]*"] + [ch + node(prefix + ch) for ch in nexts]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if prefix and prefix not in words else body  # the run is never empty

    return node("")


# --- e-mail -------------------------------------------------------------------------------
# File extensions and systemd unit types look like TLDs (logo@2x.png, getty@tty1.service).
_FILE_TLDS = v.words("png jpg jpeg gif svg webp css js map ico woff woff2 ttf json xml txt log conf "
                     "service socket target timer mount path slice scope device swap automount")
_RELAY = re.compile(r"@marketplace\.amazon\.[a-z.]+$", re.I)


# Package-signature and packaging lines (gpgv, apt, dpkg, debootstrap, rpm, changelogs) name
# the key or package owner: a distribution's role address there is no customer's e-mail.
_SIGNATURE_LINE = re.compile(
    r"gpgv?:|\[GNUPG:\]|(?:Good|BAD|bad) signature|[Ss]ignature from|Signed-By|using \w+ key|keyring"
    r"|(?:GOOD|VALID|EXPKEY|REVKEY|BAD|ERR)SIG|NO_PUBKEY|Maintainer:|Changed-By:|Uploaders:|Packager:"
    r"|Release signature|pubkey|Key fingerprint")
_VENDOR_DOMAINS = v.words(
    "debian.org ubuntu.com canonical.com launchpad.net redhat.com fedoraproject.org centos.org "
    "rockylinux.org "
    "almalinux.org opensuse.org suse.com suse.de archlinux.org alpinelinux.org gentoo.org kali.org "
    "raspberrypi.org docker.com nodesource.com postgresql.org nginx.com microsoft.com google.com "
    "mozilla.org hashicorp.com github.com gitlab.com elastic.co grafana.com mariadb.org mysql.com "
    "oracle.com amazon.com amazonaws.com nvidia.com")
_ROLE_LOCALS = v.words(
    "ftpmaster release security team packages maintainers maintainer support noreply no-reply admin root "
    "build buildd autobuilder signing archive repo repository packaging debian-release stable-release "
    "security-team keyring infrastructure")


def _role_or_vendor(value: str) -> bool:
    local, _, domain = value.lower().rpartition("@")
    labels = domain.split(".")
    vendor = any(".".join(labels[i:]) in _VENDOR_DOMAINS for i in range(len(labels) - 1))
    return vendor or local in _ROLE_LOCALS or local.split("+", 1)[0] in _ROLE_LOCALS


def _email(line: str, m: re.Match[str]) -> Match | None:
    value = m.group(0)
    tld = value.rsplit(".", 1)[-1].lower()
    if tld in _FILE_TLDS or not tld.isalpha():
        return None
    if _SIGNATURE_LINE.search(line) and _role_or_vendor(value):
        return None
    conf = HI if _RELAY.search(value) else MED
    return _hit("email", C.email, conf, m)


_EMAIL_HEAD = (r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}"
               r"(?:\.[A-Za-z0-9-]{1,63}){0,4}\.")
register(Detector(
    "email", (C.email,), _EMAIL_HEAD + r"[A-Za-z]{2,24}\b", _email,
    # logo@2x.png and getty@tty1.service never reach Python
    prefilter=_EMAIL_HEAD + rf"(?i:{_not_one_of(frozenset(w for w in _FILE_TLDS if w.isalpha()))})\b",
))


# --- cards and IMEI (long digit runs) --------------------------------------------------------


def _digits(line: str, m: re.Match[str]) -> Match | None:
    digits = m.group().replace("-", "").replace(" ", "")
    if line[m.start() - 1 : m.start()] == "+" or _id_valued(line, m.start()):
        return None  # +4915123450939 is a phone number in E.164; ids are not cards
    if v.is_card(digits):
        return _hit("card", C.payment, HI, m)
    if v.is_imei(digits):
        return _hit("card", C.device_identifier, MED, m)
    return None


def _digit_range(lo: str, hi: str) -> list[str]:
    """Regex alternatives for the decimal strings lo..hi of one width (2221..2720 and the like)."""
    n = len(lo) - 1
    if lo == hi:
        return [lo]
    if lo[1:] == "0" * n and hi[1:] == "9" * n:
        first = lo[0] if lo[0] == hi[0] else f"[{lo[0]}-{hi[0]}]"
        return [first + ("" if n == 0 else "[0-9]" if n == 1 else f"[0-9]{{{n}}}")]
    if lo[0] == hi[0]:
        return [lo[0] + tail for tail in _digit_range(lo[1:], hi[1:])]
    out = [lo[0] + tail for tail in _digit_range(lo[1:], "9" * n)]
    if int(hi[0]) - int(lo[0]) > 1:
        out += _digit_range(f"{int(lo[0]) + 1}" + "0" * n, f"{int(hi[0]) - 1}" + "9" * n)
    return out + [hi[0] + tail for tail in _digit_range("0" * n, hi[1:])]


def _lengths(counts: list[int]) -> str:
    """`[0-9]{a,b}` alternatives for a set of digit counts, runs of consecutive counts joined."""
    runs: list[list[int]] = []
    for c in sorted(counts):
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "|".join(f"[0-9]{{{a}}}" if a == b else f"[0-9]{{{a},{b}}}" for a, b in runs)


def _unbroken_card_runs() -> str:
    """Digit runs exactly as the IIN table allows them (prefix range and card length), and IMEIs:
    snowflake ids, epochs and counters with other prefixes or lengths never become candidates."""
    alts = []
    for (lo, hi), lengths in v.IIN:
        width = len(str(lo))
        prefix = "|".join(_digit_range(str(lo), str(hi)))
        alts.append(f"(?:{prefix})(?:{_lengths([n - width for n in lengths])})")
    alts.append(f"(?:{'|'.join(v.IMEI_REPORTING_BODIES)})[0-9]{{13}}")
    return "|".join(alts)


register(Detector(
    "card", (C.payment, C.device_identifier),
    rf"\b(?:{_unbroken_card_runs()}"
    r"|[2-6][0-9]{3}(?:[ -][0-9]{4}){3}|3[47][0-9]{2}[ -][0-9]{6}[ -][0-9]{5})\b",
    _digits,
))


def _imei_dashed(line: str, m: re.Match[str]) -> Match | None:
    if _id_valued(line, m.start()):
        return None
    return _hit("imei", C.device_identifier, HI, m) if v.luhn_ok(m.group(0).replace("-", "")) else None


register(Detector("imei", (C.device_identifier,), r"\b[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9]\b", _imei_dashed))


# --- IBAN and UK bank details ----------------------------------------------------------------
def _iban(line: str, m: re.Match[str]) -> Match | None:
    return _hit("iban", C.payment, HI, m) if v.iban_ok(m.group(0)) else None


register(Detector(
    "iban", (C.payment,), r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", _iban
))
register(Detector(
    "sort_code", (C.payment,), r"\b[0-9]{2}-[0-9]{2}-[0-9]{2}[ ,;/]{1,3}[0-9]{8}\b",
    lambda line, m: _hit("sort_code", C.payment, MED, m),
))


# --- IP addresses ----------------------------------------------------------------------------
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
# First octet without 0, 10 and 127: internal and loopback traffic never becomes a candidate line.
_OCTET1 = r"(?:25[0-5]|2[0-4][0-9]|1[013-9][0-9]|12[0-689]|[2-9][0-9]|1[1-9]|[1-9])"
_VERSION_WORDS = v.words("version ver build release rev firmware fw kernel v agent libc openssl python java")
_TRAILING_WORD = re.compile(r"[A-Za-z]{1,12}")
_DEPENDS_BEFORE = re.compile(r"(?:<<|>>|[<>]=|\(=)[ \t]*\Z")  # not a bare "=": key=1.2.3.4 is an address


def _version_before(line: str, pos: int) -> bool:
    """True when the text before pos ends in a word such as `build` or `v` (reversed match: linear)."""
    rev = line[max(0, pos - 24) : pos].rstrip(" \t:=/_\"'-")[::-1]
    m = _TRAILING_WORD.match(rev)
    return m is not None and m.group(0)[::-1].lower() in _VERSION_WORDS


def _ipv4(line: str, m: re.Match[str]) -> Match | None:
    s, e = m.start(), m.end()
    if line[e : e + 1] == "." and line[e + 1 : e + 2].isdigit():
        return None  # a.b.c.d.e: a version or OID, not an address
    prev = line[s - 1 : s]
    if prev == "." or (prev == "/" and line[s - 2 : s - 1].isalnum()) or _version_before(line, s):
        return None
    if line[e : e + 1] in ("-", "+", "~") and line[e + 1 : e + 2].isalnum():
        return None  # a package version: 1.2.5.1-2, 2.0.10.4+snapshot
    if (prev == ":" and line[s - 2 : s - 1].isdigit()) or _DEPENDS_BEFORE.search(line, max(0, s - 4), s):
        return None  # an epoch (1:1.2.2.3) or a dependency bound (>= 1.2.3.4)
    if v.ip_class(m.group(0)) != "public":
        return None
    return _hit("ipv4", C.ip_address, MED, m)


_IPV4_RX = rf"\b{_OCTET1}(?:\.{_OCTET}){{3}}\b"
_SEPS = r"[ \t:=/_\"'-]"
register(Detector(
    "ipv4", (C.ip_address,), _IPV4_RX, _ipv4,
    # What _version_before rejects never reaches Python: the word before the separators must not
    # be a version word (a long separator run hides the word from that check, so it passes here).
    prefilter=rf"(?:(?m:^)|[^A-Za-z\n])(?i:{_not_one_of(_VERSION_WORDS)}){_SEPS}*{_IPV4_RX}"
    rf"|(?:(?m:^)|[^A-Za-z \t:=/_\"'\n-]){_SEPS}*{_IPV4_RX}|{_SEPS}{{12}}{_IPV4_RX}",
))

_H4 = r"[0-9A-Fa-f]{1,4}"


def _ipv6(line: str, m: re.Match[str]) -> Match | None:
    s, e = m.start(), m.end()
    if line[s - 1 : s] == ":" or line[e : e + 1] in (":", "."):
        return None
    if v.ip_class(m.group(0)) != "public":
        return None
    return _hit("ipv6", C.ip_address, MED, m)


register(Detector(
    "ipv6", (C.ip_address,),
    rf"\b(?:(?:{_H4}:){{7}}{_H4}|(?:{_H4}:){{1,6}}(?::{_H4}){{1,6}}|(?:{_H4}:){{1,7}}:)(?:\b|$)",
    _ipv6,
))


# --- phone numbers ---------------------------------------------------------------------------
_PHONE_PUNCT = str.maketrans("", "", " .-()+")
_CC_REGIONS = phonenumbers.COUNTRY_CODE_TO_REGION_CODE


def phone_ok(text: str) -> bool:
    """libphonenumber's verdict, cached on the normalised number (the formats of one number share it)."""
    digits = text.translate(_PHONE_PUNCT)
    region = None if text.startswith("+") else ("GB" if text.startswith("0") else "US")
    return _phone_valid(digits, region, text if not digits.isdigit() else None)


@lru_cache(maxsize=65536)
def _phone_valid(digits: str, region: str | None, raw: str | None) -> bool:
    verdict = _quick_valid(digits, region) if raw is None else None
    if verdict is not None:
        return verdict
    text = raw if raw is not None else ("+" + digits if region is None else digits)
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(text, region)))
    except phonenumbers.NumberParseException:
        return False


# Calling-code prefixes as written (1-3 digits) -> the code, as int() reads them.
_CC_OF_PREFIX = {p: int(p) for n in (1, 2, 3) for i in range(10**n)
                 if int(p := str(i).zfill(n)) in _CC_REGIONS}


@cache
def _phone_plan(region: str | None, cc: int) -> tuple[str, int, re.Pattern[str] | None, bool] | None:
    """What _quick_valid reads of a region's (or calling code's) metadata, looked up once:
    (country code as text, country code, national prefix regex, prefix too complex to mimic)."""
    if region is not None:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    else:
        meta = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(cc, _CC_REGIONS[cc][0])
    if meta is None:
        return None
    prefix = meta.national_prefix_for_parsing or ""
    too_complex = bool(prefix) and ("(" in prefix or bool(meta.national_prefix_transform_rule))
    rx = re.compile(prefix) if prefix and not too_complex else None
    return str(meta.country_code), meta.country_code or 0, rx, too_complex


def _quick_valid(digits: str, region: str | None) -> bool | None:
    """is_valid_number(parse(...)) without `parse` (the larger cost) for numbers built exactly the
    way parse builds them; None when parse might build another number (national prefix, leading
    zeros, a country code inside a national number): the caller then asks libphonenumber."""
    if region is None:
        cc = _CC_OF_PREFIX.get(digits[:1]) or _CC_OF_PREFIX.get(digits[:2]) or _CC_OF_PREFIX.get(digits[:3])
        if not cc:
            return None
        nsn = digits[len(str(cc)):]
        plan = _phone_plan(None, cc)
    else:
        plan = _phone_plan(region, 0)
        nsn = digits
        if plan is not None and digits.startswith(plan[0]):
            return None  # parse may read it as a country code
    if plan is None or not nsn or (nsn[0] == "0" and region is None):
        return None  # Italian leading zeros and unknown codes: leave them to parse
    _, country, rx, too_complex = plan
    if too_complex:
        return None
    stripped = False
    if rx is not None:
        m = rx.match(nsn)
        if m:
            if region is None:
                return None  # parse might strip a national prefix after the country code
            nsn, stripped = nsn[m.end():], True
    if not nsn or nsn[0] == "0" or len(nsn) > 17:
        return None
    # parse strips a national prefix only when the rest is viable: a valid rest is what it built.
    return True if _nsn_valid(country, nsn) else (None if stripped else False)


_TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail",
          "fixed_line")
_Desc = tuple[frozenset[int], "re.Pattern[str]"]
_Rules = tuple[_Desc | None, tuple[_Desc, ...], "re.Pattern[str] | None"]  # general, types, leading digits


@cache
def _region_rules(region: str, cc: int) -> _Rules | None:
    """A region's general description, its number types and leading digits, compiled once
    (libphonenumber looks each pattern up per call)."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(cc, region)
    if meta is None:
        return None

    def desc(nd: phonenumbers.PhoneNumberDesc | None) -> _Desc | None:
        if nd is None or not nd.national_number_pattern:
            return None
        return frozenset(nd.possible_length), re.compile(nd.national_number_pattern)

    kinds = [desc(getattr(meta, name)) for name in _TYPES]
    if not meta.same_mobile_and_fixed_line_pattern:
        kinds.append(desc(meta.mobile))
    leading = re.compile(meta.leading_digits) if meta.leading_digits is not None else None
    return desc(meta.general_desc), tuple(k for k in kinds if k is not None), leading


@cache
def _typed_rx(region: str, cc: int, length: int) -> re.Pattern[str] | None:
    """One regex for the region's number types that allow `length` digits: a number of any of
    them fully matches it (one call instead of one per type)."""
    rules = _region_rules(region, cc)
    if rules is None:
        return None
    general, kinds, _ = rules
    if general is None or (general[0] and length not in general[0]):
        return None
    alts = [k[1].pattern for k in kinds if not k[0] or length in k[0]]
    if not alts:
        return None
    return re.compile(f"(?=(?:{general[1].pattern})\\Z)(?:" + "|".join(f"(?:{a})" for a in alts) + ")")


def _typed(nsn: str, region: str, cc: int) -> bool:
    """libphonenumber's number type is not UNKNOWN: the general description and one type match."""
    rx = _typed_rx(region, cc, len(nsn))
    return rx is not None and rx.fullmatch(nsn) is not None


def _nsn_valid(cc: int, nsn: str) -> bool:
    """phonenumbers.is_valid_number for a number without leading zeros, with precompiled patterns."""
    regions = _CC_REGIONS.get(cc)
    if not regions:
        return False
    region = regions[0] if len(regions) == 1 else None
    for candidate in regions if region is None else ():
        rules = _region_rules(candidate, cc)
        if rules is None:
            continue
        if rules[2] is not None:
            if rules[2].match(nsn):
                region = candidate
                break
        elif _typed(nsn, candidate, cc):
            region = candidate
            break
    return region is not None and _typed(nsn, region, cc)


def _phone(line: str, m: re.Match[str]) -> Match | None:
    s = m.start()
    prev = line[s - 1 : s]
    if line[s : s + 1] == "+" and prev and (prev.isdigit() or prev in ".~+"):
        return None  # a version (30+20221128-1, 1.2.~+20230101): a number starts after a blank or a key

    if _id_valued(line, s):
        return None
    return _hit("phone", C.phone, MED, m) if phone_ok(m.group(0)) else None


register(Detector(
    "phone", (C.phone,),
    r"(?:\+[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,5}\)?){2,5}[0-9]"
    r"|\b0[1-9][0-9]{1,4}[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}"
    r"|(?:\([2-9][0-9]{2}\) ?|\b[2-9][0-9]{2}[-.])[2-9][0-9]{2}[-.][0-9]{4})\b",
    _phone,
))


# --- postal addresses ------------------------------------------------------------------------
def _uk_postcode(line: str, m: re.Match[str]) -> Match | None:
    if not v.uk_postcode_ok(m.group(0)):
        return None
    return _hit("uk_postcode", C.postal_address, LOW, m, quasi=True)


register(Detector(
    "uk_postcode", (C.postal_address,),
    r"\b(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) ?"
    r"[0-9][ABD-HJLNP-UW-Z]{2}\b",
    _uk_postcode,
))


def _us_zip(line: str, m: re.Match[str]) -> Match | None:
    if m.group(0)[:2] not in v.US_STATES:
        return None
    return _hit("us_zip", C.postal_address, LOW, m, quasi=True)


register(Detector("us_zip", (C.postal_address,), r"\b[A-Z]{2} [0-9]{5}(?:-[0-9]{4})?\b", _us_zip))

_STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Boulevard|Blvd|Court|Ct|Place|Pl"
    "|Terrace|Gardens|Crescent|Square|Hill|Parkway|Pkwy|Row|Mews|Grove"
)
register(Detector(
    "street", (C.postal_address,),
    rf"\b[0-9]{{1,5}}[A-Za-z]?,? (?:[A-Z][a-z]+ ){{1,3}}(?:{_STREET_TYPES})\b",
    lambda line, m: _hit("street", C.postal_address, MED, m),
))


# --- order ids (only with context) -----------------------------------------------------------
_ORDER_WORDS = "order|asin|item|buyer|purchase|sku|shipment"
_ORDER_CONTEXT = re.compile(rf"(?i){_ORDER_WORDS}")


def _order(line: str, m: re.Match[str]) -> Match | None:
    if not _ORDER_CONTEXT.search(line):
        return None
    return _hit("order_id", C.purchase, LOW, m, quasi=True)


_ORDER_RX = r"\b[0-9]{3}-[0-9]{7}-[0-9]{7}\b"
register(Detector("order_id", (C.purchase,), _ORDER_RX, _order,
                  prefilter=rf"(?i:{_ORDER_WORDS})[^\n]*{_ORDER_RX}|{_ORDER_RX}[^\n]*(?i:{_ORDER_WORDS})"))


# --- user agents, lat/long, MAC --------------------------------------------------------------
_BOT = re.compile(r"(?i)bot\b|crawler|spider|monitor|healthcheck")


def _user_agent(line: str, m: re.Match[str]) -> Match | None:
    return None if _BOT.search(m.group(0)) else _hit("user_agent", C.digital_fingerprint, MED, m)


register(Detector(
    "user_agent", (C.digital_fingerprint,),
    r"\b(?:Mozilla|Dalvik|Opera)/[0-9][0-9.]{0,8} \([^()\n\"]{4,200}\)[^\"\n]{0,300}",
    _user_agent,
    prefilter=r"\b(?:Mozilla|Dalvik|Opera)/[0-9][0-9.]{0,8} \(",
))

_GEO_WORDS = "lat|lon|lng|geo|loc|coord|gps|position"
_GEO_CONTEXT = re.compile(rf"(?i){_GEO_WORDS}")


def _lat_long(line: str, m: re.Match[str]) -> Match | None:
    lat, _, lon = m.group(0).partition(",")
    lon = lon.strip()
    if not v.lat_long_ok(lat, lon):
        return None
    if _GEO_CONTEXT.search(_before(line, m.start(), 40)):
        return _hit("lat_long", C.geo_location, HI, m)
    if min(len(lat.partition(".")[2]), len(lon.partition(".")[2])) < 5:
        return None  # 4-decimal pairs without context are usually ratios or timings
    return _hit("lat_long", C.geo_location, MED, m)


register(Detector(
    "lat_long", (C.geo_location,), r"-?\b[0-9]{1,2}\.[0-9]{4,8},[ \t]?-?[0-9]{1,3}\.[0-9]{4,8}\b", _lat_long,
    # 4-decimal pairs count only after a geo word: ratios and timings stay out of Python.
    prefilter=rf"\b[0-9]{{1,2}}\.[0-9]{{5,8}},[ \t]?-?[0-9]{{1,3}}\.[0-9]{{5,8}}\b"
    rf"|(?i:{_GEO_WORDS})[^\n]*[0-9]\.[0-9]{{4,8}},[ \t]?-?[0-9]{{1,3}}\.[0-9]{{4,8}}\b",
))


def _mac(line: str, m: re.Match[str]) -> Match | None:
    s, e = m.start(), m.end()
    if line[s - 1 : s] in (":", "-") or line[e : e + 1] in (":", "-") or not v.mac_ok(m.group(0)):
        return None
    return _hit("mac", C.device_identifier, MED, m)


register(Detector(
    "mac", (C.device_identifier,),
    r"\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\b|\b[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}\b",
    _mac,
))


# --- key context: SP-API JSON keys and common field names ------------------------------------
@dataclass(frozen=True)
class KeyRule:
    category: str
    confidence: str
    value: str = "any"  # any | email | digits | letters | order | number | token
    quasi: bool = False


# Regex fragment of a key name -> rule. Order matters only for readability.
KEY_RULES: dict[str, KeyRule] = {
    r"buyer[_-]?email|customer[_-]?email|recipient[_-]?email|e[_-]?mail(?:[_-]?address)?": KeyRule(
        C.email, HI, "email"),
    r"buyer[_-]?name|customer[_-]?name|full[_-]?name|recipient[_-]?name|ship[_-]?to[_-]?name"
    r"|billing[_-]?name|card[_-]?holder(?:[_-]?name)?|contact[_-]?name|last[_-]?name|sur[_-]?name"
    r"|family[_-]?name": KeyRule(C.person_name, HI, "letters"),
    r"first[_-]?name|given[_-]?name": KeyRule(C.person_name, LOW, "letters", quasi=True),
    r"shipping[_-]?address|billing[_-]?address|delivery[_-]?address|address[_-]?line[_-]?[1-3]"
    r"|street(?:[_-]?address)?": KeyRule(C.postal_address, HI),
    r"postal[_-]?code|post[_-]?code|zip(?:[_-]?code)?": KeyRule(C.postal_address, LOW, "postal", quasi=True),
    r"city|town": KeyRule(C.postal_address, LOW, "letters", quasi=True),
    r"buyer[_-]?phone|phone(?:[_-]?number)?|mobile(?:[_-]?number)?|tele?phone|msisdn": KeyRule(
        C.phone, HI, "digits"),
    r"gift[_-]?message(?:[_-]?text)?|buyer[_-]?customi[sz]ed[_-]?info": KeyRule(C.gift_message, HI),
    r"survey[_-]?(?:response|answer)s?|feedback[_-]?text|review[_-]?text": KeyRule(C.survey_response, HI),
    r"card[_-]?number|iban|account[_-]?number|sort[_-]?code|buyer[_-]?tax[_-]?info": KeyRule(
        C.payment, HI),
    r"(?:set[_-])?cookie": KeyRule(C.cookie, HI, "token"),
    r"session[_-]?id|sess[_-]?id|jsessionid|phpsessid|sid": KeyRule(C.cookie, HI, "token"),
    r"user[_-]?agent|http[_-]?user[_-]?agent|device[_-]?fingerprint|browser[_-]?fingerprint"
    r"|visitor[_-]?id": KeyRule(C.digital_fingerprint, MED, "token"),
    r"lat(?:itude)?|lo?ng(?:itude)?": KeyRule(C.geo_location, MED, "number"),
    r"imei|idfa|gaid|advertising[_-]?id|android[_-]?id|device[_-]?id": KeyRule(
        C.device_identifier, HI, "token"),
    r"(?:amazon[_-]?)?order[_-]?id": KeyRule(C.purchase, LOW, "order", quasi=True),
    r"asin|item[_-]?name|item[_-]?title|product[_-]?title": KeyRule(C.purchase, LOW, quasi=True),
}
_KEY_NAMES = "|".join(f"(?:{k})" for k in KEY_RULES)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex: a `|` inside a group or a class does not split."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i = pattern.index("]", i + 2)  # a class never starts with `]` in these patterns
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


def _by_first_letter(alternatives: list[str]) -> str:
    """One alternation, its alternatives grouped by first letter (order kept inside a group):
    Python's re then enters one branch per position instead of trying every alternative, 2-3x
    faster on a line. Alternatives that do not start with a letter stay in front, as they are."""
    groups: dict[str, list[str]] = {}
    rest = []
    for alt in alternatives:
        if alt[:1].isalpha():
            groups.setdefault(alt[0].lower(), []).append(alt[1:])
        else:
            rest.append(alt)
    return "|".join(rest + [f"{ch}(?:{'|'.join(tails)})" for ch, tails in groups.items()])


_KEY_NAMES_GROUPED = _by_first_letter([a for k in KEY_RULES for a in _alternatives(k)])
_KEY_MATCHERS = [(re.compile(rf"(?i:{k})\Z"), rule) for k, rule in KEY_RULES.items()]
_PLACEHOLDER = re.compile(
    r"(?i)^(?:|-|null|none|nil|n/?a|true|false|undefined|\[?redacted\]?|\[?filtered\]?|\**|x+|0|\{\}|\[\])$"
)
_HEXISH = re.compile(r"[0-9a-f-]{16,}")
# UK postcode, US ZIP(+4), or a 4-6 digit European code: not a package architecture like amd64.
_POSTAL_VALUE = re.compile(
    r"^(?:[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}|[0-9]{5}(?:-[0-9]{4})?|[0-9]{4,6})$")
_EMPTY_OBJECT = re.compile(r"[{\[][ \t]*[}\]]")
_ORDER_ID = re.compile(r"^[0-9]{3}-[0-9]{7}-[0-9]{7}$")
_NUMBER = re.compile(r"^-?[0-9]{1,3}\.[0-9]{3,}$")
_VALUE_OK: dict[str, Callable[[str], bool]] = {
    "any": lambda s: True,
    "email": lambda s: "@" in s,
    "digits": lambda s: sum(map(str.isdigit, s)) >= 7,
    "letters": lambda s: any(ch.isalpha() for ch in s) and not _HEXISH.fullmatch(s),
    "order": lambda s: bool(_ORDER_ID.match(s)),
    "number": lambda s: bool(_NUMBER.match(s)),
    "token": lambda s: len(s) >= 8,
    "postal": lambda s: bool(_POSTAL_VALUE.match(s)),
}


def key_rule(key: str) -> KeyRule | None:
    for matcher, rule in _KEY_MATCHERS:
        if matcher.match(key):
            return rule
    return None


def _keyed(line: str, m: re.Match[str]) -> Match | None:
    rule = key_rule(m.group("k"))
    value = m.group("v").strip("\"'")
    if rule is None or _PLACEHOLDER.match(value.strip()):
        return None
    if value in ("{", "["):
        if _EMPTY_OBJECT.match(line, m.start("v")):
            return None  # an empty object or list
    elif not _VALUE_OK[rule.value](value):
        return None
    return Match(rule.category, rule.confidence, m.start("v"), m.end("v"), m.group("v"),
                 "key:" + rule.category, rule.quasi)


register(Detector(
    "key", tuple(sorted({r.category for r in KEY_RULES.values()})),
    rf"[\"']?\b(?P<k>(?i:{_KEY_NAMES_GROUPED}))[\"']?[ \t]*[:=][ \t]*"
    r"(?P<v>\"[^\"\n]{1,500}\"|'[^'\n]{1,500}'|[{\[]|[^ \t,;&\"'}\]\n]{1,500})",
    _keyed,
    prefilter=rf"\b(?i:{_KEY_NAMES})[\"']?[ \t]*[:=]",
))


# --- scanning --------------------------------------------------------------------------------
def dedupe(matches: list[Match]) -> list[Match]:
    """Overlapping matches of one category collapse to the most confident one. In start order,
    only the last kept match of a category can overlap the next one: linear, not quadratic."""
    if len(matches) < 2:
        return matches
    kept: list[Match] = []
    last: dict[str, int] = {}  # category -> index in kept of its last match
    for mt in sorted(matches, key=lambda x: (x.start, -_RANK[x.confidence])):
        i = last.get(mt.category)
        if i is None or kept[i].end <= mt.start:
            last[mt.category] = len(kept)
            kept.append(mt)
        elif _RANK[mt.confidence] > _RANK[kept[i].confidence]:
            kept[i] = mt
    return kept


def scan_line(line: str, detectors: list[Detector] | None = None) -> list[Match]:
    """Every validated match in one line (no newline inside)."""
    found: list[Match] = []
    for det in detectors if detectors is not None else REGISTRY:
        found.extend(det.find(line))
    return dedupe(found)


def scan_text(text: str) -> list[Match]:
    """Every match in a text; offsets are relative to the whole text."""
    out: list[Match] = []
    offset = 0
    for line in text.split("\n"):
        for mt in scan_line(line):
            out.append(Match(mt.category, mt.confidence, mt.start + offset, mt.end + offset, mt.value,
                             mt.detector, mt.quasi))
        offset += len(line) + 1
    return out


def detector_categories() -> list[str]:
    return sorted({c for d in REGISTRY for c in d.categories})
