# METADATA
# title: NET-5 SSH users and keys are the approved ones in the access list
# custom:
#   clause: NET-5
#   severity: high
#   requires: [host.sshd, host.accounts, access.list]
#   remediation: List in AllowUsers/AllowGroups only active access-list accounts with an SSH role for the host, and register every authorized key in the access list.
package dpp.net.net_5_access

import rego.v1

_access := al if some _, al in input.evidence["access.list"]

_approved(system, name) if {
	some a in _host_accounts(_access, system, name)
	_active(a)
	some rid in a.roles
	_role(_access, rid).ssh_login
}

# AllowUsers entries may be USER@HOST; the user part is what must be approved.
_allowed_users(sshd, host) := {split(e, "@")[0] | some e in object.get(sshd.effective, "allowusers", [])} | {m |
	some gname in object.get(sshd.effective, "allowgroups", [])
	some g in host.groups
	g.name == gname
	some m in g.members
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	host := input.evidence["host.accounts"][t]
	system := _host_system(t, host)
	some name in _allowed_users(sshd, host)
	not contains(name, "*")
	not contains(name, "?")
	not _approved(system, name)
	f := {"clause": "NET-5", "check": "NET-5.a", "target": t,
		"msg": sprintf("SSH allows %s on %s, which is not an active access-list account with an SSH role", [name, system]),
		"details": {"locator": sprintf("allow:%s", [name]), "system": system, "user": name}}
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	some entry in object.get(sshd.effective, "allowusers", [])
	regex.match(`[*?]`, entry)
	f := {"clause": "NET-5", "check": "NET-5.a", "target": t,
		"msg": sprintf("SSH AllowUsers pattern %s admits users that are not named", [entry]),
		"details": {"locator": sprintf("allow:%s", [entry])}}
}

_registered(system, name, fp) if {
	some a in _host_accounts(_access, system, name)
	_active(a)
	fp in a.ssh_key_fingerprints
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	system := _host_system(t, host)
	some u in host.users
	some k in u.authorized_keys
	fp := k.fingerprint_sha256
	fp != null
	name := object.get(u, "name", null) # a nameless login has no registered keys
	not _registered(system, name, fp)
	f := {"clause": "NET-5", "check": "NET-5.b", "target": t,
		"msg": sprintf("authorized key %s of %v on %s is not registered for an active account in the access list", [fp, name, system]),
		"details": {"locator": sprintf("key:%v:%s", [name, fp]), "system": system, "user": name}}
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
