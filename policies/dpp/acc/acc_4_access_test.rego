package dpp.acc.acc_4_access

import rego.v1

t_regex := "^(admin|deploy|ubuntu)$"

t_input(a) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"generic_name_regex": t_regex},
	"evidence": {"access.list": {"access": {"persons": [{"person_id": "P-1"}], "accounts": [a]}}}}

t_account := {"account_id": "aws:alice", "person_id": "P-1", "system": "aws", "username": "alice", "status": "active",
	"account_type": "human", "sealed": false, "generic_login": false}

test_personal_account_passes if {
	count(deny) == 0 with input as t_input(t_account)
}

test_generic_name_fails if {
	fs := deny with input as t_input(object.union(t_account, {"username": "admin"}))
	{f.check | some f in fs} == {"ACC-4.c"}
}

test_shared_account_fails if {
	fs := deny with input as t_input(object.union(t_account, {"account_type": "shared"}))
	{f.check | some f in fs} == {"ACC-4.a"}
}

test_unlinked_human_fails if {
	fs := deny with input as t_input(object.union(t_account, {"person_id": null}))
	count(fs) == 1
}

test_sealed_break_glass_root_passes if {
	count(deny) == 0 with input as t_input(object.union(t_account, {"username": "root", "account_type": "break_glass", "sealed": true, "person_id": null}))
}

test_unsealed_break_glass_fails if {
	fs := deny with input as t_input(object.union(t_account, {"username": "bg", "account_type": "break_glass"}))
	count(fs) == 1
}
