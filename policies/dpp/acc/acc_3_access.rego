# METADATA
# title: ACC-3 every interactive host account maps to exactly one active person in the access list
# custom:
#   clause: ACC-3
#   severity: critical
#   requires: [host.accounts, access.list]
#   remediation: Record each interactive host login in the access list as one human account of one active person (system host:<hostname>), or lock it.
package dpp.acc.acc_3_access

import rego.v1

_access := al if some _, al in input.evidence["access.list"]

_records(system, name) := [a |
	some a in _host_accounts(_access, system, name)
	_active(a)
	a.account_type == "human"
	a.person_id != null
	p := _person(_access, a.person_id)
	not _leaver(p)
]

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	system := _host_system(t, host)
	some u in host.users
	u.interactive
	u.uid != 0
	n := count(_records(system, u.name))
	n != 1
	f := {"clause": "ACC-3", "check": "ACC-3", "target": t,
		"msg": sprintf("interactive account %s on %s maps to %v active people in the access list (must be exactly 1)", [u.name, system, n]),
		"details": {"locator": sprintf("access:%s", [u.name]), "system": system, "user": u.name}}
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
