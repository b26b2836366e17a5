# METADATA
# title: ACC-2 data scopes of each account stay within the role matrix for the person's job function
# custom:
#   clause: ACC-2
#   severity: high
#   requires: [access.list]
#   remediation: Remove roles whose data scopes the holder's job function does not need, or amend and re-attest the role matrix.
package dpp.acc.acc_2

import rego.v1

deny contains f if {
	some [t, al] in _lists
	count(al.role_matrix) == 0
	f := {"clause": "ACC-2", "check": "ACC-2", "target": t,
		"msg": "no role matrix was imported (access.role_matrix_file), so data scopes cannot be checked",
		"details": {"locator": "role_matrix"}}
}

_scopes(al, a) := {s | some rid in a.roles; some s in _role(al, rid).data_scopes}

_allowed(al, function) := {s | some m in al.role_matrix; m.job_function == function; some s in m.allowed_data_scopes}

_in_matrix(al, function) if {
	some m in al.role_matrix
	m.job_function == function
}

_holders contains [t, al, a, p] if {
	some [t, al] in _lists
	count(al.role_matrix) > 0
	some a in al.accounts
	_active(a)
	a.person_id != null
	p := _person(al, a.person_id)
}

deny contains f if {
	some [t, al, a, p] in _holders
	excess := _scopes(al, a) - _allowed(al, p.job_function)
	count(excess) > 0
	_in_matrix(al, p.job_function)
	f := {"clause": "ACC-2", "check": "ACC-2", "target": t,
		"msg": sprintf("%s has data scopes %v beyond those allowed for job function %s", [_label(a), sort(excess), p.job_function]),
		"details": {"locator": a.account_id, "person_id": a.person_id, "system": a.system, "excess_scopes": sort(excess)}}
}

deny contains f if {
	some [t, al, a, p] in _holders
	count(_scopes(al, a)) > 0
	function := object.get(p, "job_function", null) # no job function: not in the matrix either
	not _in_matrix(al, function)
	f := {"clause": "ACC-2", "check": "ACC-2", "target": t,
		"msg": sprintf("%s holds data scopes but job function %v is not in the role matrix", [_label(a), function]),
		"details": {"locator": sprintf("%s#function", [a.account_id]), "person_id": a.person_id, "system": a.system}}
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
