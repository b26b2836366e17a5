"""Accounts: the generic register (CSV/YAML) merged with system exports (AWS, Okta, Google).

The register carries governance facts (person, roles, reviews, approvals); an export is the
system of record for status and last login. Both are keyed by (system, username).
"""

from __future__ import annotations

from typing import Any

from auditor.collect.access.identity import fingerprint, is_email, public_username
from auditor.collect.access.people import Errors, bad_row
from auditor.collect.access.tables import Row, RowError, as_bool, as_list, as_time, read_rows

ACCOUNT_TYPES = {"human", "service", "shared", "generic", "break_glass", "external_auditor"}
_STATUS = {
    "active": "active",
    "enabled": "active",
    "disabled": "disabled",
    "locked": "disabled",
    "suspended": "disabled",
    "revoked": "revoked",
    "deleted": "deleted",
    "removed": "deleted",
}
_OUTCOMES = {"keep", "remove", "modify"}
_REVOCATION = {"sso", "directory", "manual_runbook"}

Key = tuple[str, str]


def new_account(key: bytes, system: str, username: str) -> dict[str, Any]:
    shown, fp = public_username(key, username)
    return {
        "account_id": f"{system}:{fp or username}",
        "person_id": None,
        "system": system,
        "username": shown,
        "username_fp": fp,
        "account_type": "human",
        "status": "active",
        "roles": [],
        "direct_permissions": [],
        "created": None,
        "last_access_review_date": None,
        "review_outcome": None,
        "revoked_at": None,
        "revoked_at_inferred": False,
        "last_login_at": None,
        "ssh_key_fingerprints": [],
        "business_justification": None,
        "approved_by": None,
        "approved_at": None,
        "revocation_method": None,
        "sealed": False,
        "exception": None,
        "devices": [],
        "mfa_active": None,
        "sources": [],
    }


def _status(value: Any) -> str:
    status = _STATUS.get(str(value or "active").strip().lower())
    if status is None:
        raise RowError(f"status: unknown value {value!r}")
    return status


def _choice(value: Any, allowed: set[str], field: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip().lower()
    if text not in allowed:
        raise RowError(f"{field}: unknown value {value!r} (one of {', '.join(sorted(allowed))})")
    return text


def _register_fields(row: Row) -> dict[str, Any]:
    f: dict[str, Any] = {
        "person_id": row.get("person_id", "person"),
        "account_type": _choice(row.get("account_type", "type") or "human", ACCOUNT_TYPES, "account_type"),
        "status": _status(row.get("status")),
        "roles": as_list(row.get("roles", "role")),
        "direct_permissions": as_list(row.get("direct_permissions")),
        "created": as_time(row.get("created", "created_at"), "created")[0],
        "last_access_review_date": as_time(row.get("last_review", "last_access_review_date"), "last_review")[
            0
        ],
        "review_outcome": _choice(row.get("review_outcome"), _OUTCOMES, "review_outcome"),
        "last_login_at": as_time(row.get("last_login_at", "last_login"), "last_login_at")[0],
        "ssh_key_fingerprints": as_list(row.get("ssh_key_fingerprints", "ssh_keys")),
        "business_justification": row.get("business_justification", "justification"),
        "approved_by": row.get("approved_by"),
        "approved_at": as_time(row.get("approved_at"), "approved_at")[0],
        "revocation_method": _choice(row.get("revocation_method"), _REVOCATION, "revocation_method"),
        "sealed": as_bool(row.get("sealed"), "sealed"),
        "devices": as_list(row.get("devices")),
    }
    f["revoked_at"], f["revoked_at_inferred"] = as_time(row.get("revoked_at"), "revoked_at", end_of_day=True)
    if row.get("exception_approved_by", "exception_expires_at"):
        f["exception"] = {
            "approved_by": row.get("exception_approved_by"),
            "approved_at": as_time(row.get("exception_approved_at"), "exception_approved_at")[0],
            "expires_at": as_time(row.get("exception_expires_at"), "exception_expires_at", end_of_day=True)[
                0
            ],
        }
    if f["person_id"] is not None:
        f["person_id"] = str(f["person_id"])
    return f


def import_register(path: str, key: bytes, accounts: dict[Key, dict[str, Any]], errors: Errors) -> None:
    for row in read_rows(path, "accounts"):
        try:
            system = str(row.require("system")).strip()
            username = str(row.require("username", "user", "login")).strip()
            fields = _register_fields(row)
        except RowError as exc:
            bad_row(errors, row, str(exc))
            continue
        k = (system, username.lower())
        if k in accounts and "register" in accounts[k]["sources"]:
            bad_row(errors, row, f"duplicate account {system}:{public_username(key, username)[0]}")
            continue
        acc = accounts.setdefault(k, new_account(key, system, username))
        acc.update(fields)
        if row.get("account_id"):
            acc["account_id"] = str(row.get("account_id"))
        acc["sources"].append("register")


def merge_export(
    accounts: dict[Key, dict[str, Any]],
    key: bytes,
    system: str,
    username: str,
    facts: dict[str, Any],
    source: str,
) -> None:
    """Overlay export facts; the export is authoritative for status and logins."""
    acc = accounts.setdefault((system, username.lower()), new_account(key, system, username))
    for field, value in facts.items():
        if value is not None and not (field == "revocation_method" and acc.get(field)):
            acc[field] = value
    acc["sources"].append(source)


def _latest(*values: str | None) -> str | None:
    present = [v for v in values if v]
    return max(present) if present else None


def import_aws(path: str, key: bytes, accounts: dict[Key, dict[str, Any]], errors: Errors) -> None:
    """AWS IAM credential report: active = console password or an active access key."""
    for row in read_rows(path):
        try:
            user = str(row.require("user"))
            pw = as_bool(
                row.get("password_enabled") if row.get("password_enabled") != "not_supported" else "",
                "password_enabled",
            )
            keys = [as_bool(row.get(f"access_key_{i}_active"), "access_key_active") for i in (1, 2)]
            used = [
                as_time(row.get(c), c)[0]
                for c in ("password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date")
            ]
            facts = {
                "status": "active" if pw or any(keys) else "disabled",
                "created": as_time(row.get("user_creation_time"), "user_creation_time")[0],
                "last_login_at": _latest(*used),
                "mfa_active": as_bool(row.get("mfa_active"), "mfa_active"),
            }
        except RowError as exc:
            bad_row(errors, row, str(exc))
            continue
        if user == "<root_account>":
            facts["account_type"] = "break_glass"
        merge_export(accounts, key, "aws", user, facts, "aws_credential_report")


_OKTA_STATUS = {
    "ACTIVE": "active",
    "PASSWORD_EXPIRED": "active",
    "LOCKED_OUT": "active",
    "RECOVERY": "active",
    "STAGED": "disabled",
    "PROVISIONED": "active",
    "SUSPENDED": "disabled",
    "DEPROVISIONED": "revoked",
}


def import_okta(path: str, key: bytes, accounts: dict[Key, dict[str, Any]], errors: Errors) -> None:
    for row in read_rows(path):
        try:
            login = str(row.require("login", "username"))
            raw = str(row.require("status")).strip().upper()
            if raw not in _OKTA_STATUS:
                raise RowError(f"status: unknown Okta status {raw!r}")
            status = _OKTA_STATUS[raw]
            changed, inferred = as_time(
                row.get("statuschanged", "status_changed"), "statusChanged", end_of_day=True
            )
            facts = {
                "status": status,
                "created": as_time(row.get("created"), "created")[0],
                "last_login_at": as_time(row.get("lastlogin", "last_login"), "lastLogin")[0],
                "revoked_at": changed if status != "active" else None,
                "revoked_at_inferred": inferred if status != "active" else None,
                "revocation_method": "sso",
            }
        except RowError as exc:
            bad_row(errors, row, str(exc))
            continue
        merge_export(accounts, key, "okta", login, facts, "okta_users")
        _remember_email(accounts, key, "okta", login, row.get("email", "primary_email"))


def import_google(path: str, key: bytes, accounts: dict[Key, dict[str, Any]], errors: Errors) -> None:
    for row in read_rows(path):
        try:
            email = str(row.require("email_address_required", "email_address", "primary_email"))
            raw = str(row.require("status_read_only", "status")).strip().lower()
            if raw not in ("active", "suspended", "archived"):
                raise RowError(f"status: unknown Google status {raw!r}")
            facts = {
                "status": "active" if raw == "active" else "disabled",
                "last_login_at": as_time(row.get("last_sign_in_read_only", "last_sign_in"), "Last Sign In")[
                    0
                ],
                "revocation_method": "directory",
            }
        except RowError as exc:
            bad_row(errors, row, str(exc))
            continue
        merge_export(accounts, key, "google", email, facts, "google_users")


def _remember_email(
    accounts: dict[Key, dict[str, Any]], key: bytes, system: str, login: str, email: Any
) -> None:
    if email and is_email(str(email)):
        accounts[(system, login.lower())]["email_fp"] = fingerprint(key, str(email))


def link_persons(accounts: dict[Key, dict[str, Any]], persons: dict[str, dict[str, Any]]) -> None:
    """Accounts without a person id are linked by e-mail fingerprint (login or e-mail column)."""
    by_fp = {fp: p["person_id"] for p in persons.values() for fp in p["email_fps"]}
    for acc in accounts.values():
        fp = acc.pop("email_fp", None) or acc["username_fp"]
        if acc["person_id"] is None and fp in by_fp:
            acc["person_id"] = by_fp[fp]
