package dpp.net.net_5

import rego.v1

_sshd(effective, blocks) := {"host.sshd": {"h": {"installed": true, "method": "sshd -T",
	"effective": effective, "match_blocks": blocks}}}

test_unrestricted_root_login_fails_both if {
	checks := {f.check | some f in deny} with input as {"evidence": _sshd(
		{"allowusers": [], "allowgroups": [], "permitrootlogin": "without-password"}, [])}
	checks == {"NET-5.a", "NET-5.b"}
}

test_named_users_and_no_root_pass if {
	count(deny) == 0 with input as {"evidence": _sshd(
		{"allowusers": ["alice"], "allowgroups": [], "permitrootlogin": "no"}, [])}
}

test_match_block_root_login_fails if {
	some f in deny with input as {"evidence": _sshd(
		{"allowusers": [], "allowgroups": ["sshusers"], "permitrootlogin": "no"},
		[{"criteria": "User admin", "file": "/etc/ssh/sshd_config", "line": 9, "effective": {"permitrootlogin": "yes"}}])}
	f.msg == "PermitRootLogin is yes for Match User admin (/etc/ssh/sshd_config:9) (want no)"
}

test_no_sshd_passes if {
	count(deny) == 0 with input as {"evidence": {"host.sshd": {"h": {"installed": false}}}}
}
