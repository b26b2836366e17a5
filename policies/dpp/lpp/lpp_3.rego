# METADATA
# title: LPP-3 developers have no standing production PII access
# custom:
#   clause: LPP-3
#   severity: high
#   requires: [access.list]
#   remediation: Remove production PII roles from developers, or record a time-boxed exception (approver, at most 30 days) that has not expired.
package dpp.lpp.lpp_3

import rego.v1

_developer(p) if regex.match(`(?i)develop|engineer|programmer`, p.job_function)

_valid_exception(a) if {
	e := a.exception
	e.approved_by != null
	e.approved_by != a.person_id
	e.approved_at != null
	e.expires_at != null
	_ns(e.expires_at) - _ns(e.approved_at) <= input.params.dev_exception_max_days * _day_ns
	_ns(e.expires_at) > _now_ns
}

deny contains f if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	a.person_id != null
	p := _person(al, a.person_id)
	is_string(p.job_function)
	_developer(p)
	some rid in a.roles
	r := _role(al, rid)
	r.grants_pii
	r.production
	not _valid_exception(a)
	f := {"clause": "LPP-3", "check": "LPP-3", "target": t,
		"msg": sprintf("%s (job function %s) holds production PII role %s without a valid time-boxed exception", [_label(a), p.job_function, rid]),
		"details": {"locator": sprintf("%s#%s", [a.account_id, rid]), "person_id": a.person_id, "system": a.system}}
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
