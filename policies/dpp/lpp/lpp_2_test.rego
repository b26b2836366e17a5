package dpp.lpp.lpp_2

import rego.v1

_defaults := [
	{"name": "use_pty", "negated": false, "binding_type": "global"},
	{"name": "logfile", "negated": false, "binding_type": "global"},
]

_rule(principal, ptype, commands, authenticate) := {"principal": principal, "principal_type": ptype,
	"negated": false, "commands": commands, "authenticate": authenticate, "file": "/etc/sudoers", "line": 1}

_input(rules, groups) := {"params": {"approved_admins": ["root", "alice"]}, "evidence": {"host.accounts": {"h": {
	"users": [{"name": "root", "login_shell": true}, {"name": "alice", "login_shell": true},
		{"name": "bob", "login_shell": true}, {"name": "backup", "login_shell": false}],
	"groups": groups,
	"sudoers": {"present": true, "defaults": _defaults, "rules": rules,
		"files": [{"path": "/etc/sudoers", "mode": "0440", "owner": "root", "group": "root"}]},
}}}}

test_admins_pass if {
	count(deny) == 0 with input as _input(
		[_rule("root", "user", ["ALL"], true), _rule("sudo", "group", ["ALL"], true)],
		[{"name": "sudo", "members": ["alice"]}])
}

test_group_member_outside_admins_fails if {
	locators := {f.details.locator | some f in deny} with input as _input(
		[_rule("sudo", "group", ["ALL"], true)], [{"name": "sudo", "members": ["bob"]}])
	locators == {"sudo:all:bob", "group:sudo:bob"}
}

test_nopasswd_human_fails if {
	some f in deny with input as _input([_rule("alice", "user", ["/usr/bin/systemctl restart nginx"], false)], [])
	f.details.locator == "sudo:nopasswd:alice"
}

test_service_with_command_list_passes if {
	count(deny) == 0 with input as _input([_rule("backup", "user", ["/usr/bin/rsync"], false)], [])
}
