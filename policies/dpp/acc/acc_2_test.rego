package dpp.acc.acc_2

import rego.v1

t_input(function) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {}, "evidence": {"access.list": {"access": {
	"persons": [{"person_id": "P-1", "job_function": function}],
	"accounts": [{"account_id": "okta:a", "person_id": "P-1", "system": "okta", "username": "a", "status": "active", "roles": ["orders"]}],
	"roles": [{"role_id": "orders", "data_scopes": ["amazon_orders", "amazon_pii"]}],
	"role_matrix": [
		{"job_function": "Customer Service", "allowed_data_scopes": ["amazon_orders", "amazon_pii"]},
		{"job_function": "Developer", "allowed_data_scopes": []},
	],
}}}}

test_scopes_within_matrix_pass if {
	count(deny) == 0 with input as t_input("Customer Service")
}

test_excess_scopes_fail if {
	fs := deny with input as t_input("Developer")
	some f in fs
	f.details.excess_scopes == ["amazon_orders", "amazon_pii"]
}

test_function_missing_from_matrix_fails if {
	fs := deny with input as t_input("Marketing")
	count(fs) == 1
}
