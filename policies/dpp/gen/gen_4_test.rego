package dpp.gen.gen_4

import rego.v1

_good := {
	"permitrootlogin": "no", "permitemptypasswords": "no", "passwordauthentication": "no",
	"hostbasedauthentication": "no", "ignorerhosts": "yes", "x11forwarding": "no",
	"permituserenvironment": "no", "loglevel": "INFO", "maxauthtries": 4, "logingracetime": 60,
	"clientaliveinterval": 300, "clientalivecountmax": 3, "authenticationmethods": "any",
}

_input(effective, users) := {"params": {"ssh_max_auth_tries": 4}, "evidence": {
	"host.sshd": {"h": {"installed": true, "method": "sshd -T", "effective": effective, "match_blocks": [],
		"config_files": [{"path": "/etc/ssh/sshd_config", "mode": "0600", "owner": "root", "group": "root"}]}},
	"host.accounts": {"h": {"users": users}},
}}

test_baseline_passes if {
	count(deny) == 0 with input as _input(_good, [{"name": "a", "password_state": "usable", "hash_scheme": "yescrypt"}])
}

test_max_auth_tries_names_value if {
	msgs := {f.msg | some f in deny} with input as _input(object.union(_good, {"maxauthtries": 6}), [])
	msgs == {"MaxAuthTries is 6 in sshd -T (want 1-4)"}
}

test_password_behind_publickey_passes if {
	eff := object.union(_good, {"passwordauthentication": "yes", "authenticationmethods": "publickey,password"})
	count(deny) == 0 with input as _input(eff, [])
}

test_password_alone_fails if {
	eff := object.union(_good, {"passwordauthentication": "yes", "authenticationmethods": "password"})
	count(deny) == 1 with input as _input(eff, [])
}

test_md5_hash_fails if {
	count(deny) == 1 with input as _input(_good, [{"name": "old", "password_state": "usable", "hash_scheme": "md5"}])
}
