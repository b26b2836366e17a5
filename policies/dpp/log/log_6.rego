# METADATA
# title: LOG-6 source changes are attributable to individual developers
# custom:
#   clause: LOG-6
#   severity: high
#   requires: [git.history, access.list]
#   remediation: Commit only under personal identities that map to one person in the access list (git_emails or a git account), list bots in params.bot_identities, and sign commits.
package dpp.log.log_6

import rego.v1

_access := al if some _, al in input.evidence["access.list"]

_exempt(i) if i.bot

_exempt(i) if {
	i.web_flow
	i.authored == 0
}

_identities contains [repo, i] if {
	some repo, g in input.evidence["git.history"]
	some i in g.identities
	not _exempt(i)
}

_persons(fp) := {p.person_id | some p in _access.persons; fp in p.email_fps} | {a.person_id |
	some a in _access.accounts
	a.system == "git"
	a.username_fp == fp
	a.person_id != null
}

_uses(i) := sprintf("%v authored, %v committed", [i.authored, i.committed])

deny contains f if {
	some [repo, i] in _identities
	i.generic != null
	f := {"clause": "LOG-6", "check": "LOG-6.b", "target": repo,
		"msg": sprintf("shared or generic identity %s in the history (%s; %s)", [i.email, i.generic, _uses(i)]),
		"details": {"locator": i.email_fp, "identity": i.email}}
}

deny contains f if {
	some [repo, i] in _identities
	i.generic == null
	n := count(_persons(i.email_fp))
	n != 1
	f := {"clause": "LOG-6", "check": "LOG-6.a", "target": repo,
		"msg": sprintf("identity %s (%s) maps to %v persons in the access list (must be exactly 1)", [i.email, _uses(i), n]),
		"details": {"locator": i.email_fp, "identity": i.email, "persons": sort(_persons(i.email_fp))}}
}

deny contains f if {
	some [repo, i] in _identities
	i.names_count > 1
	f := {"clause": "LOG-6", "check": "LOG-6.c", "target": repo,
		"msg": sprintf("identity %s is used under %v different names", [i.email, i.names_count]),
		"details": {"locator": sprintf("%s#names", [i.email_fp]), "identity": i.email}}
}

deny contains f if {
	some [repo, i] in _identities
	i.last_at != null
	some pid in _persons(i.email_fp)
	p := _person(_access, pid)
	_leaver(p)
	after := _ns(i.last_at) - _ns(p.hr_leave_datetime)
	after > 0
	f := {"clause": "LOG-6", "check": "LOG-6.d", "target": repo,
		"msg": sprintf("person %s authored commits as %s %s after leaving", [pid, i.email, _delay(after)]),
		"details": {"locator": sprintf("%s#leaver", [i.email_fp]), "person_id": pid, "identity": i.email}}
}

warn contains f if {
	some repo, g in input.evidence["git.history"]
	g.commits_scanned > 0
	g.signed_commits * 100 < g.commits_scanned * 95
	f := {"clause": "LOG-6", "check": "LOG-6.e", "target": repo,
		"msg": sprintf("%v of %v commits are signed (target: 95 percent)", [g.signed_commits, g.commits_scanned]),
		"details": {"locator": "signed"}}
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
