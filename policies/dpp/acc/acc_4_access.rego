# METADATA
# title: ACC-4 no shared or generic accounts in the access list; every account belongs to one person
# custom:
#   clause: ACC-4
#   severity: critical
#   requires: [access.list]
#   remediation: Replace shared and generic accounts by personal ones, link every human account to one person, and keep break-glass accounts sealed.
package dpp.acc.acc_4_access

import rego.v1

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.account_type in {"shared", "generic"}
	f := {"clause": "ACC-4", "check": "ACC-4.a", "target": t,
		"msg": sprintf("%s is an active %s account", [_label(a), a.account_type]),
		"details": {"locator": a.account_id, "person_id": a.person_id, "system": a.system, "account_type": a.account_type}}
}

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.account_type == "break_glass"
	not a.sealed
	f := {"clause": "ACC-4", "check": "ACC-4.a", "target": t,
		"msg": sprintf("%s is a break-glass account that is active and not sealed", [_label(a)]),
		"details": {"locator": a.account_id, "system": a.system, "account_type": a.account_type}}
}

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.account_type in {"human", "external_auditor"}
	not _linked(al, a)
	f := {"clause": "ACC-4", "check": "ACC-4.a", "target": t,
		"msg": sprintf("%s is an active %s account not linked to a known person", [_label(a), a.account_type]),
		"details": {"locator": a.account_id, "system": a.system, "person_id": a.person_id}}
}

_linked(al, a) if {
	a.person_id != null
	_person(al, a.person_id)
}

# A generic login name used by people (service accounts may carry such names; the host rules check
# that those are not interactive).
deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.account_type in {"human", "shared", "generic"}
	_generic_name(a)
	f := {"clause": "ACC-4", "check": "ACC-4.c", "target": t,
		"msg": sprintf("%s uses the generic login name %s", [_label(a), a.username]),
		"details": {"locator": sprintf("%s#name", [a.account_id]), "system": a.system, "person_id": a.person_id}}
}

_generic_name(a) if regex.match(input.params.generic_name_regex, a.username)

_generic_name(a) if a.generic_login == true

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.username == "root"
	not _sealed_break_glass(a)
	f := {"clause": "ACC-4", "check": "ACC-4.b", "target": t,
		"msg": sprintf("%s: root is listed as a login in use; root may only be a sealed break-glass account", [_label(a)]),
		"details": {"locator": a.account_id, "system": a.system}}
}

_sealed_break_glass(a) if {
	a.account_type == "break_glass"
	a.sealed
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
