# METADATA
# title: ACC-9 leavers' accounts are revoked within 24 hours on every system
# custom:
#   clause: ACC-9
#   severity: critical
#   requires: [access.list]
#   remediation: Disable every account of a leaver (identity provider, AWS, hosts, Seller Central, git) within 24 hours of the HR leave time and record when.
package dpp.acc.acc_9

import rego.v1

limit_ns := input.params.leaver_revoke_hours * _hour_ns

_leaver_accounts contains [t, p, a] if {
	some [t, al] in _lists
	some p in al.persons
	_leaver(p)
	some a in al.accounts
	a.person_id == p.person_id
}

deny contains f if {
	some [t, p, a] in _leaver_accounts
	_active(a)
	late := _now_ns - _ns(p.hr_leave_datetime)
	late > limit_ns
	f := {"clause": "ACC-9", "check": "ACC-9", "target": t,
		"msg": sprintf("%s is still active %s after leave on %s (limit %vh)%s", [_label(a), _delay(late), a.system, input.params.leaver_revoke_hours, _leave_note(p)]),
		"details": {"locator": a.account_id, "person_id": p.person_id, "system": a.system, "hr_leave_datetime": p.hr_leave_datetime, "status": a.status}}
}

deny contains f if {
	some [t, p, a] in _leaver_accounts
	not _active(a)
	a.revoked_at == null
	f := {"clause": "ACC-9", "check": "ACC-9", "target": t,
		"msg": sprintf("%s is %s but the revocation time is not recorded, so the %vh limit after leave cannot be shown", [_label(a), a.status, input.params.leaver_revoke_hours]),
		"details": {"locator": a.account_id, "person_id": p.person_id, "system": a.system, "hr_leave_datetime": p.hr_leave_datetime}}
}

deny contains f if {
	some [t, p, a] in _leaver_accounts
	not _active(a)
	a.revoked_at != null
	late := _ns(a.revoked_at) - _ns(p.hr_leave_datetime)
	late > limit_ns
	f := {"clause": "ACC-9", "check": "ACC-9", "target": t,
		"msg": sprintf("%s revoked %s after leave on %s (limit %vh)%s", [_label(a), _delay(late), a.system, input.params.leaver_revoke_hours, _leave_note(p)]),
		"details": {"locator": a.account_id, "person_id": p.person_id, "system": a.system, "hr_leave_datetime": p.hr_leave_datetime, "revoked_at": a.revoked_at}}
}

deny contains f if {
	some [t, p, a] in _leaver_accounts
	a.last_login_at != null
	after := _ns(a.last_login_at) - _ns(p.hr_leave_datetime)
	after > 0
	f := {"clause": "ACC-9", "check": "ACC-9", "target": t,
		"msg": sprintf("%s logged in %s after leave on %s", [_label(a), _delay(after), a.system]),
		"details": {"locator": sprintf("%s#login", [a.account_id]), "person_id": p.person_id, "system": a.system, "last_login_at": a.last_login_at}}
}

deny contains f if {
	some [t, al] in _lists
	some p in al.persons
	p.employment_status == "leaver"
	p.hr_leave_datetime == null
	f := {"clause": "ACC-9", "check": "ACC-9", "target": t,
		"msg": sprintf("person %s is a leaver without an HR leave time, so the %vh revocation limit cannot be measured", [p.person_id, input.params.leaver_revoke_hours]),
		"details": {"locator": sprintf("person:%s", [p.person_id]), "person_id": p.person_id}}
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
