"""Registers: access reviews, the role catalogue, the role matrix and ad-hoc revocation requests."""

from __future__ import annotations

from typing import Any

from auditor.collect.access.people import Errors, bad_row
from auditor.collect.access.tables import RowError, as_bool, as_list, as_time, read_rows


def import_reviews(path: str, errors: Errors) -> list[dict[str, Any]]:
    out = []
    for row in read_rows(path, "reviews"):
        try:
            done = as_time(row.require("completed_at", "completed", "date"), "completed_at")[0]
            out.append(
                {
                    "system": str(row.require("system")),
                    "completed_at": done,
                    "reviewer_person_id": _opt_str(row.get("reviewer_person_id", "reviewer")),
                    "document_ref": _opt_str(row.get("document_ref", "document", "ref")),
                    "signed": as_bool(
                        row.get("signed") if row.get("signed") is not None else "true", "signed"
                    ),
                }
            )
        except RowError as exc:
            bad_row(errors, row, str(exc))
    return out


def import_roles(path: str, errors: Errors) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for row in read_rows(path, "roles"):
        try:
            role_id = str(row.require("role_id", "role"))
            if any(r["role_id"] == role_id for r in out):
                raise RowError(f"duplicate role_id {role_id}")
            out.append(
                {
                    "role_id": role_id,
                    "grants_amazon_data": as_bool(row.get("grants_amazon_data"), "grants_amazon_data"),
                    "grants_pii": as_bool(row.get("grants_pii"), "grants_pii"),
                    "privileged": as_bool(row.get("privileged"), "privileged"),
                    "ssh_login": as_bool(row.get("ssh_login"), "ssh_login"),
                    "production": as_bool(
                        row.get("production") if row.get("production") is not None else "true", "production"
                    ),
                    "break_glass": as_bool(row.get("break_glass"), "break_glass"),
                    "data_scopes": as_list(row.get("data_scopes", "scopes")),
                    "allowed_job_functions": as_list(row.get("allowed_job_functions")),
                }
            )
        except RowError as exc:
            bad_row(errors, row, str(exc))
    return out


def import_role_matrix(path: str, errors: Errors) -> list[dict[str, Any]]:
    out = []
    for row in read_rows(path, "role_matrix"):
        try:
            out.append(
                {
                    "job_function": str(row.require("job_function", "function")),
                    "allowed_roles": as_list(row.get("allowed_roles", "roles")),
                    "allowed_data_scopes": as_list(row.get("allowed_data_scopes", "data_scopes")),
                }
            )
        except RowError as exc:
            bad_row(errors, row, str(exc))
    return out


def import_revocation_requests(path: str, errors: Errors) -> list[dict[str, Any]]:
    out = []
    for row in read_rows(path, "requests"):
        try:
            out.append(
                {
                    "request_id": str(row.require("request_id", "id", "ticket")),
                    "system": _opt_str(row.get("system")),
                    "person_id": _opt_str(row.get("person_id")),
                    "requested_at": as_time(row.require("requested_at"), "requested_at")[0],
                    "completed_at": as_time(row.get("completed_at"), "completed_at")[0],
                }
            )
        except RowError as exc:
            bad_row(errors, row, str(exc))
    return out


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)
