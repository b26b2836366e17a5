# METADATA
# title: ACC-10 a leaver's host account is locked, keyless and unprivileged, with no login after leaving
# custom:
#   clause: ACC-10
#   severity: critical
#   requires: [host.accounts, access.list]
#   remediation: Remove the leaver's host account, or lock it, remove its authorized_keys and its privileged group memberships.
package dpp.acc.acc_10_access

import rego.v1

_access := al if some _, al in input.evidence["access.list"]

_privileged_groups := {"sudo", "wheel", "admin", "adm", "docker", "lxd", "disk", "shadow"}

_leaver_users contains [t, host, u, a, p] if {
	some t, host in input.evidence["host.accounts"]
	system := _host_system(t, host)
	some p in _access.persons
	_leaver(p)
	some a in _access.accounts
	a.person_id == p.person_id
	a.system == system
	some u in host.users
	u.name == a.username
}

# The state of the account is judged once the revocation limit after leaving has passed.
_past_limit(p) if _now_ns - _ns(p.hr_leave_datetime) > input.params.leaver_revoke_hours * _hour_ns

_who(u, p) := sprintf("leaver %s's account %s", [p.person_id, u.name])

deny contains f if {
	some [t, _, u, a, p] in _leaver_users
	_past_limit(p)
	u.authorized_keys_count > 0
	f := {"clause": "ACC-10", "check": "ACC-10", "target": t,
		"msg": sprintf("%s on %s still has %v authorized key(s)%s", [_who(u, p), a.system, u.authorized_keys_count, _leave_note(p)]),
		"details": {"locator": sprintf("%s#keys", [u.name]), "person_id": p.person_id, "system": a.system}}
}

deny contains f if {
	some [t, _, u, a, p] in _leaver_users
	_past_limit(p)
	u.password_state in {"usable", "empty"}
	f := {"clause": "ACC-10", "check": "ACC-10", "target": t,
		"msg": sprintf("%s on %s still has a usable password (state %s)", [_who(u, p), a.system, u.password_state]),
		"details": {"locator": sprintf("%s#password", [u.name]), "person_id": p.person_id, "system": a.system}}
}

deny contains f if {
	some [t, host, u, a, p] in _leaver_users
	some g in host.groups
	_past_limit(p)
	g.name in _privileged_groups
	u.name in g.members
	f := {"clause": "ACC-10", "check": "ACC-10", "target": t,
		"msg": sprintf("%s on %s is still in privileged group %s", [_who(u, p), a.system, g.name]),
		"details": {"locator": sprintf("%s#group:%s", [u.name, g.name]), "person_id": p.person_id, "system": a.system}}
}

deny contains f if {
	some [t, _, u, a, p] in _leaver_users
	u.last_login != null
	after := _ns(u.last_login) - _ns(p.hr_leave_datetime)
	after > 0
	f := {"clause": "ACC-10", "check": "ACC-10", "target": t,
		"msg": sprintf("%s logged in on %s %s after leaving", [_who(u, p), a.system, _delay(after)]),
		"details": {"locator": sprintf("%s#login", [u.name]), "person_id": p.person_id, "system": a.system}}
}

# A leaver's registered key copied to another login (a shared or service account) still opens the host.
_leaver_keys contains [p, fp] if {
	some p in _access.persons
	_leaver(p)
	some a in _access.accounts
	a.person_id == p.person_id
	some fp in a.ssh_key_fingerprints
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	system := _host_system(t, host)
	some u in host.users
	some k in u.authorized_keys
	some [p, fp] in _leaver_keys
	k.fingerprint_sha256 == fp
	_past_limit(p)
	name := object.get(u, "name", null) # a nameless login is no leaver's own: still a finding
	not _own_login(p, system, name)
	f := {"clause": "ACC-10", "check": "ACC-10", "target": t,
		"msg": sprintf("leaver %s's key %s is still authorized for %v on %s", [p.person_id, fp, name, system]),
		"details": {"locator": sprintf("%v#key:%s", [name, fp]), "person_id": p.person_id, "system": system}}
}

_own_login(p, system, name) if {
	some a in _access.accounts
	a.person_id == p.person_id
	a.system == system
	a.username == name
}

# -- shared access-list helpers (kept in each package: one package per clause) --

_hour_ns := 3600000000000

_day_ns := 86400000000000

_now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

# [target id, access list] pairs; normally one, target "access".
_lists contains [t, al] if some t, al in input.evidence["access.list"]

_ns(ts) := time.parse_rfc3339_ns(ts)

# "30h", "30h 15m": a positive delay in whole hours and minutes.
_delay(d) := sprintf("%vh", [floor(d / _hour_ns)]) if {
	floor((d % _hour_ns) / 60000000000) == 0
} else := sprintf("%vh %vm", [floor(d / _hour_ns), floor((d % _hour_ns) / 60000000000)])

_age_days(ts) := floor((_now_ns - _ns(ts)) / _day_ns)

# How an account is named in a finding: system, shown username (redacted e-mails), person.
_label(a) := sprintf("%s account %s (person %s)", [a.system, a.username, _person_text(a)])

_person_text(a) := a.person_id if a.person_id != null
else := "unlinked"

_active(a) if a.status == "active"

_person(al, id) := p if {
	some p in al.persons
	p.person_id == id
}

_role(al, id) := r if {
	some r in al.roles
	r.role_id == id
}

_leaver(p) if {
	p.hr_leave_datetime != null
	_ns(p.hr_leave_datetime) <= _now_ns
}

_leave_note(p) := " (leave date only: 23:59:59 Europe/London assumed)" if p.hr_leave_datetime_inferred
else := ""

# The system name of a host target in the access list: "host:<hostname>".
_host_system(t, acc) := sprintf("host:%s", [acc.hostname]) if acc.hostname != null
else := sprintf("host:%s", [t])

_host_accounts(al, system, username) := [a |
	some a in al.accounts
	a.system == system
	a.username == username
]
