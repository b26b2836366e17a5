package dpp.acc.acc_3_access

import rego.v1

t_input(accounts) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {}, "evidence": {
	"access.list": {"access": {"persons": [{"person_id": "P-1", "hr_leave_datetime": null}], "accounts": accounts}},
	"host.accounts": {"web1": {"hostname": "app1", "users": [
		{"name": "root", "uid": 0, "interactive": true},
		{"name": "alice", "uid": 1001, "interactive": true},
		{"name": "www-data", "uid": 33, "interactive": false},
	]}},
}}

t_alice := {"system": "host:app1", "username": "alice", "status": "active", "account_type": "human", "person_id": "P-1"}

test_mapped_interactive_user_passes if {
	count(deny) == 0 with input as t_input([t_alice])
}

test_unmapped_interactive_user_fails if {
	fs := deny with input as t_input([])
	{f.details.user | some f in fs} == {"alice"}
}

test_service_record_is_not_a_person if {
	fs := deny with input as t_input([object.union(t_alice, {"account_type": "service"})])
	count(fs) == 1
}

test_two_records_fail if {
	fs := deny with input as t_input([t_alice, t_alice])
	some f in fs
	contains(f.msg, "maps to 2 active people")
}
