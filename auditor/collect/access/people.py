"""Persons: the people file (who exists, their job function) and the HR joiners/leavers export."""

from __future__ import annotations

import re
from typing import Any

from auditor.collect.access.identity import fingerprint, redact_email
from auditor.collect.access.tables import Row, RowError, as_list, as_time, read_rows

Errors = list[dict[str, Any]]
_EMPLOYMENT = {"active", "leaver", "contractor", "suspended", "joiner"}


_EMAIL = re.compile(r"[^\s'\"<>@,;]+@[^\s'\"<>@,;]+")


def bad_row(errors: Errors, row: Row, message: str) -> None:
    # A value echoed in the message may be an e-mail typed into the wrong column.
    clean = _EMAIL.sub(lambda m: redact_email(m.group(0)), message)
    errors.append({"file": row.file, "line": row.line, "message": clean})


def new_person(person_id: str) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "employment_status": "active",
        "job_function": None,
        "hr_start_date": None,
        "hr_leave_datetime": None,
        "hr_leave_datetime_inferred": False,
        "training_completed_at": None,
        "dpp_ack_at": None,
        "pii_handling_ack_at": None,
        "email_redacted": None,
        "email_fps": [],
    }


def _add_emails(person: dict[str, Any], key: bytes, emails: list[str]) -> None:
    for email in emails:
        fp = fingerprint(key, email)
        if fp not in person["email_fps"]:
            person["email_fps"].append(fp)
        if person["email_redacted"] is None:
            person["email_redacted"] = redact_email(email)


def import_people(path: str, key: bytes, errors: Errors) -> dict[str, dict[str, Any]]:
    persons: dict[str, dict[str, Any]] = {}
    for row in read_rows(path, "persons"):
        try:
            pid = str(row.require("person_id", "id", "employee_id"))
            if pid in persons:
                raise RowError(f"duplicate person_id {pid}")
            p = new_person(pid)
            status = str(row.get("employment_status", "status") or "active").lower()
            if status not in _EMPLOYMENT:
                raise RowError(f"employment_status: unknown value {status!r}")
            p["employment_status"] = status
            p["job_function"] = row.get("job_function", "function", "job_title")
            for field in ("training_completed_at", "dpp_ack_at", "pii_handling_ack_at"):
                p[field] = as_time(row.get(field), field)[0]
            _add_emails(p, key, as_list(row.get("email", "work_email")) + as_list(row.get("git_emails")))
        except RowError as exc:
            bad_row(errors, row, str(exc))
            continue
        persons[pid] = p
    return persons


def _find_by_email(persons: dict[str, dict[str, Any]], fp: str) -> dict[str, Any] | None:
    return next((p for p in persons.values() if fp in p["email_fps"]), None)


def import_hr(path: str, key: bytes, persons: dict[str, dict[str, Any]], errors: Errors) -> None:
    """Apply HR joiners/leavers; a leave date without a time means 23:59:59 Europe/London."""
    for row in read_rows(path, "events"):
        try:
            person = _hr_person(row, key, persons)
            start = as_time(row.get("start_date", "hire_date"), "start_date")[0]
            leave_raw = row.get("leave_datetime", "termination_datetime", "leave_date", "termination_date")
            if row.get("leave_time") and leave_raw:
                leave_raw = f"{leave_raw}T{row.get('leave_time')}"
            leave, inferred = as_time(leave_raw, "leave_date", end_of_day=True)
        except RowError as exc:
            bad_row(errors, row, str(exc))
            continue
        person["hr_start_date"] = start or person["hr_start_date"]
        person["job_function"] = row.get("job_function") or person["job_function"]
        if leave:
            person["employment_status"] = "leaver"
            person["hr_leave_datetime"] = leave
            person["hr_leave_datetime_inferred"] = inferred


def _hr_person(row: Row, key: bytes, persons: dict[str, dict[str, Any]]) -> dict[str, Any]:
    pid = row.get("person_id", "employee_id")
    email = row.get("email", "work_email")
    if pid is not None and str(pid) in persons:
        return persons[str(pid)]
    if email:
        found = _find_by_email(persons, fingerprint(key, str(email)))
        if found:
            return found
    if pid is None:
        raise RowError("no person_id and the e-mail matches no person")
    person = new_person(str(pid))
    if email:
        _add_emails(person, key, [str(email)])
    persons[str(pid)] = person
    return person
