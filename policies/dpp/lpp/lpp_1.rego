# METADATA
# title: LPP-1 access only through catalogue roles allowed for the job function; few, justified privileged accounts
# custom:
#   clause: LPP-1
#   severity: high
#   requires: [access.list]
#   remediation: Grant access only through catalogued roles mapped to the job function in the role matrix, remove direct permissions, and keep privileged holders within the limit.
package dpp.lpp.lpp_1

import rego.v1

_active_accounts contains [t, al, a] if {
	some [t, al] in _lists
	some a in al.accounts
	_active(a)
}

deny contains f if {
	some [t, al] in _lists
	count(al.roles) == 0
	f := {"clause": "LPP-1", "check": "LPP-1.a", "target": t,
		"msg": "no role catalogue was imported (access.roles_file), so roles cannot be checked",
		"details": {"locator": "roles"}}
}

deny contains f if {
	some [t, _, a] in _active_accounts
	count(a.roles) == 0
	f := {"clause": "LPP-1", "check": "LPP-1.a", "target": t,
		"msg": sprintf("%s is active without any role", [_label(a)]),
		"details": {"locator": sprintf("%s#roles", [a.account_id]), "person_id": a.person_id, "system": a.system}}
}

deny contains f if {
	some [t, _, a] in _active_accounts
	count(a.direct_permissions) > 0
	f := {"clause": "LPP-1", "check": "LPP-1.b", "target": t,
		"msg": sprintf("%s has %v direct permissions outside any role", [_label(a), count(a.direct_permissions)]),
		"details": {"locator": sprintf("%s#direct", [a.account_id]), "person_id": a.person_id, "system": a.system}}
}

deny contains f if {
	some [t, al, a] in _active_accounts
	count(al.roles) > 0
	some rid in a.roles
	not _role(al, rid)
	f := {"clause": "LPP-1", "check": "LPP-1.c", "target": t,
		"msg": sprintf("%s holds role %s, which is not in the role catalogue", [_label(a), rid]),
		"details": {"locator": sprintf("%s#%s", [a.account_id, rid]), "person_id": a.person_id, "system": a.system}}
}

_role_allowed(al, rid, function) if {
	some m in al.role_matrix
	m.job_function == function
	rid in m.allowed_roles
}

_role_allowed(al, rid, function) if function in _role(al, rid).allowed_job_functions

deny contains f if {
	some [t, al, a] in _active_accounts
	a.person_id != null
	p := _person(al, a.person_id)
	some rid in a.roles
	_role(al, rid)
	function := object.get(p, "job_function", null) # no job function: no role is shown allowed
	not _role_allowed(al, rid, function)
	f := {"clause": "LPP-1", "check": "LPP-1.d", "target": t,
		"msg": sprintf("%s holds role %s, which is not allowed for job function %v", [_label(a), rid, function]),
		"details": {"locator": sprintf("%s#%s", [a.account_id, rid]), "person_id": a.person_id, "system": a.system}}
}

_privileged(al, a) if {
	some rid in a.roles
	_role(al, rid).privileged
}

_holder(a) := a.person_id if a.person_id != null
else := a.account_id

deny contains f if {
	some [t, al] in _lists
	holders := {_holder(a) | some a in al.accounts; _active(a); a.account_type != "break_glass"; _privileged(al, a)}
	count(holders) > input.params.max_privileged_accounts
	f := {"clause": "LPP-1", "check": "LPP-1.e", "target": t,
		"msg": sprintf("%v people hold privileged roles (limit %v)", [count(holders), input.params.max_privileged_accounts]),
		"details": {"locator": "privileged", "holders": sort(holders)}}
}

deny contains f if {
	some [t, al] in _lists
	some r in al.roles
	"*" in r.data_scopes
	not r.break_glass
	f := {"clause": "LPP-1", "check": "LPP-1.f", "target": t,
		"msg": sprintf("role %s grants every data scope (*) and is not a break-glass role", [r.role_id]),
		"details": {"locator": sprintf("role:%s", [r.role_id])}}
}

deny contains f if {
	some [t, al, a] in _active_accounts
	some rid in a.roles
	_role(al, rid).break_glass
	not a.sealed
	f := {"clause": "LPP-1", "check": "LPP-1.f", "target": t,
		"msg": sprintf("%s holds break-glass role %s while active and not sealed", [_label(a), rid]),
		"details": {"locator": sprintf("%s#%s", [a.account_id, rid]), "system": a.system}}
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
