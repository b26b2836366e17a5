# METADATA
# title: GEN-4 account safeguards - password ageing and quality, default umask, account file modes
# custom:
#   clause: GEN-4
#   severity: medium
#   requires: [host.hardening, host.accounts]
#   remediation: In /etc/login.defs set PASS_MAX_DAYS 365 or less, PASS_MIN_DAYS 1 or more and UMASK 027; enforce pam_pwquality with minlen 14 in the PAM password stack; keep /etc/passwd and /etc/group 0644 root:root and /etc/shadow and /etc/gshadow 0640 root:shadow (or tighter).
package dpp.gen.gen_4_accounts

import rego.v1

_p := object.get(input.params, "password_policy", {"max_days": 365, "min_days": 1, "minlen": 14})

_max_days := object.get(_p, "max_days", 365)

_min_days := object.get(_p, "min_days", 1)

_minlen := object.get(_p, "minlen", 14)

_finding(t, check, msg, locator) := {"clause": "GEN-4", "check": check, "target": t, "msg": msg,
	"details": {"locator": locator}}

_defs(h) := d if {
	d := object.get(h, "login_defs", null)
	is_object(d)
} else := {}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	v := object.get(_defs(h), "pass_max_days", null)
	not _at_most(v, _max_days)
	f := _finding(t, "GEN-4.password", sprintf("login.defs PASS_MAX_DAYS is %v (want <= %v): passwords never have to change", [_shown(v), _max_days]), "login.defs:PASS_MAX_DAYS")
}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	v := object.get(_defs(h), "pass_min_days", null)
	not _at_least(v, _min_days)
	f := _finding(t, "GEN-4.password", sprintf("login.defs PASS_MIN_DAYS is %v (want >= %v)", [_shown(v), _min_days]), "login.defs:PASS_MIN_DAYS")
}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	q := object.get(h, "pwquality", {})
	not _quality(object.get(q, "enforced", null), object.get(q, "minlen", null))
	f := _finding(t, "GEN-4.password", sprintf("password quality is not enforced: pam_pwquality in the PAM password stack %v, minlen %v (want >= %v)", [_yes(object.get(q, "enforced", null)), _shown(object.get(q, "minlen", null)), _minlen]), "pwquality")
}

_quality(enforced, minlen) if {
	enforced == true
	_at_least(minlen, _minlen)
}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	u := object.get(h, "umask", {})
	object.get(u, "restrictive", null) != true
	f := _finding(t, "GEN-4.umask", sprintf("default umask is %v (want 027 or stricter: files readable on a need-to-know basis)", [_shown(object.get(u, "effective", null))]), "umask")
}

# [max mode, owner, groups]
_account_files := {
	"/etc/passwd": ["0644", {"root"}],
	"/etc/group": ["0644", {"root"}],
	"/etc/shadow": ["0640", {"root", "shadow"}],
	"/etc/gshadow": ["0640", {"root", "shadow"}],
}

_subsets := {"0": {"0"}, "4": {"0", "4"}, "6": {"0", "2", "4", "6"}}

_within(mode, limit) if {
	is_string(mode)
	count(mode) >= 3
	m := substring(mode, count(mode) - 3, 3)
	l := substring(limit, count(limit) - 3, 3)
	every i in [0, 1, 2] {
		substring(m, i, 1) in _subsets[substring(l, i, 1)]
	}
}

deny contains f if {
	some t, _ in input.evidence["host.hardening"]
	a := input.evidence["host.accounts"][t]
	some path, spec in _account_files
	entries := [e | some e in object.get(a, "files", []); e.path == path]
	_bad_file(entries, spec)
	e := _first(entries)
	f := _finding(t, "GEN-4.files", sprintf("%v is %v %v:%v (want <= %v, owner root, group %v)", [path, _shown(object.get(e, "mode", null)), _shown(object.get(e, "owner", null)), _shown(object.get(e, "group", null)), spec[0], concat("/", sort(spec[1]))]), sprintf("file:%v", [path]))
}

_first(entries) := entries[0] if count(entries) > 0
else := {}

_bad_file(entries, _) if count(entries) == 0 # not read: cannot be shown restricted

_bad_file(entries, [limit, _]) if {
	some e in entries
	mode := object.get(e, "mode", null)
	not _within(mode, limit)
}

_bad_file(entries, _) if {
	some e in entries
	object.get(e, "owner", null) != "root"
}

_bad_file(entries, [_, groups]) if {
	some e in entries
	group := object.get(e, "group", null)
	not group in groups
}

_at_most(v, limit) if {
	is_number(v)
	v >= 0
	v <= limit
}

_at_least(v, limit) if {
	is_number(v)
	v >= limit
}

_shown(v) := v if v != null
else := "unset"

_yes(true) := "yes"

_yes(v) := "no" if v != true
