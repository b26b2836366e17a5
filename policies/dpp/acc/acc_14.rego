# METADATA
# title: ACC-14 failed logins lock the account (PAM faillock, sshd MaxAuthTries)
# custom:
#   clause: ACC-14
#   severity: high
#   requires: [host.pam, host.sshd]
#   remediation: Enable pam_faillock (pam-auth-update or authselect with-faillock) with preauth before and authfail after pam_unix plus an account line, deny <= 5, fail_interval >= 900, unlock_time 0 or >= 900 in /etc/security/faillock.conf; set UsePAM yes and MaxAuthTries 4 in sshd.
package dpp.acc.acc_14

import rego.v1

_deny_max := object.get(input.params, "faillock_deny_max", 5)

_unlock_min := object.get(input.params, "faillock_unlock_time_min_s", 900)

_interval_min := object.get(input.params, "faillock_fail_interval_min_s", 900)

_tries_max := object.get(input.params, "ssh_max_auth_tries", 4)

_services := {"sshd", "login"}

_finding(t, service, msg, key) := {"clause": "ACC-14", "check": "ACC-14.a", "target": t, "msg": msg,
	"details": {"locator": sprintf("pam:%s:%s", [service, key]), "service": service}}

deny contains f if {
	some t, p in input.evidence["host.pam"]
	count({s | some s, _ in p.lockout; s in _services}) == 0
	f := _finding(t, "none", "no PAM stack for sshd or login was found (/etc/pam.d), so no failed-login lockout can be shown", "stack")
}

deny contains f if {
	some t, p in input.evidence["host.pam"]
	some service, l in p.lockout
	service in _services
	not l.faillock
	l.tally2 == null
	f := _finding(t, service, sprintf("the %s PAM auth stack has neither pam_faillock nor pam_tally2: failed logins never lock the account", [service]), "module")
}

# Structure of a pam_faillock stack: [key, what is wrong].
_structure := [
	["preauth_before_unix", "no pam_faillock preauth line before pam_unix"],
	["authfail_after_unix", "no pam_faillock authfail line after pam_unix"],
	["account_faillock", "no `account required pam_faillock.so` line"],
]

deny contains f if {
	some t, p in input.evidence["host.pam"]
	some service, l in p.lockout
	service in _services
	l.faillock
	some item in _structure
	not l[item[0]]
	f := _finding(t, service, sprintf("the %s PAM stack has %s", [service, item[1]]), item[0])
}

# A missing value cannot be shown in range: it reads as null and is reported.
_bad_values(e) := (({sprintf("deny=%v (want 1-%v)", [v, _deny_max]) | v := object.get(e, "deny", null); not _in_range(v, 1, _deny_max)} | {sprintf("unlock_time=%v (want 0 or >= %v)", [v, _unlock_min]) |
	v := object.get(e, "unlock_time", null)
	v != 0
	not _in_range(v, _unlock_min, 999999999999)
}) | {sprintf("fail_interval=%v (want >= %v)", [v, _interval_min]) | v := object.get(e, "fail_interval", null); not _in_range(v, _interval_min, 999999999999)})

_in_range(v, lo, hi) if {
	is_number(v)
	v >= lo
	v <= hi
}

deny contains f if {
	some t, p in input.evidence["host.pam"]
	some service, l in p.lockout
	service in _services
	l.effective != null
	some bad in _bad_values(l.effective)
	f := _finding(t, service, sprintf("pam_faillock in the %s stack has effective %s (module arguments over faillock.conf)", [service, bad]), split(bad, "=")[0])
}

_bad_tally(x) := {sprintf("deny=%v (want 1-%v)", [v, _deny_max]) | v := object.get(x, "deny", null); not _in_range(v, 1, _deny_max)} | {sprintf("unlock_time=%v (want >= %v)", [v, _unlock_min]) | v := object.get(x, "unlock_time", null); not _in_range(v, _unlock_min, 999999999999)}

deny contains f if {
	some t, p in input.evidence["host.pam"]
	some service, l in p.lockout
	service in _services
	not l.faillock
	l.tally2 != null
	some bad in _bad_tally(l.tally2)
	f := _finding(t, service, sprintf("pam_tally2 in the %s stack has %s", [service, bad]), concat("", ["tally2-", split(bad, "=")[0]]))
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed
	s.effective.usepam != "yes"
	f := {"clause": "ACC-14", "check": "ACC-14.b", "target": t,
		"msg": sprintf("sshd UsePAM is %v in %v (want yes: without PAM no lockout applies)", [s.effective.usepam, s.method]),
		"details": {"locator": "sshd:usepam"}}
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed
	s.effective.maxauthtries > _tries_max
	f := {"clause": "ACC-14", "check": "ACC-14.b", "target": t,
		"msg": sprintf("sshd MaxAuthTries is %v in %v (want <= %v)", [s.effective.maxauthtries, s.method, _tries_max]),
		"details": {"locator": "sshd:maxauthtries"}}
}
