package dpp.acc.acc_4

import rego.v1

_u(name, uid, shell, login, pw, keys) := {"name": name, "uid": uid, "shell": shell, "login_shell": login,
	"password_state": pw, "authorized_keys_count": keys, "interactive": _interactive(login, pw, keys)}

_interactive(login, pw, keys) if {
	login
	pw == "usable"
}

_interactive(login, pw, keys) if {
	login
	keys > 0
}

default _interactive(_, _, _) := false

_in(users, groups) := {"params": {}, "evidence": {"host.accounts": {"h": {"users": users, "groups": groups}}}}

test_nologin_locked_service_passes if {
	count(deny) == 0 with input as _in([_u("www-data", 33, "/usr/sbin/nologin", false, "no_password", 0)], [])
}

test_service_with_shell_and_sudo_fails_twice if {
	u := _u("postgres", 112, "/bin/bash", true, "no_password", 0)
	count(deny) == 2 with input as _in([u], [{"name": "sudo", "members": ["postgres"]}])
}

test_named_service_account_above_1000 if {
	u := _u("app", 1001, "/bin/bash", true, "locked", 0)
	i := object.union(_in([u], []), {"params": {"service_accounts": ["app"]}})
	count(deny) == 1 with input as i
}

test_generic_interactive_fails if {
	{f.check | some f in deny} == {"ACC-4.c"} with input as _in([_u("ubuntu", 1000, "/bin/bash", true, "locked", 1)], [])
}

test_personal_account_passes if {
	count(deny) == 0 with input as _in([_u("alice", 1001, "/bin/bash", true, "usable", 1)], [])
}
