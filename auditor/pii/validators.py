"""Pure checks that turn regex candidates into findings: checksums, ranges, reference lists."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NUMBER_PUNCT = str.maketrans("", "", " \t-.()/+\"'")  # never digits nor letters


def digits_of(value: str) -> str:
    """The digits of a value in order, as `str.isdigit` reads them (a fast path for the usual
    digits-and-separators value)."""
    bare = value.translate(_NUMBER_PUNCT)
    if bare.isdigit() and bare.isascii():
        return bare
    return "".join(filter(str.isdigit, value))


# UK postcode areas (Royal Mail); a candidate whose letters are not an area is not a postcode.
UK_AREAS = words(
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT "
    "DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE "
    "LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM "
    "SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
)

US_STATES = words(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
)

# (prefix ranges, allowed lengths) per card network: the IIN check after Luhn.
IIN: tuple[tuple[tuple[int, int], frozenset[int]], ...] = (
    ((4, 4), frozenset({13, 16, 19})),  # Visa
    ((51, 55), frozenset({16})),  # Mastercard
    ((2221, 2720), frozenset({16})),  # Mastercard 2-series
    ((34, 34), frozenset({15})),  # Amex
    ((37, 37), frozenset({15})),
    ((6011, 6011), frozenset(range(16, 20))),  # Discover
    ((644, 649), frozenset(range(16, 20))),
    ((65, 65), frozenset(range(16, 20))),
    ((3528, 3589), frozenset(range(16, 20))),  # JCB
    ((300, 305), frozenset(range(14, 20))),  # Diners
    ((36, 36), frozenset(range(14, 20))),
    ((38, 39), frozenset(range(16, 20))),
    ((62, 62), frozenset(range(16, 20))),  # UnionPay
    ((5018, 5018), frozenset(range(12, 20))),  # Maestro
    ((5020, 5020), frozenset(range(12, 20))),
    ((5038, 5038), frozenset(range(12, 20))),
    ((6304, 6304), frozenset(range(12, 20))),
    ((6759, 6763), frozenset(range(12, 20))),
)

IMEI_REPORTING_BODIES = ("01", "35", "49", "86", "99")


_LUHN_DOUBLED = str.maketrans("0123456789", "0246813579")  # 2d, less 9 when that is two digits


def luhn_ok(digits: str) -> bool:
    """Luhn checksum of an ASCII digit string (sums of byte values: no Python loop per digit)."""
    total = sum(digits[-1::-2].encode()) + sum(digits[-2::-2].translate(_LUHN_DOUBLED).encode())
    return (total - 48 * len(digits)) % 10 == 0


def _iin_table() -> dict[str, frozenset[int]]:
    """Every IIN prefix (as text) -> the card lengths it allows: one dict lookup per prefix width."""
    table: dict[str, set[int]] = {}
    for (lo, hi), lengths in IIN:
        for prefix in range(lo, hi + 1):
            table.setdefault(str(prefix), set()).update(lengths)
    return {k: frozenset(v) for k, v in table.items()}


_IIN_LENGTHS = _iin_table()


def card_network_ok(digits: str) -> bool:
    n, get = len(digits), _IIN_LENGTHS.get
    return n in get(digits[:1], ()) or n in get(digits[:2], ()) or n in get(digits[:3], ()) \
        or n in get(digits[:4], ())


def is_card(digits: str) -> bool:
    return 12 <= len(digits) <= 19 and card_network_ok(digits) and luhn_ok(digits)


def is_imei(digits: str) -> bool:
    return len(digits) == 15 and digits[:2] in IMEI_REPORTING_BODIES and luhn_ok(digits)


def iban_ok(text: str) -> bool:
    s = text.replace(" ", "").upper()
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    rearranged = s[4:] + s[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def uk_postcode_ok(text: str) -> bool:
    outward = text.replace(" ", "")[:-3]
    area = outward[:2] if len(outward) > 1 and outward[1].isalpha() else outward[:1]
    return area in UK_AREAS


# Non-global IPv4 blocks (RFC 6890 and friends) as (first octet, mask, network) tests on the
# 32-bit value: far cheaper than the ipaddress module on the hot path.
_V4_NOT_GLOBAL: tuple[tuple[int, int], ...] = tuple(
    (int(net), (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF)
    for net, bits in (
        (0x00000000, 8), (0x0A000000, 8), (0x64400000, 10), (0x7F000000, 8), (0xA9FE0000, 16),
        (0xAC100000, 12), (0xC0000000, 24), (0xC0000200, 24), (0xC0586300, 24), (0xC0A80000, 16),
        (0xC6120000, 15), (0xC6336400, 24), (0xCB007100, 24), (0xE0000000, 3),
    )
)


# First octets that some non-global block starts with: any other first octet is public at once.
_V4_NOT_GLOBAL_FIRST = frozenset(
    first for first in range(256)
    if any((first << 24) & mask == net & mask & 0xFF000000 for net, mask in _V4_NOT_GLOBAL)
)
_DOTTED_QUAD = re.compile(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}", re.ASCII)


def ipv4_public(text: str) -> bool | None:
    """True/False for a dotted quad (global or not), None when it is not one."""
    if _DOTTED_QUAD.fullmatch(text) is None:
        return None
    a, b, c, d = map(int, text.split("."))
    if a > 255 or b > 255 or c > 255 or d > 255:
        return None
    if a not in _V4_NOT_GLOBAL_FIRST:
        return True
    value = (a << 24) | (b << 16) | (c << 8) | d
    return not any(value & mask == net for net, mask in _V4_NOT_GLOBAL)


@lru_cache(maxsize=65536)  # addresses repeat a lot in logs
def ip_class(text: str) -> str | None:
    """'public'; 'private' for a non-global IPv6 address; None otherwise (not an address, or an
    IPv4 address that is not global)."""
    if ":" not in text:
        public = ipv4_public(text)
        if public is None:
            return None
        return "public" if public else None
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified or ip.is_multicast or ip.is_link_local or ip.is_reserved:
        return None
    return "public" if ip.is_global else "private"


def mac_ok(text: str) -> bool:
    octets = text.replace("-", ":").lower().split(":")
    return not (len(set(octets)) == 1 and octets[0] in ("00", "ff"))


def lat_long_ok(lat: str, lon: str) -> bool:
    try:
        a, b = float(lat), float(lon)
    except ValueError:
        return False
    return -90 <= a <= 90 and -180 <= b <= 180 and not (abs(a) < 0.01 and abs(b) < 0.01)
