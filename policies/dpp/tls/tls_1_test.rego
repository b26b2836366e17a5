package dpp.tls.tls_1

import rego.v1

t_ep(protocols) := {"url": "https://a:443", "source": "config", "tls_handshake_ok": true, "protocols": protocols}

t_modern := {"sslv2": false, "sslv3": false, "tls1_0": false, "tls1_1": false, "tls1_2": true, "tls1_3": true}

test_modern_endpoint_passes if {
	count(deny) == 0 with input as {"params": {"tls_min_version": "TLSv1.2"}, "evidence": {"tls.endpoint": {"a": t_ep(t_modern)}}}
}

test_tls1_0_fails_naming_endpoint_and_version if {
	some f in deny with input as {"params": {"tls_min_version": "TLSv1.2"}, "evidence": {"tls.endpoint": {"a": t_ep(object.union(t_modern, {"tls1_0": true}))}}}
	f.details.seen == "TLS 1.0"
	f.details.endpoint == "https://a:443"
}

test_no_handshake_is_not_a_pass if {
	count(deny) == 1 with input as {"params": {}, "evidence": {"tls.endpoint": {"a": {"url": "https://a:443", "source": "config", "tls_handshake_ok": false}}}}
}
