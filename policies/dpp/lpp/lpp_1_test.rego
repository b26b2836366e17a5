package dpp.lpp.lpp_1

import rego.v1

t_roles := [
	{"role_id": "sso", "privileged": false, "break_glass": false, "data_scopes": [], "allowed_job_functions": []},
	{"role_id": "admin", "privileged": true, "break_glass": false, "data_scopes": ["amazon_orders"], "allowed_job_functions": ["Ops"]},
]

t_account(id, person, roles) := {"account_id": id, "person_id": person, "system": "okta", "username": id, "status": "active",
	"account_type": "human", "roles": roles, "direct_permissions": [], "sealed": false}

t_input(accounts, max) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"max_privileged_accounts": max},
	"evidence": {"access.list": {"access": {
		"persons": [{"person_id": "P-1", "job_function": "Ops"}, {"person_id": "P-2", "job_function": "Ops"}],
		"accounts": accounts, "roles": t_roles,
		"role_matrix": [{"job_function": "Ops", "allowed_roles": ["sso"], "allowed_data_scopes": []}],
	}}}}

test_catalogue_roles_within_limits_pass if {
	count(deny) == 0 with input as t_input([t_account("a", "P-1", ["sso", "admin"]), t_account("b", "P-2", ["admin"])], 3)
}

test_too_many_privileged_holders_fail if {
	fs := deny with input as t_input([t_account("a", "P-1", ["admin"]), t_account("b", "P-2", ["admin"])], 1)
	{f.check | some f in fs} == {"LPP-1.e"}
}

test_no_role_and_unknown_role_fail if {
	fs := deny with input as t_input([t_account("a", "P-1", []), t_account("b", "P-2", ["root-all"])], 3)
	{f.check | some f in fs} == {"LPP-1.a", "LPP-1.c"}
}
