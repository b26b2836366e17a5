package dpp.log.log_6

import rego.v1

t_ident(fp, generic, names) := {"email_fp": fp, "email": "a***@e***.com", "names_count": names, "authored": 3, "committed": 3,
	"signed": 3, "first_at": "2026-05-01T09:00:00Z", "last_at": "2026-11-15T12:00:00Z", "generic": generic, "bot": false, "web_flow": false}

t_input(idents, leave) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {}, "evidence": {
	"access.list": {"access": {"persons": [{"person_id": "P-1", "email_fps": ["hmac:1"], "hr_leave_datetime": leave}], "accounts": []}},
	"git.history": {"shop": {"commits_scanned": 3, "signed_commits": 3, "identities": idents}},
}}

test_mapped_identity_passes if {
	count(deny) == 0 with input as t_input([t_ident("hmac:1", null, 1)], null)
	count(warn) == 0 with input as t_input([t_ident("hmac:1", null, 1)], null)
}

test_generic_unknown_and_renamed_identities_fail if {
	fs := deny with input as t_input([t_ident("hmac:9", "host-local e-mail domain", 1), t_ident("hmac:2", null, 2)], null)
	{f.check | some f in fs} == {"LOG-6.a", "LOG-6.b", "LOG-6.c"}
}

test_commits_after_leaving_fail if {
	fs := deny with input as t_input([t_ident("hmac:1", null, 1)], "2026-11-10T17:00:00Z")
	some f in fs
	f.msg == "person P-1 authored commits as a***@e***.com 115h after leaving"
}
