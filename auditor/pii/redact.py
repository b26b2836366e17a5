"""Redacted forms of PII values: enough to recognise the kind of value, never enough to rebuild it."""

from __future__ import annotations

import re

from auditor.pii.categories import Category as C
from auditor.pii.validators import digits_of

_ORDER = re.compile(r"[0-9-]{19}")


def _initial(text: str) -> str:
    text = text.strip().strip("\"'")
    return (text[:1] + "***") if text else "***"


def _email(value: str) -> str:
    local, _, domain = value.strip("\"'").rpartition("@")
    labels = domain.split(".")
    tld = labels[-1] if len(labels) > 1 else ""
    head = f"{local[:1]}***@{labels[0][:1]}***"
    return f"{head}.{tld}" if tld else head


def _digits_tail(value: str, keep: int) -> str:
    digits = digits_of(value)
    if len(digits) <= keep + 4:
        return "*" * max(len(digits), 4)
    return "*" * (len(digits) - keep) + digits[-keep:]


def _ip(value: str) -> str:
    if ":" in value:
        return value.split(":", 1)[0] + ":****"
    return value.split(".", 1)[0] + ".x.x.x"


def _postal(value: str) -> str:
    v = value.strip().strip("\"'")
    if re.fullmatch(r"[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}", v):
        return v.replace(" ", "")[:-3] + " ***"  # outward code only
    if re.fullmatch(r"[A-Z]{2} [0-9]{5}(?:-[0-9]{4})?", v):
        return v[:2] + " *****"
    return _initial(v)


def _cookie(value: str) -> str:
    name, sep, _ = value.strip("\"'").partition("=")
    return f"{name[:32]}=***" if sep and re.fullmatch(r"[A-Za-z0-9_.-]{1,32}", name) else "***"


def _user_agent(value: str) -> str:
    m = re.match(r"[\"']?([A-Za-z]+)/", value)
    return f"{m.group(1)}/*** (***)" if m else "***"


def _mac(value: str) -> str:
    if re.fullmatch(r"[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}", value):
        sep = value[2]
        return sep.join(value.split(sep)[:3] + ["**"] * 3)
    return _digits_tail(value, 2) if len(digits_of(value)) >= 8 else "***"


_BY_CATEGORY = {
    C.email: _email,
    C.payment: lambda v: _digits_tail(v, 4) if len(digits_of(v)) >= 12 else "***",
    C.phone: lambda v: ("+" if v.strip("\"'").startswith("+") else "") + _digits_tail(v, 2),
    C.ip_address: _ip,
    C.postal_address: _postal,
    C.person_name: _initial,
    C.purchase: lambda v: "***-*******-****" + v[-3:] if _ORDER.fullmatch(v) else "***",
    C.cookie: _cookie,
    C.digital_fingerprint: _user_agent,
    C.geo_location: lambda v: "**.****, **.****",
    C.device_identifier: _mac,
    C.gift_message: lambda v: "***",
    C.survey_response: lambda v: "***",
}


def redact(category: str, value: str) -> str:
    """The redacted form of `value`; unknown categories redact completely."""
    fn = _BY_CATEGORY.get(category)  # type: ignore[call-overload]
    return fn(value) if fn is not None else "***"


def excerpt(category: str, value: str, field: str | None) -> str:
    """What a finding shows: the field name (if known) and the redacted value, nothing else of the line."""
    red = redact(category, value)
    return f"{field}={red}" if field else red
