package dpp.net.net_6

import rego.v1

t_doc(probes) := {"evidence": {"tls.endpoint": {"a": {"url": "https://a:443", "http": {"directory_listing": false}, "unauth_probe": probes}}}}

test_refused_paths_pass if {
	count(deny) == 0 with input as t_doc([
		{"path": "/.env", "kind": "forbidden", "status": 404},
		{"path": "/admin", "kind": "requires_auth", "status": 401},
	])
}

test_served_env_and_open_admin_fail if {
	checks := {f.check | some f in deny} with input as t_doc([
		{"path": "/.env", "kind": "forbidden", "status": 200, "body_bytes": 10},
		{"path": "/admin", "kind": "requires_auth", "status": 200, "login_redirect": false},
	])
	checks == {"NET-6.a", "NET-6.b"}
}
