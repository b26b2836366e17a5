"""access.list: one evidence document from every configured access export."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, ClassVar

from auditor.collect.access import accounts as acc
from auditor.collect.access import registers as reg
from auditor.collect.access.identity import fingerprint_key, is_email
from auditor.collect.access.people import import_hr, import_people
from auditor.collect.access.privacy import scrub
from auditor.collect.access.settings import AccessSettings
from auditor.collect.base import CollectContext, Collector
from auditor.errors import CollectorError
from auditor.models import ErrorKind, FileProvenance, TargetKind

_HINT = "set access.* in dpp-auditor.yaml"


def _record_files(ctx: CollectContext, paths: list[str]) -> None:
    for path in paths:
        data = Path(path).read_bytes()
        ctx.provenance.files.append(FileProvenance(path=path, sha256=hashlib.sha256(data).hexdigest()))


_OPTIONAL_TIMES = ("training_completed_at", "dpp_ack_at", "pii_handling_ack_at")


def _without_unknown(person: dict[str, Any]) -> dict[str, Any]:
    """Acknowledgement times are absent, not null, when never given: rules read absence as missing."""
    return {k: v for k, v in person.items() if not (k in _OPTIONAL_TIMES and v is None)}


def _flag_generic(accounts: dict[acc.Key, dict[str, Any]], regex: re.Pattern[str] | None) -> None:
    """Generic mailbox names hide behind redaction (admin@x -> a***@x***): decide them here."""
    for (_, username), account in accounts.items():
        local = username.partition("@")[0] if is_email(username) else username
        account["generic_login"] = bool(regex and regex.match(local))


def build_access_list(
    settings: AccessSettings, key: bytes, generic_regex: re.Pattern[str] | None = None
) -> dict[str, Any]:
    errors: list[dict[str, Any]] = []
    persons = import_people(settings.people_file, key, errors) if settings.people_file else {}
    if settings.hr_file:
        import_hr(settings.hr_file, key, persons, errors)
    accounts: dict[acc.Key, dict[str, Any]] = {}
    for path in settings.accounts_files:
        acc.import_register(path, key, accounts, errors)
    exports = (
        (settings.aws_credential_report_file, acc.import_aws),
        (settings.okta_users_file, acc.import_okta),
        (settings.google_users_file, acc.import_google),
    )
    for export, importer in exports:
        if export:
            importer(export, key, accounts, errors)
    acc.link_persons(accounts, persons)
    _flag_generic(accounts, generic_regex)
    return scrub(_document(settings, persons, accounts, errors), key)


def _document(
    settings: AccessSettings,
    persons: dict[str, dict[str, Any]],
    accounts: dict[acc.Key, dict[str, Any]],
    errors: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "persons": [_without_unknown(p) for p in sorted(persons.values(), key=lambda p: p["person_id"])],
        "accounts": sorted(accounts.values(), key=lambda a: a["account_id"]),
        "roles": reg.import_roles(settings.roles_file, errors) if settings.roles_file else [],
        "reviews": reg.import_reviews(settings.reviews_file, errors) if settings.reviews_file else [],
        "role_matrix": reg.import_role_matrix(settings.role_matrix_file, errors)
        if settings.role_matrix_file
        else [],
        "revocation_requests": (
            reg.import_revocation_requests(settings.revocation_requests_file, errors)
            if settings.revocation_requests_file
            else []
        ),
        "import_errors": errors,
        "sources": {
            "people": bool(settings.people_file),
            "hr": bool(settings.hr_file),
            "reviews": bool(settings.reviews_file),
            "roles": bool(settings.roles_file),
            "role_matrix": bool(settings.role_matrix_file),
            "revocation_requests": bool(settings.revocation_requests_file),
        },
    }


class AccessListCollector(Collector):
    id: ClassVar[str] = "access.list"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.access})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        raw = ctx.settings.get("access")
        if not raw:
            raise CollectorError(ErrorKind.unsupported, "no access list configured", hint=_HINT)
        settings = AccessSettings.model_validate(raw)
        files = settings.configured_files()
        if not files:
            raise CollectorError(ErrorKind.unsupported, "no access list configured", hint=_HINT)
        pattern = ctx.params.get("generic_name_regex")
        try:
            regex = re.compile(str(pattern)) if pattern else None
        except re.error:
            raise CollectorError(ErrorKind.parse, "params.generic_name_regex is not a valid regex") from None
        data = build_access_list(settings, fingerprint_key(ctx.settings), regex)
        _record_files(ctx, files)
        return data
