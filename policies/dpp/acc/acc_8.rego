# METADATA
# title: ACC-8 access is reviewed every 90 days, per account and per system
# custom:
#   clause: ACC-8
#   severity: high
#   requires: [access.list]
#   remediation: Review every active account at least every 90 days, record a signed review per system, remove accounts the review marked for removal, and fix rows the importer rejected.
package dpp.acc.acc_8

import rego.v1

max_days := input.params.access_review_max_days

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.last_access_review_date == null
	f := {"clause": "ACC-8", "check": "ACC-8.a", "target": t,
		"msg": sprintf("%s has never been reviewed (limit %v days)", [_label(a), max_days]),
		"details": {"locator": a.account_id, "person_id": a.person_id, "system": a.system}}
}

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.last_access_review_date != null
	_now_ns - _ns(a.last_access_review_date) > max_days * _day_ns
	age := _age_days(a.last_access_review_date)
	f := {"clause": "ACC-8", "check": "ACC-8.a", "target": t,
		"msg": sprintf("%s was last reviewed %v days ago on %s (limit %v days)", [_label(a), age, a.system, max_days]),
		"details": {"locator": a.account_id, "person_id": a.person_id, "system": a.system, "last_access_review_date": a.last_access_review_date}}
}

_systems(al) := {a.system | some a in al.accounts; _active(a)}

_recent_review(al, system) if {
	some r in al.reviews
	r.system == system
	r.signed
	r.document_ref != null
	# nanoseconds, not floored days: floor() of values in (-1, 0) differs between engines
	age := _now_ns - _ns(r.completed_at)
	age >= 0
	age <= max_days * _day_ns
}

deny contains f if {
	some [t, al] in _lists
	some system in _systems(al)
	not _recent_review(al, system)
	f := {"clause": "ACC-8", "check": "ACC-8.b", "target": t,
		"msg": sprintf("%s has no signed access review with a document reference in the last %v days", [system, max_days]),
		"details": {"locator": system, "system": system}}
}

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.review_outcome == "remove"
	a.last_access_review_date != null
	late := _now_ns - _ns(a.last_access_review_date)
	late > 24 * _hour_ns
	f := {"clause": "ACC-8", "check": "ACC-8.b", "target": t,
		"msg": sprintf("%s was marked for removal by the review of %s and is still active %s later", [_label(a), a.last_access_review_date, _delay(late)]),
		"details": {"locator": sprintf("%s#remove", [a.account_id]), "person_id": a.person_id, "system": a.system}}
}

deny contains f if {
	some [t, al] in _lists
	some e in al.import_errors
	f := {"clause": "ACC-8", "check": "ACC-8.c", "target": t,
		"msg": sprintf("access-list row rejected, so it was not reviewed: %s:%v: %s", [e.file, e.line, e.message]),
		"details": {"locator": sprintf("%s:%v", [e.file, e.line])}}
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
