package dpp.acc.acc_1

import rego.v1

t_input(a) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {},
	"evidence": {"access.list": {"access": {"accounts": [a], "roles": [{"role_id": "orders", "grants_amazon_data": true}]}}}}

t_account := {"account_id": "okta:x", "person_id": "P-3", "system": "okta", "username": "c***@e***.com", "status": "active",
	"roles": ["orders"], "business_justification": "Answers buyer messages", "approved_by": "P-2", "approved_at": "2026-03-01T09:00:00Z"}

test_justified_and_approved_passes if {
	count(deny) == 0 with input as t_input(t_account)
}

test_self_approved_without_justification_fails if {
	fs := deny with input as t_input(object.union(t_account, {"business_justification": " ", "approved_by": "P-3"}))
	count(fs) == 2
}

test_future_approval_fails if {
	fs := deny with input as t_input(object.union(t_account, {"approved_at": "2027-01-01T00:00:00Z"}))
	count(fs) == 1
}
