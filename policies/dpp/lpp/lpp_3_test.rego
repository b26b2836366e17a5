package dpp.lpp.lpp_3

import rego.v1

t_input(exception) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"dev_exception_max_days": 30},
	"evidence": {"access.list": {"access": {
		"persons": [{"person_id": "P-1", "job_function": "Developer"}],
		"accounts": [{"account_id": "db:a", "person_id": "P-1", "system": "db", "username": "a", "status": "active",
			"roles": ["pii-read"], "exception": exception}],
		"roles": [{"role_id": "pii-read", "grants_pii": true, "production": true}],
	}}}}

test_developer_with_standing_pii_access_fails if {
	count(deny) == 1 with input as t_input(null)
}

test_time_boxed_exception_passes if {
	count(deny) == 0 with input as t_input({"approved_by": "P-2", "approved_at": "2026-11-20T00:00:00Z", "expires_at": "2026-12-10T00:00:00Z"})
}

test_exception_longer_than_30_days_fails if {
	count(deny) == 1 with input as t_input({"approved_by": "P-2", "approved_at": "2026-11-20T00:00:00Z", "expires_at": "2027-01-10T00:00:00Z"})
}

test_expired_exception_fails if {
	count(deny) == 1 with input as t_input({"approved_by": "P-2", "approved_at": "2026-10-01T00:00:00Z", "expires_at": "2026-10-20T00:00:00Z"})
}
