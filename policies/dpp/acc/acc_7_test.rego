package dpp.acc.acc_7

import rego.v1

t_input(method, requests) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"adhoc_revoke_hours": 24},
	"evidence": {"access.list": {"access": {
		"accounts": [{"account_id": "aws:a", "system": "aws", "status": "active", "revocation_method": method}],
		"revocation_requests": requests,
	}}}}

test_method_and_prompt_request_pass if {
	count(deny) == 0 with input as t_input("manual_runbook", [{"request_id": "R1", "system": "aws", "person_id": "P-1", "requested_at": "2026-11-20T10:00:00Z", "completed_at": "2026-11-20T12:00:00Z"}])
}

test_missing_method_fails if {
	fs := deny with input as t_input(null, [])
	{f.check | some f in fs} == {"ACC-7.a"}
}

test_late_and_open_requests_fail if {
	fs := deny with input as t_input("sso", [
		{"request_id": "R1", "system": "aws", "person_id": "P-1", "requested_at": "2026-11-20T10:00:00Z", "completed_at": "2026-11-22T10:00:00Z"},
		{"request_id": "R2", "system": "aws", "person_id": "P-1", "requested_at": "2026-11-25T10:00:00Z", "completed_at": null},
	])
	{f.msg | some f in fs} == {
		"revocation request R1 on aws completed 48h after it was requested (limit 24h)",
		"revocation request R2 on aws is still open 48h after it was requested (limit 24h)",
	}
}
