# METADATA
# title: TLS-1 endpoints negotiate only TLS 1.2 or 1.3
# custom:
#   clause: TLS-1
#   severity: critical
#   requires: [tls.endpoint]
#   remediation: Disable SSLv2, SSLv3, TLS 1.0 and TLS 1.1 (e.g. nginx `ssl_protocols TLSv1.2 TLSv1.3;`) and enable TLS 1.3.
package dpp.tls.tls_1

import rego.v1

versions := ["sslv2", "sslv3", "tls1_0", "tls1_1", "tls1_2", "tls1_3"]

labels := {
	"sslv2": "SSLv2", "sslv3": "SSLv3", "tls1_0": "TLS 1.0",
	"tls1_1": "TLS 1.1", "tls1_2": "TLS 1.2", "tls1_3": "TLS 1.3",
}

min_index := {"TLSv1.2": 4, "TLSv1.3": 5}

floor_index := i if {
	i := min_index[input.params.tls_min_version]
} else := 4

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.tls_handshake_ok
	some i, v in versions
	i < floor_index
	ep.protocols[v] == true
	f := {
		"clause": "TLS-1", "check": "TLS-1", "target": target,
		"msg": sprintf("%s accepts %s", [ep.url, labels[v]]),
		"details": {"locator": v, "endpoint": ep.url, "seen": labels[v]},
	}
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.tls_handshake_ok
	not ep.protocols.tls1_2
	not ep.protocols.tls1_3
	f := {
		"clause": "TLS-1", "check": "TLS-1", "target": target,
		"msg": sprintf("%s accepts neither TLS 1.2 nor TLS 1.3", [ep.url]),
		"details": {"locator": "no_modern_tls", "endpoint": ep.url},
	}
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	object.get(ep, "tls_handshake_ok", null) != true
	ep.source != "socket"
	guess := object.get(object.get(ep, "plaintext_probe", {}), "protocol_guess", "unknown")
	f := {
		"clause": "TLS-1", "check": "TLS-1", "target": target,
		"msg": sprintf("%s completes no TLS handshake (plaintext probe: %s)", [ep.url, guess]),
		"details": {"locator": "no_tls", "endpoint": ep.url, "seen": guess},
	}
}

warn contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.tls_handshake_ok
	ep.protocols.tls1_2 == true
	not ep.protocols.tls1_3
	f := {
		"clause": "TLS-1", "check": "TLS-1", "target": target,
		"msg": sprintf("%s does not offer TLS 1.3 (recommended)", [ep.url]),
		"details": {"locator": "no_tls1_3", "endpoint": ep.url},
	}
}
