"""Last pass before evidence leaves the collector: no e-mail survives in any field.

Person references (person_id, approved_by, reviewer ...) that were typed as e-mails become the
matching person's id, else a keyed fingerprint; e-mails inside free text are redacted.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.collect.access.identity import fingerprint, is_email, redact_email

_EMAIL = re.compile(r"[^\s'\"<>@,;:()]+@[^\s'\"<>@,;:()]+\.[A-Za-z]{2,}")
_TEXT_FIELDS = ("business_justification", "document_ref", "request_id", "message", "job_function", "devices")


def redact_text(value: Any) -> Any:
    if isinstance(value, str):
        return _EMAIL.sub(lambda m: redact_email(m.group(0)), value)
    if isinstance(value, list):
        return [redact_text(v) for v in value]
    return value


class _Refs:
    def __init__(self, persons: list[dict[str, Any]], key: bytes) -> None:
        self.key = key
        for p in persons:
            if isinstance(p["person_id"], str) and is_email(p["person_id"]):
                p["person_id"] = fingerprint(key, p["person_id"])
        self.by_fp = {fp: p["person_id"] for p in persons for fp in p.get("email_fps", [])}

    def __call__(self, value: Any) -> Any:
        if not (isinstance(value, str) and is_email(value)):
            return value
        fp = fingerprint(self.key, value)
        return self.by_fp.get(fp, fp)


def scrub(data: dict[str, Any], key: bytes) -> dict[str, Any]:
    ref = _Refs(data["persons"], key)
    for a in data["accounts"]:
        a["person_id"], a["approved_by"] = ref(a["person_id"]), ref(a["approved_by"])
        if a.get("exception"):
            a["exception"]["approved_by"] = ref(a["exception"]["approved_by"])
    for r in data["reviews"]:
        r["reviewer_person_id"] = ref(r["reviewer_person_id"])
    for r in data["revocation_requests"]:
        r["person_id"] = ref(r["person_id"])
    for section in (
        "persons",
        "accounts",
        "reviews",
        "revocation_requests",
        "import_errors",
        "roles",
        "role_matrix",
    ):
        for row in data[section]:
            for field in _TEXT_FIELDS:
                if field in row:
                    row[field] = redact_text(row[field])
    return data
