# METADATA
# title: NET-5 SSH is limited to named users and root cannot log in (host checks)
# custom:
#   clause: NET-5
#   severity: high
#   requires: [host.sshd]
#   remediation: Set AllowUsers or AllowGroups to the approved accounts and PermitRootLogin no, in the global section and in every Match block.
package dpp.net.net_5

import rego.v1

# The access-list join (approved users, registered keys) lives in dpp.net.net_5_access.

_source(sshd) := "sshd -T" if sshd.method == "sshd -T"
else := "the sshd config files (sshd -T could not run)"

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	count(object.get(sshd.effective, "allowusers", [])) == 0
	count(object.get(sshd.effective, "allowgroups", [])) == 0
	f := {"clause": "NET-5", "check": "NET-5.a", "target": t,
		"msg": sprintf("AllowUsers and AllowGroups are both unset in %s, so every local account may log in over SSH", [_source(sshd)]),
		"details": {"locator": "sshd:allowusers"}}
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	value := sshd.effective.permitrootlogin
	value != "no"
	f := {"clause": "NET-5", "check": "NET-5.b", "target": t,
		"msg": sprintf("PermitRootLogin is %s in %s (want no)", [value, _source(sshd)]),
		"details": {"locator": "sshd:permitrootlogin", "value": value}}
}

deny contains f if {
	some t, sshd in input.evidence["host.sshd"]
	sshd.installed
	some block in sshd.match_blocks
	value := block.effective.permitrootlogin
	value != "no"
	value != sshd.effective.permitrootlogin
	f := {"clause": "NET-5", "check": "NET-5.b", "target": t,
		"msg": sprintf("PermitRootLogin is %s for Match %s (%s:%v) (want no)", [value, block.criteria, block.file, block.line]),
		"details": {"locator": sprintf("sshd:match:%s:permitrootlogin", [block.criteria]), "value": value}}
}
