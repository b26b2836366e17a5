package dpp.acc.acc_6

import rego.v1

_l(forwards) := {"host.logging": {"h": {"rsyslog": {"forwards": forwards}, "journal_upload": {"enabled": false, "tls": false, "url": null}, "agents": []}}}

test_tls_forward_of_auth_passes if {
	count(deny) == 0 with input as {"evidence": _l([{"host": "s", "port": 6514, "tls": true, "facilities": ["auth"], "protocol": "tcp"}])}
}

test_tls_forward_without_auth_fails if {
	{f.check | some f in deny} == {"ACC-6.a"} with input as {"evidence": _l([{"host": "s", "port": 6514, "tls": true, "facilities": ["mail"], "protocol": "tcp"}])}
}
