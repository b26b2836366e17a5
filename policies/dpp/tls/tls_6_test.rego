package dpp.tls.tls_6

import rego.v1

_pg(loopback, ssl, hba) := {"host.dbtls": {"h": {"db_config": [{"engine": "postgresql", "instance": "15/main", "bind_addresses": ["*"],
	"loopback_only": loopback, "ssl_enabled": ssl, "ssl_min_protocol_version": "TLSv1.2", "hba": hba}]}}}

test_loopback_only_needs_nothing if {
	count(deny) == 0 with input as {"evidence": _pg(true, false, [])}
}

test_remote_hostssl_passes if {
	hba := [{"type": "hostssl", "loopback": false, "method": "scram-sha-256", "line": 1}]
	count(deny) == 0 with input as {"evidence": _pg(false, true, hba)}
}

test_remote_host_line_fails if {
	hba := [{"type": "host", "database": "all", "user": "all", "address": "10.0.0.0/8", "loopback": false, "method": "md5", "line": 7}]
	count(deny) == 1 with input as {"evidence": _pg(false, true, hba)}
}

test_reject_line_is_fine if {
	hba := [{"type": "hostnossl", "database": "all", "user": "all", "address": "0.0.0.0/0", "loopback": false, "method": "reject", "line": 9}]
	count(deny) == 0 with input as {"evidence": _pg(false, true, hba)}
}
