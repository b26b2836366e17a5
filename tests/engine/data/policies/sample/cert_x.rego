# METADATA
# title: SMP-2 sample - certificates are valid for long enough and name the host
# custom:
#   clause: SMP-2
#   severity: high
#   requires: [tls.endpoint]
#   remediation: Renew the certificate before it expires.
package sample.cert_x

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := ((24 * 60) * 60) * 1000000000

leaf(endpoint) := crypto.x509.parse_certificates(endpoint.chain_pem)[0]

left_ns(cert) := time.parse_rfc3339_ns(cert.NotAfter) - now_ns

# Whole days, truncated toward zero, without floats (portable on regorus and OPA).
whole_days(ns) := (ns - (ns % day_ns)) / day_ns

deny contains f if {
	some target, endpoint in input.evidence["tls.endpoint"]
	ns := left_ns(leaf(endpoint))
	ns < input.params.cert_min_days_fail * day_ns
	left := whole_days(ns)
	f := {"clause": "SMP-2", "check": "SMP-2.a", "target": target,
	      "msg": sprintf("certificate for %v expires in %v days", [leaf(endpoint).Subject.CommonName, left]),
	      "details": {"not_after": leaf(endpoint).NotAfter}}
}

warn contains f if {
	some target, endpoint in input.evidence["tls.endpoint"]
	ns := left_ns(leaf(endpoint))
	ns >= input.params.cert_min_days_fail * day_ns
	ns < input.params.cert_min_days_warn * day_ns
	left := whole_days(ns)
	f := {"clause": "SMP-2", "check": "SMP-2.b", "target": target,
	      "msg": sprintf("certificate expires in %v days", [left]), "details": {}}
}

deny contains f if {
	some target, endpoint in input.evidence["tls.endpoint"]
	cert := leaf(endpoint)
	not endpoint.host in object.get(cert, "DNSNames", [])
	f := {"clause": "SMP-2", "check": "SMP-2.c", "target": target,
	      "msg": sprintf("certificate does not name %v", [endpoint.host]),
	      "details": {"dns_names": object.get(cert, "DNSNames", [])}}
}

deny contains f if {
	some target, endpoint in input.evidence["tls.endpoint"]
	leaf(endpoint).PublicKeyAlgorithm != 3
	f := {"clause": "SMP-2", "check": "SMP-2.d", "target": target,
	      "msg": "certificate key is not ECDSA",
	      "details": {"algorithm": leaf(endpoint).PublicKeyAlgorithm, "signature": leaf(endpoint).SignatureAlgorithm}}
}
