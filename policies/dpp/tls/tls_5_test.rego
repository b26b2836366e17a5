package dpp.tls.tls_5

import rego.v1

t_sock(port) := {"proto": "tcp", "local_address": "0.0.0.0", "port": port, "process": "p", "is_loopback": false}

t_doc(port, probe) := {"params": {}, "targets": {}, "evidence": {
	"host.listening": {"h": {"listening_sockets": [t_sock(port), object.union(t_sock(5432), {"is_loopback": true})]}},
	"tls.endpoint": {sprintf("h/tcp/0.0.0.0/%v", [port]): probe},
}}

test_tls_listener_passes if {
	count(deny) == 0 with input as t_doc(443, {"url": "https://h:443", "source": "socket", "tls_handshake_ok": true})
}

test_plaintext_listener_fails if {
	probe := {"url": "https://h:6379", "source": "socket", "tls_handshake_ok": false, "plaintext_probe": {"protocol_guess": "redis"}}
	some f in deny with input as t_doc(6379, probe)
	f.details.seen == "redis"
	f.target == "h"
}
