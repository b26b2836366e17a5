# METADATA
# title: LPP-2 sudo rules and root-equivalent groups are limited to approved administrators
# custom:
#   clause: LPP-2
#   severity: high
#   requires: [host.accounts]
#   remediation: Grant ALL only to params.approved_admins, require a password for humans, keep sudo/wheel/docker/lxd/disk/shadow membership to approved admins, make sudoers files 0440 root:root, and set Defaults use_pty and logfile.
package dpp.lpp.lpp_2

import rego.v1

_admins := {a | some a in object.get(input.params, "approved_admins", ["root"])}

_root_groups := {"sudo", "wheel", "admin", "docker", "lxd", "disk", "shadow"}

_good_modes := {"0440", "0400"}

_where(rule) := sprintf("%s:%v", [rule.file, rule.line])

# The accounts a sudoers principal stands for on this host.
_members(host, rule) := {rule.principal} if rule.principal_type == "user"
else := {m | some g in host.groups; g.name == rule.principal; some m in g.members} if rule.principal_type == "group"
else := {u.name | some u in host.users; u.login_shell} if rule.principal_type == "all"
else := {rule.principal}

_humans(host) := {u.name | some u in host.users; u.login_shell}

_active_rules contains [t, host, rule] if {
	some t, host in input.evidence["host.accounts"]
	host.sudoers.present
	some rule in host.sudoers.rules
	not rule.negated
}

deny contains f if {
	some [t, host, rule] in _active_rules
	"ALL" in rule.commands
	some name in _members(host, rule)
	not name in _admins
	f := {"clause": "LPP-2", "check": "LPP-2", "target": t,
		"msg": sprintf("%s may run ALL commands through sudo (%s %s at %s) but is not an approved admin", [name, rule.principal_type, rule.principal, _where(rule)]),
		"details": {"locator": sprintf("sudo:all:%s", [name]), "principal": rule.principal}}
}

deny contains f if {
	some [t, host, rule] in _active_rules
	not rule.authenticate
	some name in _members(host, rule)
	name in _humans(host)
	f := {"clause": "LPP-2", "check": "LPP-2", "target": t,
		"msg": sprintf("%s runs sudo without a password (NOPASSWD or !authenticate, %s %s at %s)", [name, rule.principal_type, rule.principal, _where(rule)]),
		"details": {"locator": sprintf("sudo:nopasswd:%s", [name]), "principal": rule.principal}}
}

deny contains f if {
	some [t, host, rule] in _active_rules
	not rule.authenticate
	"ALL" in rule.commands
	some name in _members(host, rule)
	not name in _humans(host)
	f := {"clause": "LPP-2", "check": "LPP-2", "target": t,
		"msg": sprintf("service principal %s runs ALL commands without a password (%s) (want an explicit command list)", [name, _where(rule)]),
		"details": {"locator": sprintf("sudo:service:%s", [name]), "principal": rule.principal}}
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	some g in host.groups
	g.name in _root_groups
	some m in g.members
	not m in _admins
	f := {"clause": "LPP-2", "check": "LPP-2", "target": t,
		"msg": sprintf("%s is a member of the root-equivalent group %s in /etc/group but is not an approved admin", [m, g.name]),
		"details": {"locator": sprintf("group:%s:%s", [g.name, m])}}
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	host.sudoers.present
	some file in host.sudoers.files
	not _good_file(file)
	f := {"clause": "LPP-2", "check": "LPP-2", "target": t,
		"msg": sprintf("%s is %s %s:%s (want 0440 root:root)", [file.path, file.mode, file.owner, file.group]),
		"details": {"locator": sprintf("file:%s", [file.path]), "mode": file.mode}}
}

_good_file(file) if {
	file.mode in _good_modes
	file.owner == "root"
	file.group == "root"
}

deny contains f if {
	some t, host in input.evidence["host.accounts"]
	host.sudoers.present
	defaults := object.get(host.sudoers, "defaults", []) # none read: not shown set
	some name in ["use_pty", "logfile"]
	not _global_default(defaults, name)
	f := {"clause": "LPP-2", "check": "LPP-2", "target": t,
		"msg": sprintf("sudoers has no global Defaults %s (files: %s)", [name, concat(", ", [x.path | some x in host.sudoers.files])]),
		"details": {"locator": sprintf("sudoers:defaults:%s", [name])}}
}

_global_default(defaults, name) if {
	some d in defaults
	d.name == name
	d.binding_type == "global"
	not d.negated
}
