# METADATA
# title: TLS-2 cipher suites and key exchange follow Mozilla intermediate
# custom:
#   clause: TLS-2
#   severity: high
#   requires: [tls.endpoint]
#   remediation: Use Mozilla's intermediate cipher list (AEAD with forward secrecy), groups X25519/P-256/P-384 and DH parameters of at least 2048 bits.
package dpp.tls.tls_2

import rego.v1

default_groups := [
	"x25519", "secp256r1", "secp384r1",
	"X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024",
]

allowed_groups := {g | some g in object.get(input.params, "tls_allowed_groups", default_groups)}

allowed_tls12 := {c | some c in input.params.tls12_allowed_ciphers}

allowed_tls13 := {c | some c in input.params.tls13_allowed_suites}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.tls_handshake_ok
	some cipher in ep.ciphers.tls1_2
	not allowed_tls12[cipher]
	f := finding(target, ep, sprintf("%s accepts TLS 1.2 cipher %s, outside Mozilla intermediate", [ep.url, cipher]), sprintf("tls1_2:%s", [cipher]), cipher)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.tls_handshake_ok
	some suite in ep.ciphers.tls1_3
	not allowed_tls13[suite]
	f := finding(target, ep, sprintf("%s accepts TLS 1.3 suite %s, outside Mozilla intermediate", [ep.url, suite]), sprintf("tls1_3:%s", [suite]), suite)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.tls_handshake_ok
	is_number(ep.kex.dh_bits)
	ep.kex.dh_bits < input.params.dh_min_bits
	f := finding(target, ep, sprintf("%s uses %v-bit DH parameters (minimum %v)", [ep.url, ep.kex.dh_bits, input.params.dh_min_bits]), "dh_bits", ep.kex.dh_bits)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.tls_handshake_ok
	some group in ep.kex.groups
	not allowed_groups[group]
	f := finding(target, ep, sprintf("%s offers key-exchange group %s, outside Mozilla intermediate", [ep.url, group]), sprintf("group:%s", [group]), group)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	object.get(ep, "tls_handshake_ok", null) != true
	ep.source != "socket"
	f := finding(target, ep, sprintf("%s completes no TLS handshake: no cipher suite to assess", [ep.url]), "no_tls", "no handshake")
}

finding(target, ep, msg, locator, seen) := {
	"clause": "TLS-2", "check": "TLS-2", "target": target, "msg": msg,
	"details": {"locator": locator, "endpoint": ep.url, "seen": seen},
}
