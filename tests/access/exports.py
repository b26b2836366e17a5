"""Generated access exports: a clean organisation, and switches that inject one defect each.

Evaluation time is NOW; every date is placed relative to it. Host system "host:app1".
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

NOW = "2026-11-27T10:00:00Z"
HOST = "host:app1"
KEY_ALICE = "SHA256:alicekeyalicekeyalicekeyalicekeyalicekey000"
KEY_BOB = "SHA256:bobkeybobkeybobkeybobkeybobkeybobkeybob0000"

PEOPLE = [
    {
        "person_id": "P-001",
        "email": "alice.archer@example.com",
        "job_function": "Developer",
        "git_emails": "alice.archer@example.com;alice@users.noreply.github.com",
        "dpp_ack_at": "2026-02-01",
        "training_completed_at": "2026-02-01",
        "pii_handling_ack_at": "2026-02-01",
    },
    {
        "person_id": "P-002",
        "email": "bob.baker@example.com",
        "job_function": "Operations Lead",
        "git_emails": "bob.baker@example.com",
        "dpp_ack_at": "2026-02-01",
        "training_completed_at": "2026-02-01",
        "pii_handling_ack_at": "2026-02-01",
    },
    {
        "person_id": "P-003",
        "email": "carol.cook@example.com",
        "job_function": "Customer Service",
        "git_emails": "",
        "dpp_ack_at": "2026-02-01",
        "training_completed_at": "2026-02-01",
        "pii_handling_ack_at": "2026-02-01",
    },
    {
        "person_id": "P-004",
        "email": "dave.dyer@example.com",
        "job_function": "Developer",
        "git_emails": "dave.dyer@example.com",
        "dpp_ack_at": "2026-02-01",
        "training_completed_at": "2026-02-01",
        "pii_handling_ack_at": "2026-02-01",
    },
    {
        "person_id": "P-005",
        "email": "erin.ellis@example.com",
        "job_function": "Finance",
        "git_emails": "",
        "dpp_ack_at": "2026-02-01",
        "training_completed_at": "2026-02-01",
        "pii_handling_ack_at": "2026-02-01",
    },
]

HR = [
    {
        "person_id": "P-004",
        "email": "",
        "event": "leaver",
        "start_date": "2024-03-01",
        "leave_date": "2026-11-10",
        "leave_time": "17:00:00Z",
    },
    {
        "person_id": "P-005",
        "email": "",
        "event": "leaver",
        "start_date": "2023-01-09",
        "leave_date": "2026-10-31",
        "leave_time": "",
    },  # date only: 23:59:59 Europe/London
]

ROLES = [
    {"role_id": "ssh-user", "ssh_login": "true", "data_scopes": ""},
    {"role_id": "ssh-admin", "ssh_login": "true", "privileged": "true", "data_scopes": "amazon_orders"},
    {
        "role_id": "aws-admin",
        "privileged": "true",
        "grants_amazon_data": "true",
        "data_scopes": "amazon_orders;amazon_pii",
    },
    {"role_id": "aws-dev", "data_scopes": "", "production": "false"},
    {
        "role_id": "orders-read",
        "grants_amazon_data": "true",
        "grants_pii": "true",
        "data_scopes": "amazon_orders;amazon_pii",
    },
    {"role_id": "sso-user", "data_scopes": ""},
    {"role_id": "deploy-svc", "data_scopes": "", "allowed_job_functions": ""},
    {"role_id": "break-glass", "privileged": "true", "break_glass": "true", "data_scopes": "*"},
]

MATRIX = [
    {"job_function": "Developer", "allowed_roles": "ssh-user;aws-dev;sso-user", "allowed_data_scopes": ""},
    {
        "job_function": "Operations Lead",
        "allowed_roles": "ssh-user;ssh-admin;aws-admin;sso-user",
        "allowed_data_scopes": "amazon_orders;amazon_pii",
    },
    {
        "job_function": "Customer Service",
        "allowed_roles": "sso-user;orders-read",
        "allowed_data_scopes": "amazon_orders;amazon_pii",
    },
    {"job_function": "Finance", "allowed_roles": "sso-user", "allowed_data_scopes": ""},
]

_REVIEWED = "2026-10-15"
_JUST = {
    "business_justification": "Exports orders for despatch",
    "approved_by": "P-002",
    "approved_at": "2026-03-01T09:00:00Z",
}


def _acc(person: str, system: str, username: str, roles: str, **extra: str) -> dict[str, str]:
    row = {
        "person_id": person,
        "system": system,
        "username": username,
        "account_type": "human",
        "roles": roles,
        "status": "active",
        "created": "2025-01-06",
        "last_review": _REVIEWED,
        "review_outcome": "keep",
        "revoked_at": "",
        "ssh_key_fingerprints": "",
        "business_justification": "",
        "approved_by": "",
        "approved_at": "",
        "revocation_method": "manual_runbook",
        "sealed": "",
        "direct_permissions": "",
    }
    row.update(extra)
    return row


def accounts() -> list[dict[str, str]]:
    bob_just = {**_JUST, "business_justification": "Administers the order database", "approved_by": "P-001"}
    return [
        _acc("P-001", HOST, "alice", "ssh-user", ssh_key_fingerprints=KEY_ALICE),
        _acc("P-002", HOST, "bob", "ssh-user;ssh-admin", ssh_key_fingerprints=KEY_BOB),
        _acc("P-004", HOST, "dave", "ssh-user", status="revoked", revoked_at="2026-11-11T09:00:00Z"),
        _acc("", HOST, "deploy", "deploy-svc", account_type="service"),
        _acc("P-001", "aws", "alice", "aws-dev"),
        _acc("P-002", "aws", "bob", "aws-admin", **bob_just),
        _acc("P-004", "aws", "dave", "aws-dev", status="revoked", revoked_at="2026-11-10T20:00:00Z"),
        _acc("", "aws", "<root_account>", "break-glass", account_type="break_glass", sealed="true"),
        _acc("P-001", "okta", "alice.archer@example.com", "sso-user", revocation_method="sso"),
        _acc("P-002", "okta", "bob.baker@example.com", "sso-user", revocation_method="sso"),
        _acc(
            "P-003",
            "okta",
            "carol.cook@example.com",
            "sso-user;orders-read",
            revocation_method="sso",
            **{**_JUST, "approved_by": "P-002"},
        ),
        _acc("P-004", "okta", "dave.dyer@example.com", "sso-user", revocation_method="sso"),
        _acc("P-005", "okta", "erin.ellis@example.com", "sso-user", revocation_method="sso"),
    ]


AWS_HEADER = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
)


def _aws_row(user: str, pw: str, last: str, key1: str = "false") -> str:
    arn = (
        "arn:aws:iam::123456789012:root"
        if user == "<root_account>"
        else f"arn:aws:iam::123456789012:user/{user}"
    )
    pw_field = "not_supported" if user == "<root_account>" else pw
    return (
        f"{user},{arn},2025-01-06T09:00:00+00:00,{pw_field},{last},N/A,N/A,true,{key1},N/A,N/A,N/A,N/A,"
        "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
    )


def aws_rows() -> list[str]:
    return [
        _aws_row("<root_account>", "", "no_information"),
        _aws_row("alice", "true", "2026-11-20T08:00:00+00:00"),
        _aws_row("bob", "true", "2026-11-25T08:00:00+00:00", key1="true"),
        _aws_row("dave", "false", "2026-11-10T15:00:00+00:00"),
    ]


OKTA_HEADER = "id,status,created,activated,statusChanged,lastLogin,lastUpdated,login,firstName,lastName,email"


def okta_rows() -> list[str]:
    def row(uid: str, status: str, changed: str, last: str, login: str, first: str, last_name: str) -> str:
        return (
            f"{uid},{status},2025-01-06T09:00:00.000Z,2025-01-06T09:00:00.000Z,{changed},{last},"
            f"{changed},{login},{first},{last_name},{login}"
        )

    return [
        row(
            "00u1",
            "ACTIVE",
            "2025-01-06T09:00:00.000Z",
            "2026-11-26T08:00:00.000Z",
            "alice.archer@example.com",
            "Alice",
            "Archer",
        ),
        row(
            "00u2",
            "ACTIVE",
            "2025-01-06T09:00:00.000Z",
            "2026-11-26T08:00:00.000Z",
            "bob.baker@example.com",
            "Bob",
            "Baker",
        ),
        row(
            "00u3",
            "ACTIVE",
            "2025-01-06T09:00:00.000Z",
            "2026-11-26T08:00:00.000Z",
            "carol.cook@example.com",
            "Carol",
            "Cook",
        ),
        row(
            "00u4",
            "DEPROVISIONED",
            "2026-11-10T18:00:00.000Z",
            "2026-11-10T16:00:00.000Z",
            "dave.dyer@example.com",
            "Dave",
            "Dyer",
        ),
        row(
            "00u5",
            "DEPROVISIONED",
            "2026-11-01T00:30:00.000Z",
            "2026-10-31T16:00:00.000Z",
            "erin.ellis@example.com",
            "Erin",
            "Ellis",
        ),
    ]


REVIEWS = [
    {
        "system": s,
        "completed_at": "2026-10-15T16:00:00Z",
        "reviewer_person_id": "P-002",
        "document_ref": f"REV-2026-Q4-{s}",
        "signed": "true",
    }
    for s in (HOST, "aws", "okta")
]

REVOCATIONS = [
    {
        "request_id": "RQ-17",
        "system": "okta",
        "person_id": "P-003",
        "requested_at": "2026-09-02T10:00:00Z",
        "completed_at": "2026-09-02T11:30:00Z",
    },
]


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> str:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


def _write_lines(path: Path, header: str, rows: list[str]) -> str:
    path.write_text("\n".join([header, *rows]) + "\n")
    return str(path)


def write_exports(folder: Path, mutate: Any = None) -> dict[str, Any]:
    """Write every export; `mutate(tables)` may change the row lists first. Returns the access section."""
    tables: dict[str, Any] = {
        "people": [dict(r) for r in PEOPLE],
        "hr": [dict(r) for r in HR],
        "roles": [dict(r) for r in ROLES],
        "matrix": [dict(r) for r in MATRIX],
        "accounts": accounts(),
        "aws": aws_rows(),
        "okta": okta_rows(),
        "reviews": [dict(r) for r in REVIEWS],
        "revocations": [dict(r) for r in REVOCATIONS],
    }
    if mutate:
        mutate(tables)
    folder.mkdir(parents=True, exist_ok=True)
    for rows in tables.values():  # DictWriter needs every key in the header
        if rows and isinstance(rows[0], dict):
            keys = list(dict.fromkeys(k for r in rows for k in r))
            for r in rows:
                for k in keys:
                    r.setdefault(k, "")
    return {
        "people_file": _write_csv(folder / "people.csv", tables["people"]),
        "hr_file": _write_csv(folder / "hr.csv", tables["hr"]),
        "roles_file": _write_csv(folder / "roles.csv", tables["roles"]),
        "role_matrix_file": _write_csv(folder / "role_matrix.csv", tables["matrix"]),
        "accounts_files": [_write_csv(folder / "accounts.csv", tables["accounts"])],
        "aws_credential_report_file": _write_lines(
            folder / "aws_credential_report.csv", AWS_HEADER, tables["aws"]
        ),
        "okta_users_file": _write_lines(folder / "okta_users.csv", OKTA_HEADER, tables["okta"]),
        "reviews_file": _write_csv(folder / "reviews.csv", tables["reviews"]),
        "revocation_requests_file": _write_csv(folder / "revocation_requests.csv", tables["revocations"]),
    }
