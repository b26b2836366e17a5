package dpp.acc.acc_9

import rego.v1

t_leaver := {"person_id": "P-1", "hr_leave_datetime": "2026-11-10T17:00:00Z", "hr_leave_datetime_inferred": false}

t_account(status, revoked, login) := {"account_id": "aws:dave", "person_id": "P-1", "system": "aws", "username": "dave",
	"status": status, "revoked_at": revoked, "last_login_at": login}

t_input(a) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"leaver_revoke_hours": 24},
	"evidence": {"access.list": {"access": {"persons": [t_leaver], "accounts": [a]}}}}

test_revoked_within_24h_passes if {
	fs := deny with input as t_input(t_account("revoked", "2026-11-11T09:00:00Z", "2026-11-10T16:00:00Z"))
	count(fs) == 0
}

test_revoked_after_30h_fails_with_delay if {
	fs := deny with input as t_input(t_account("disabled", "2026-11-11T23:00:00Z", null))
	some f in fs
	f.msg == "aws account dave (person P-1) revoked 30h after leave on aws (limit 24h)"
}

test_still_active_fails if {
	fs := deny with input as t_input(t_account("active", null, null))
	count(fs) == 1
}

test_unknown_revocation_time_fails if {
	fs := deny with input as t_input(t_account("revoked", null, null))
	count(fs) == 1
}

test_login_after_leave_fails if {
	fs := deny with input as t_input(t_account("revoked", "2026-11-11T09:00:00Z", "2026-11-11T08:00:00Z"))
	some f in fs
	contains(f.msg, "logged in 15h after leave")
}

test_leaver_without_leave_time_fails if {
	inp := json.patch(t_input(t_account("revoked", "2026-11-11T09:00:00Z", null)), [{"op": "add", "path": "/evidence/access.list/access/persons/-",
		"value": {"person_id": "P-9", "employment_status": "leaver", "hr_leave_datetime": null, "hr_leave_datetime_inferred": false}}])
	fs := deny with input as inp
	{f.details.locator | some f in fs} == {"person:P-9"}
}

test_active_within_the_first_24h_is_not_yet_late if {
	inp := json.patch(t_input(t_account("active", null, null)), [{"op": "replace", "path": "/meta/evaluated_at", "value": "2026-11-11T09:00:00Z"}])
	count(deny) == 0 with input as inp
}
