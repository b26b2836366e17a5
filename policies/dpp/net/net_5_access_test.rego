package dpp.net.net_5_access

import rego.v1

t_input(allow, keys) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {}, "evidence": {
	"access.list": {"access": {
		"accounts": [{"system": "host:app1", "username": "alice", "status": "active", "roles": ["ssh"], "ssh_key_fingerprints": ["SHA256:a"]}],
		"roles": [{"role_id": "ssh", "ssh_login": true}],
	}},
	"host.sshd": {"web1": {"effective": {"allowusers": allow, "allowgroups": []}}},
	"host.accounts": {"web1": {"hostname": "app1", "groups": [], "users": [{"name": "alice", "authorized_keys": [{"fingerprint_sha256": k} | some k in keys]}]}},
}}

test_approved_user_and_registered_key_pass if {
	count(deny) == 0 with input as t_input(["alice"], ["SHA256:a"])
}

test_unapproved_user_pattern_and_unknown_key_fail if {
	fs := deny with input as t_input(["alice", "mallory", "*@10.0.0.1"], ["SHA256:a", "SHA256:b"])
	{f.details.locator | some f in fs} == {"allow:mallory", "allow:*@10.0.0.1", "key:alice:SHA256:b"}
}
