# METADATA
# title: ACC-4 on hosts, service accounts cannot log in, generic names are not interactive, root is not a shared login
# custom:
#   clause: ACC-4
#   severity: critical
#   requires: [host.accounts, host.sshd]
#   remediation: Give service accounts /usr/sbin/nologin and a locked password and keep them out of sudo/wheel; remove or lock generic logins (admin, ubuntu, deploy ...) in favour of personal accounts; set PermitRootLogin no and lock root's password (sudo only).
package dpp.acc.acc_4

import rego.v1

_generic := object.get(input.params, "generic_name_regex", "^(admin|administrator|test|guest|shared|ops|office|warehouse|despatch|dispatch|packing|info|support|dev|deploy|temp|amazon|seller|ubuntu|centos|ec2-user|user[0-9]*)$")

_named_services := {s | some s in object.get(input.params, "service_accounts", [])}

_admin_groups := {"sudo", "wheel", "admin"}

_service(u) if {
	u.uid != 0
	u.uid < 1000
}

_service(u) if u.uid >= 65534

_service(u) if u.name in _named_services

_admin_group_of(a, name) := {g.name | some g in a.groups; g.name in _admin_groups; name in g.members}

# [locator key, message] for each way a service account could be used to log in or administer.
_service_problems(a, u) := (({["shell", sprintf("has login shell %s", [u.shell])] | u.login_shell} | {["password", sprintf("has a %s password", [u.password_state])] | u.password_state in {"usable", "empty"}}) | {["keys", sprintf("has %v authorized SSH keys", [u.authorized_keys_count])] | u.authorized_keys_count > 0}) | {["admin", sprintf("is in admin group(s) %s", [concat(",", sort(_admin_group_of(a, u.name)))])] | count(_admin_group_of(a, u.name)) > 0}

deny contains f if {
	some t, a in input.evidence["host.accounts"]
	some u in a.users
	_service(u)
	some p in _service_problems(a, u)
	f := {"clause": "ACC-4", "check": "ACC-4.b", "target": t,
		"msg": sprintf("service account %s %s (want nologin, locked password, no keys, no sudo)", [u.name, p[1]]),
		"details": {"locator": sprintf("service:%s:%s", [u.name, p[0]]), "user": u.name}}
}

deny contains f if {
	some t, a in input.evidence["host.accounts"]
	some u in a.users
	u.uid == 0
	u.password_state in {"usable", "empty"}
	f := {"clause": "ACC-4", "check": "ACC-4.b", "target": t,
		"msg": sprintf("%s (uid 0) has a %s password: root can be used as a shared login (want locked, sudo only)", [u.name, u.password_state]),
		"details": {"locator": sprintf("root:%s:password", [u.name]), "user": u.name}}
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed
	s.effective.permitrootlogin != "no"
	f := {"clause": "ACC-4", "check": "ACC-4.b", "target": t,
		"msg": sprintf("sshd PermitRootLogin is %v in %v: root can log in directly (want no)", [s.effective.permitrootlogin, s.method]),
		"details": {"locator": "root:sshd"}}
}

deny contains f if {
	some t, a in input.evidence["host.accounts"]
	some u in a.users
	regex.match(_generic, u.name)
	u.interactive
	f := {"clause": "ACC-4", "check": "ACC-4.c", "target": t,
		"msg": sprintf("generic account %s can log in interactively (shell %s, password %s, %v SSH keys)", [u.name, u.shell, u.password_state, u.authorized_keys_count]),
		"details": {"locator": sprintf("generic:%s", [u.name]), "user": u.name}}
}
