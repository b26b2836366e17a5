# METADATA
# title: GEN-4 hosts meet the CIS Level 1 baseline for SSH and password hashes
# custom:
#   clause: GEN-4
#   severity: high
#   requires: [host.sshd, host.accounts]
#   remediation: Harden sshd_config to the CIS Level 1 values (PermitRootLogin no, PasswordAuthentication no, MaxAuthTries 4, LoginGraceTime 60, ClientAliveInterval 300, X11Forwarding no, ...), make it 0600 root:root, and rehash passwords with yescrypt or SHA-512.
package dpp.gen.gen_4

import rego.v1

_names := {
	"permitrootlogin": "PermitRootLogin", "permitemptypasswords": "PermitEmptyPasswords",
	"passwordauthentication": "PasswordAuthentication", "hostbasedauthentication": "HostbasedAuthentication",
	"ignorerhosts": "IgnoreRhosts", "x11forwarding": "X11Forwarding",
	"permituserenvironment": "PermitUserEnvironment", "loglevel": "LogLevel",
	"maxauthtries": "MaxAuthTries", "logingracetime": "LoginGraceTime",
	"clientaliveinterval": "ClientAliveInterval", "clientalivecountmax": "ClientAliveCountMax",
}

_want := {
	"permitrootlogin": ["no"], "permitemptypasswords": ["no"], "hostbasedauthentication": ["no"],
	"ignorerhosts": ["yes"], "x11forwarding": ["no"], "permituserenvironment": ["no"],
	"loglevel": ["INFO", "VERBOSE"],
}

_ranges := {
	"maxauthtries": [1, object.get(input.params, "ssh_max_auth_tries", 4)],
	"logingracetime": [1, 60], "clientaliveinterval": [1, 300], "clientalivecountmax": [1, 3],
}

_good_file_modes := {"0600", "0400"}

_good_schemes := {"yescrypt", "sha512", "none"}

_source(sshd) := "sshd -T" if sshd.method == "sshd -T"
else := "the sshd config files (sshd -T could not run)"

_bad(key, value) := sprintf("want %s", [concat(" or ", _want[key])]) if {
	not value in _want[key]
}

_bad(key, value) := sprintf("want %v-%v", [_ranges[key][0], _ranges[key][1]]) if {
	r := _ranges[key]
	not _in_range(value, r)
}

_in_range(value, r) if {
	is_number(value)
	value >= r[0]
	value <= r[1]
}

# Password logins are acceptable only behind publickey as a required first factor.
_mfa(methods) if {
	is_string(methods)
	methods != "any"
	every alt in split(methods, " ") {
		steps := split(alt, ",")
		"publickey" in steps
		count(steps) >= 2
	}
}

_bad_password_auth(effective) if {
	effective.passwordauthentication != "no"
	not _mfa(object.get(effective, "authenticationmethods", "any"))
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	some key, name in _names
	key != "passwordauthentication"
	value := sshd.effective[key]
	want := _bad(key, value)
	f := {"clause": "GEN-4", "check": "GEN-4", "target": t,
		"msg": sprintf("%s is %v in %s (%s)", [name, value, _source(sshd), want]),
		"details": {"locator": sprintf("sshd:%s", [key]), "value": value}}
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	_bad_password_auth(sshd.effective)
	f := {"clause": "GEN-4", "check": "GEN-4", "target": t,
		"msg": sprintf("PasswordAuthentication is %v in %s without AuthenticationMethods requiring publickey plus a second factor (want no)", [sshd.effective.passwordauthentication, _source(sshd)]),
		"details": {"locator": "sshd:passwordauthentication", "value": sshd.effective.passwordauthentication}}
}

# A Match block that weakens a setting the global section already gets right.
deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	some block in sshd.match_blocks
	some key, name in _names
	key != "passwordauthentication"
	value := block.effective[key]
	value != sshd.effective[key]
	want := _bad(key, value)
	f := {"clause": "GEN-4", "check": "GEN-4", "target": t,
		"msg": sprintf("%s is %v for Match %s (%s:%v) (%s)", [name, value, block.criteria, block.file, block.line, want]),
		"details": {"locator": sprintf("sshd:match:%s:%s", [block.criteria, key]), "value": value}}
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	some block in sshd.match_blocks
	_bad_password_auth(block.effective)
	global := object.get(sshd, "effective", {}) # unread global settings: the Match block is still reported
	not _bad_password_auth(global)
	f := {"clause": "GEN-4", "check": "GEN-4", "target": t,
		"msg": sprintf("PasswordAuthentication is %v for Match %s (%s:%v) (want no)", [block.effective.passwordauthentication, block.criteria, block.file, block.line]),
		"details": {"locator": sprintf("sshd:match:%s:passwordauthentication", [block.criteria])}}
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	some file in sshd.config_files
	not _good_file(file)
	f := {"clause": "GEN-4", "check": "GEN-4", "target": t,
		"msg": sprintf("%s is %s %s:%s (want 0600 root:root)", [file.path, file.mode, file.owner, file.group]),
		"details": {"locator": sprintf("file:%s", [file.path]), "mode": file.mode}}
}

_good_file(file) if {
	file.mode in _good_file_modes
	file.owner == "root"
	file.group == "root"
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	some u in host.users
	u.password_state == "empty"
	f := {"clause": "GEN-4", "check": "GEN-4", "target": t,
		"msg": sprintf("account %s has an empty password field in /etc/shadow", [u.name]),
		"details": {"locator": sprintf("shadow:%s:empty", [u.name])}}
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	some u in host.users
	not u.hash_scheme in _good_schemes
	f := {"clause": "GEN-4", "check": "GEN-4", "target": t,
		"msg": sprintf("account %s has a %s password hash in /etc/shadow (want yescrypt or sha512)", [u.name, u.hash_scheme]),
		"details": {"locator": sprintf("shadow:%s:scheme", [u.name]), "scheme": u.hash_scheme}}
}
