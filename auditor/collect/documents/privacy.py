"""GOV-6: fetch the public privacy policy over HTTPS and keep only facts about it, never its body."""

from __future__ import annotations

import re
import ssl
import urllib.error
import urllib.request
from datetime import datetime
from typing import Any

from auditor.collect.documents.records import to_rfc3339

_MAX_BYTES = 2 * 1024 * 1024
_UPDATED = re.compile(
    r"(?:last\s+updated|updated|effective(?:\s+date)?)\s*(?:on)?\s*[:\-]?\s*"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]+\s+\d{4})",
    re.IGNORECASE,
)
_LOGIN = re.compile(r"(login|signin|sign-in|auth)", re.IGNORECASE)


def _updated_date(text: str) -> str | None:
    m = _UPDATED.search(text)
    if not m:
        return None
    value = m.group(1)
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return str(to_rfc3339(datetime.strptime(value, fmt).date()))
        except ValueError:
            continue
    return None


def check_privacy_policy(
    url: str, keywords: list[str], ca_file: str | None, timeout: float
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "url": url,
        "http_status": None,
        "retrieved_over_https": False,
        "auth_required": None,
        "keywords_found": [],
        "last_updated_date": None,
        "error": None,
    }
    ctx = ssl.create_default_context(cafile=ca_file)
    req = urllib.request.Request(url, headers={"User-Agent": "dpp-auditor"})
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=ctx) as resp:
            status, final_url = resp.status, resp.geturl()
            body = resp.read(_MAX_BYTES).decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        out.update(
            http_status=exc.code,
            auth_required=exc.code in (401, 403),
            retrieved_over_https=exc.url.startswith("https://"),
        )
        return out
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        out["error"] = f"{type(reason).__name__}: {reason}"[:200]
        return out
    text = re.sub(r"<[^>]+>", " ", body)
    lowered = text.lower()
    out.update(
        http_status=status,
        retrieved_over_https=final_url.startswith("https://"),
        auth_required=bool(_LOGIN.search(final_url.split("?", 1)[0].rsplit("/", 1)[-1])),
        keywords_found=sorted(k for k in keywords if k.lower() in lowered),
        last_updated_date=_updated_date(text),
    )
    return out
