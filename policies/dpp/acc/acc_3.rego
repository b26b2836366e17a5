# METADATA
# title: ACC-3 host identities are unique and only root has UID 0 (host checks)
# custom:
#   clause: ACC-3
#   severity: critical
#   requires: [host.accounts]
#   remediation: Give every account and group its own name and id (fix /etc/passwd and /etc/group), and remove UID 0 from every account but root.
package dpp.acc.acc_3

import rego.v1

# The 1:1 mapping of interactive accounts to people lives in dpp.acc.acc_3_access.

_dupes(items, field) := {v |
	some x in items
	v := x[field]
	count([y | some y in items; y[field] == v]) > 1
}

_kinds := {
	"users": {"field": "name", "what": "username", "file": "/etc/passwd"},
	"users_uid": {"field": "uid", "what": "UID", "file": "/etc/passwd"},
	"groups": {"field": "name", "what": "group name", "file": "/etc/group"},
	"groups_gid": {"field": "gid", "what": "GID", "file": "/etc/group"},
}

_items(host, kind) := host.users if startswith(kind, "users")
else := host.groups

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	some kind, spec in _kinds
	some v in _dupes(_items(host, kind), spec.field)
	n := count([x | some x in _items(host, kind); x[spec.field] == v])
	f := {"clause": "ACC-3", "check": "ACC-3", "target": t,
		"msg": sprintf("%s %v appears %v times in %s (identities must be unique)", [spec.what, v, n, spec.file]),
		"details": {"locator": sprintf("duplicate:%s:%v", [kind, v])}}
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	some u in host.users
	u.uid == 0
	u.name != "root"
	f := {"clause": "ACC-3", "check": "ACC-3", "target": t,
		"msg": sprintf("account %s has UID 0 in /etc/passwd (only root may)", [u.name]),
		"details": {"locator": sprintf("uid0:%s", [u.name])}}
}
