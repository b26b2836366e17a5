"""The 13 DEF-1 PII categories and the confidence scale shared by every detector."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    person_name = "person_name"
    postal_address = "postal_address"
    email = "email"
    phone = "phone"
    gift_message = "gift_message"
    survey_response = "survey_response"
    payment = "payment"
    purchase = "purchase"
    cookie = "cookie"
    digital_fingerprint = "digital_fingerprint"
    ip_address = "ip_address"
    geo_location = "geo_location"
    device_identifier = "device_identifier"


CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)


class Confidence(StrEnum):
    """low = a quasi-identifier or pseudonymous reference (info until DEF-2 escalates it)."""

    low = "low"
    medium = "medium"
    high = "high"


RANK = {Confidence.low: 1, Confidence.medium: 2, Confidence.high: 3}
