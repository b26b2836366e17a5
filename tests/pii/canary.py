"""Planted values of every DEF-1 category, for canary tests here and (later) for full `scan` outputs.

`CANARY_LINES` are log lines that each carry one value; `RAW_VALUES` are the raw strings that must
never appear in anything a scan writes or prints. They differ from the built-in self-test corpus
so a pass proves detection of values the product has never seen.
"""

from __future__ import annotations

# category -> (log line, raw value planted in it)
CANARIES: dict[str, tuple[str, str]] = {
    "person_name": ('{"event":"checkout","BuyerName":"Perpetua Quennell"}', "Perpetua Quennell"),
    "postal_address": ('{"ShippingAddress":{"AddressLine1":"42 Wistful Vista Road"}}',
                       "42 Wistful Vista Road"),
    "email": ("notify: q7.canary.zeta@marketplace.amazon.de accepted",
              "q7.canary.zeta@marketplace.amazon.de"),
    "phone": ("sms to +44 7911 123456 queued", "+44 7911 123456"),
    "gift_message": ('{"GiftMessageText":"Zebra marmalade forever"}', "Zebra marmalade forever"),
    "survey_response": ('survey_answer="Quixotic parcel experience"', "Quixotic parcel experience"),
    "payment": ("charge card=5555 5555 5555 4444 ok", "5555 5555 5555 4444"),
    "purchase": ("order 114-8271630-5529417 item ASIN B07QCANARY", "114-8271630-5529417"),
    "cookie": ("Cookie: sessionid=Zq81CanaryCookieValue77", "Zq81CanaryCookieValue77"),
    "digital_fingerprint": (
        'agent "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0 CanaryUA/9"',
        "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0 CanaryUA/9",
    ),
    "ip_address": ("connect from 151.101.66.217 port 51234", "151.101.66.217"),
    "geo_location": ("gps position 53.48095, -2.23743 fix", "53.48095, -2.23743"),
    "device_identifier": ("handset imei=490154203237518 registered", "490154203237518"),
}

CANARY_LINES: list[str] = [line for line, _ in CANARIES.values()]
RAW_VALUES: list[str] = [raw for _, raw in CANARIES.values()]


def assert_no_raw_values(text: str, where: str) -> None:
    for raw in RAW_VALUES:
        assert raw not in text, f"a raw canary value leaked into {where}"
        compact = raw.replace(" ", "")
        if len(compact) >= 8:
            assert compact not in text.replace(" ", ""), f"a raw canary value leaked into {where}"
