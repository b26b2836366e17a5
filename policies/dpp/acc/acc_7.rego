# METADATA
# title: ACC-7 every system has a revocation method and ad-hoc revocations are executed promptly
# custom:
#   clause: ACC-7
#   severity: medium
#   requires: [access.list]
#   remediation: Record a revocation method (sso, directory or manual_runbook) for every system and complete ad-hoc revocation requests within 24 hours.
package dpp.acc.acc_7

import rego.v1

limit_ns := input.params.adhoc_revoke_hours * _hour_ns

# Only accounts imported with the revocation_method field can show it is missing.
_systems(al) := {a.system | some a in al.accounts; _active(a); "revocation_method" in object.keys(a)}

_has_method(al, system) if {
	some a in al.accounts
	a.system == system
	object.get(a, "revocation_method", null) != null
}

deny contains f if {
	some [t, al] in _lists
	some system in _systems(al)
	not _has_method(al, system)
	f := {"clause": "ACC-7", "check": "ACC-7.a", "target": t,
		"msg": sprintf("%s has no recorded revocation method (sso, directory or manual_runbook)", [system]),
		"details": {"locator": system, "system": system}}
}

deny contains f if {
	some [t, al] in _lists
	some r in al.revocation_requests
	r.completed_at != null
	took := _ns(r.completed_at) - _ns(r.requested_at)
	took > limit_ns
	f := {"clause": "ACC-7", "check": "ACC-7.c", "target": t,
		"msg": sprintf("revocation request %s on %v completed %s after it was requested (limit %vh)", [r.request_id, r.system, _delay(took), input.params.adhoc_revoke_hours]),
		"details": {"locator": r.request_id, "system": r.system, "person_id": r.person_id}}
}

deny contains f if {
	some [t, al] in _lists
	some r in al.revocation_requests
	r.completed_at == null
	open := _now_ns - _ns(r.requested_at)
	open > limit_ns
	f := {"clause": "ACC-7", "check": "ACC-7.c", "target": t,
		"msg": sprintf("revocation request %s on %v is still open %s after it was requested (limit %vh)", [r.request_id, r.system, _delay(open), input.params.adhoc_revoke_hours]),
		"details": {"locator": r.request_id, "system": r.system, "person_id": r.person_id}}
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
