package dpp.acc.acc_10_access

import rego.v1

t_user(keys, password, login) := {"name": "dave", "uid": 1004, "authorized_keys_count": keys, "password_state": password, "last_login": login}

t_input(u, groups) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"leaver_revoke_hours": 24}, "evidence": {
	"access.list": {"access": {
		"persons": [{"person_id": "P-4", "hr_leave_datetime": "2026-11-10T17:00:00Z", "hr_leave_datetime_inferred": false}],
		"accounts": [{"person_id": "P-4", "system": "host:app1", "username": "dave", "status": "revoked"}],
	}},
	"host.accounts": {"web1": {"hostname": "app1", "users": [u], "groups": groups}},
}}

test_locked_keyless_leaver_passes if {
	count(deny) == 0 with input as t_input(t_user(0, "locked", "2026-11-10T09:00:00Z"), [{"name": "sudo", "members": []}])
}

test_leaver_with_keys_password_sudo_and_login_fails if {
	fs := deny with input as t_input(t_user(2, "usable", "2026-11-12T09:30:00Z"), [{"name": "sudo", "members": ["dave"]}])
	count(fs) == 4
	some f in fs
	f.msg == "leaver P-4's account dave logged in on host:app1 40h 30m after leaving"
}

test_leaver_key_on_a_shared_login_fails if {
	shared := {"name": "deploy", "uid": 998, "authorized_keys_count": 1, "password_state": "locked", "last_login": null,
		"authorized_keys": [{"fingerprint_sha256": "SHA256:dave"}]}
	inp := json.patch(t_input(t_user(0, "locked", null), []), [
		{"op": "add", "path": "/evidence/access.list/access/accounts/0/ssh_key_fingerprints", "value": ["SHA256:dave"]},
		{"op": "add", "path": "/evidence/host.accounts/web1/users/-", "value": shared},
	])
	fs := deny with input as inp
	{f.msg | some f in fs} == {"leaver P-4's key SHA256:dave is still authorized for deploy on host:app1"}
}

test_within_the_limit_only_a_login_after_leaving_counts if {
	inp := json.patch(t_input(t_user(2, "usable", "2026-11-10T18:00:00Z"), [{"name": "sudo", "members": ["dave"]}]),
		[{"op": "replace", "path": "/meta/evaluated_at", "value": "2026-11-11T09:00:00Z"}])
	fs := deny with input as inp
	{f.details.locator | some f in fs} == {"dave#login"}
}
