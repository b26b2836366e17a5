"""access.list importers: every export format, bad rows with file:line, no e-mail in evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from auditor.collect.access.collector import build_access_list
from auditor.collect.access.identity import redact_email
from auditor.collect.access.settings import AccessSettings
from tests.access.conftest import collect
from tests.access.exports import write_exports

KEY = b"unit-test-key-0123456789"


def _build(**files: Any) -> dict[str, Any]:
    return build_access_list(AccessSettings.model_validate(files), KEY, re.compile("^(admin|deploy)$"))


def test_redaction_keeps_only_first_letters_and_tld() -> None:
    assert redact_email("john.smith@example.com") == "j***@e***.com"
    assert redact_email("x@localhost") == "x***@l***"


def test_hr_date_only_means_end_of_day_in_london(tmp_path: Path) -> None:
    hr = tmp_path / "hr.csv"
    hr.write_text(
        "person_id,leave_date,leave_time\nP-1,2026-07-15,\nP-2,2026-12-01,\nP-3,2026-07-15,09:30:00+01:00\n"
    )
    persons = {p["person_id"]: p for p in _build(hr_file=str(hr))["persons"]}
    assert persons["P-1"]["hr_leave_datetime"] == "2026-07-15T22:59:59Z"  # BST
    assert persons["P-1"]["hr_leave_datetime_inferred"] is True
    assert persons["P-2"]["hr_leave_datetime"] == "2026-12-01T23:59:59Z"  # GMT
    assert persons["P-3"] == {
        **persons["P-3"],
        "hr_leave_datetime": "2026-07-15T08:30:00Z",
        "hr_leave_datetime_inferred": False,
        "employment_status": "leaver",
    }


def test_yaml_accounts_with_bad_rows_reported_by_line(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(
        "accounts:\n"
        "  - {person_id: P-1, system: vpn, username: alice, roles: [vpn-user], last_review: 2026-10-01}\n"
        "  - person_id: P-2\n"
        "    system: vpn\n"
        "    username: bob\n"
        "    status: frozen\n"
        "  - {person_id: P-3, system: vpn}\n"
        "  - {person_id: P-4, system: vpn, username: carol.cook@example.com, account_type: robot}\n"
    )
    data = _build(accounts_files=[str(accounts)])
    assert [(e["file"], e["line"]) for e in data["import_errors"]] == [
        ("accounts.yaml", 3),
        ("accounts.yaml", 7),
        ("accounts.yaml", 8),
    ]
    assert "status: unknown value 'frozen'" in data["import_errors"][0]["message"]
    assert "missing username" in data["import_errors"][1]["message"]
    [alice] = data["accounts"]
    assert (alice["username"], alice["roles"], alice["last_access_review_date"]) == (
        "alice",
        ["vpn-user"],
        "2026-10-01T00:00:00Z",
    )


def test_google_workspace_users_link_to_people_by_email(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("person_id,email,job_function\nP-1,Alice.Archer@example.com,Developer\n")
    google = tmp_path / "google.csv"
    google.write_text(
        "First Name [Required],Last Name [Required],Email Address [Required],Password [Required],"
        "Org Unit Path [Required],Status [READ ONLY],Last Sign In [READ ONLY]\n"
        "Alice,Archer,alice.archer@example.com,****,/,Active,2026/11/20 10:31:12\n"
        "Admin,Shared,admin@example.com,****,/,Suspended,Never logged in\n"
        "Bad,Row,bad@example.com,****,/,Sleeping,\n"
    )
    data = _build(people_file=str(people), google_users_file=str(google))
    # Both addresses redact to a***@e***.com: the keyed fingerprint tells them apart.
    assert len({a["username_fp"] for a in data["accounts"]}) == 2
    alice = next(a for a in data["accounts"] if not a["generic_login"])
    assert alice["username"] == "a***@e***.com"
    assert (alice["person_id"], alice["status"], alice["last_login_at"]) == (
        "P-1",
        "active",
        "2026-11-20T10:31:12Z",
    )
    admin = next(a for a in data["accounts"] if a["generic_login"])
    assert (admin["status"], admin["person_id"], admin["system"]) == ("disabled", None, "google")
    assert data["import_errors"] == [
        {"file": "google.csv", "line": 4, "message": "status: unknown Google status 'sleeping'"}
    ]


def test_aws_credential_report_and_okta_export(tmp_path: Path) -> None:
    data = _build(**write_exports(tmp_path))
    aws = {a["username"]: a for a in data["accounts"] if a["system"] == "aws"}
    assert aws["bob"]["status"] == "active" and aws["bob"]["last_login_at"] == "2026-11-25T08:00:00Z"
    assert aws["dave"]["status"] == "disabled"
    assert aws["<root_account>"]["account_type"] == "break_glass"
    okta = [a for a in data["accounts"] if a["system"] == "okta"]
    assert {a["person_id"] for a in okta} == {"P-001", "P-002", "P-003", "P-004", "P-005"}
    dave = next(a for a in okta if a["person_id"] == "P-004")
    assert (dave["status"], dave["revoked_at"], dave["revocation_method"]) == (
        "revoked",
        "2026-11-10T18:00:00Z",
        "sso",
    )


def test_evidence_holds_no_email_and_no_name(tmp_path: Path) -> None:
    [ev] = collect({"access": write_exports(tmp_path)})
    text = json.dumps(ev.to_json_dict())
    assert ev.status == "collected"
    assert "@example.com" not in text
    for name in ("Alice", "Archer", "Carol", "Dyer"):
        assert name not in text
    assert len(ev.provenance.files) == 9 and all(f.sha256 for f in ev.provenance.files)


def test_not_configured_is_an_error_never_a_pass() -> None:
    [ev] = collect({})
    assert ev.status == "error"
    assert ev.error is not None and ev.error.kind == "unsupported"
    assert ev.error.message == "no access list configured"
    assert ev.error.hint == "set access.* in dpp-auditor.yaml"


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    [ev] = collect({"access": {"people_file": str(tmp_path / "nope.csv")}})
    assert ev.status == "error" and ev.error is not None and "file not found" in ev.error.message


def test_person_references_typed_as_emails_become_ids_or_fingerprints(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("person_id,email\nP-1,alice@example.com\nbob@example.com,bob@example.com\n")
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "person_id,system,username,approved_by,business_justification\n"
        "alice@example.com,vpn,alice,zed@example.com,Asked by carol@example.com for despatch\n"
        "bob@example.com,vpn,bob,alice@example.com,On call\n"
    )
    data = _build(people_file=str(people), accounts_files=[str(accounts)])
    text = json.dumps(data)
    assert "@example.com" not in text.replace("***@e***.com", "")
    alice, bob = sorted(data["accounts"], key=lambda a: a["username"])
    bob_id = next(p["person_id"] for p in data["persons"] if p["person_id"] != "P-1")
    assert bob_id.startswith("hmac:")
    assert (alice["person_id"], bob["person_id"], bob["approved_by"]) == ("P-1", bob_id, "P-1")
    assert alice["approved_by"].startswith("hmac:")  # zed is nobody in the people file
    assert alice["business_justification"] == "Asked by c***@e***.com for despatch"
