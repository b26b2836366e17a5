# METADATA
# title: ACC-1 Amazon-data access is justified by a task and approved independently
# custom:
#   clause: ACC-1
#   severity: high
#   requires: [access.list]
#   remediation: Record a task-based business justification and an approver other than the holder for every account holding a role that grants Amazon data.
package dpp.acc.acc_1

import rego.v1

_amazon_accounts contains [t, a] if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
	some rid in a.roles
	_role(al, rid).grants_amazon_data
}

_blank(v) if v == null

_blank(v) if {
	is_string(v)
	trim_space(v) == ""
}

deny contains f if {
	some [t, a] in _amazon_accounts
	_blank(a.business_justification)
	f := {"clause": "ACC-1", "check": "ACC-1", "target": t,
		"msg": sprintf("%s holds an Amazon-data role without a business justification", [_label(a)]),
		"details": {"locator": sprintf("%s#justification", [a.account_id]), "person_id": a.person_id, "system": a.system, "roles": a.roles}}
}

deny contains f if {
	some [t, a] in _amazon_accounts
	_blank(a.approved_by)
	f := {"clause": "ACC-1", "check": "ACC-1", "target": t,
		"msg": sprintf("%s holds an Amazon-data role with no recorded approver", [_label(a)]),
		"details": {"locator": sprintf("%s#approver", [a.account_id]), "person_id": a.person_id, "system": a.system}}
}

deny contains f if {
	some [t, a] in _amazon_accounts
	a.approved_by != null
	a.approved_by == a.person_id
	f := {"clause": "ACC-1", "check": "ACC-1", "target": t,
		"msg": sprintf("%s approved its own Amazon-data access (approver %s)", [_label(a), a.approved_by]),
		"details": {"locator": sprintf("%s#approver", [a.account_id]), "person_id": a.person_id, "system": a.system}}
}

deny contains f if {
	some [t, a] in _amazon_accounts
	not _approved_in_past(a)
	f := {"clause": "ACC-1", "check": "ACC-1", "target": t,
		"msg": sprintf("%s has no approval date on or before the evaluation time", [_label(a)]),
		"details": {"locator": sprintf("%s#approved_at", [a.account_id]), "person_id": a.person_id, "system": a.system}}
}

_approved_in_past(a) if {
	a.approved_at != null
	_ns(a.approved_at) <= _now_ns
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
