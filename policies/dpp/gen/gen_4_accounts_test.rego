package dpp.gen.gen_4_accounts

import rego.v1

_files := [{"path": "/etc/passwd", "mode": "0644", "owner": "root", "group": "root"},
	{"path": "/etc/group", "mode": "0644", "owner": "root", "group": "root"},
	{"path": "/etc/shadow", "mode": "0640", "owner": "root", "group": "shadow"},
	{"path": "/etc/gshadow", "mode": "0640", "owner": "root", "group": "shadow"}]

_good := {"login_defs": {"pass_max_days": 365, "pass_min_days": 1, "umask": "027"},
	"pwquality": {"enforced": true, "minlen": 14}, "umask": {"effective": "027", "restrictive": true}}

_in(h, files) := {"params": {}, "evidence": {"host.hardening": {"h": h}, "host.accounts": {"h": {"files": files}}}}

test_hardened_passes if {
	count(deny) == 0 with input as _in(_good, _files)
}

test_debian_defaults_fail_each_check if {
	h := {"login_defs": {"pass_max_days": 99999, "pass_min_days": 0, "umask": "022"},
		"pwquality": {"enforced": false, "minlen": null}, "umask": {"effective": "022", "restrictive": false}}
	{f.details.locator | some f in deny} == {"login.defs:PASS_MAX_DAYS", "login.defs:PASS_MIN_DAYS", "pwquality", "umask"} with input as _in(h, _files)
}

test_missing_login_defs_never_passes if {
	h := object.union(_good, {"login_defs": null})
	{f.details.locator | some f in deny} == {"login.defs:PASS_MAX_DAYS", "login.defs:PASS_MIN_DAYS"} with input as _in(h, _files)
}

test_world_readable_shadow_and_unread_gshadow_fail if {
	files := [_files[0], _files[1], {"path": "/etc/shadow", "mode": "0644", "owner": "root", "group": "shadow"}]
	{f.details.locator | some f in deny} == {"file:/etc/shadow", "file:/etc/gshadow"} with input as _in(_good, files)
}
