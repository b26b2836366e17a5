package dpp.tls.tls_4

import rego.v1

t_params := {"hsts_min_age_fail": 31536000, "hsts_min_age_warn": 63072000}

t_redirect := {"path": "/", "status": 301, "location": "https://a/", "https": true, "same_host": true, "path_preserved": true}

t_doc(t, hsts) := {"params": t_params, "evidence": {"tls.endpoint": {"a": {
	"url": "https://a:443", "host": "a", "source": "config", "tls_handshake_ok": true,
	"http": {"status": 200, "error": null, "hsts": hsts},
	"plain_http": {"port": 80, "reachable": true, "paths_tested": [t]},
}}}}

test_redirect_and_hsts_pass if {
	count(deny) == 0 with input as t_doc(t_redirect, {"present": true, "max_age": 63072000})
}

test_plain_content_and_missing_hsts_fail if {
	checks := {f.check | some f in deny} with input as t_doc(object.union(t_redirect, {"status": 200}), {"present": false})
	checks == {"TLS-4.a", "TLS-4.b"}
}
