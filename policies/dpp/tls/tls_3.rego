# METADATA
# title: TLS-3 certificates are trusted, match the host, are in date and strong
# custom:
#   clause: TLS-3
#   severity: critical
#   requires: [tls.endpoint]
#   remediation: Serve a certificate from a trusted (or approved internal) CA naming the host, valid for 14+ days, RSA >= 2048 or EC >= 256 bits, signed with SHA-256 or stronger; renew automatically.
package dpp.tls.tls_3

import rego.v1

day_ns := 86400000000000

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

weak_hashes := {"md5", "sha1", "sha224"}

unhashed_ok := {"ed25519", "ed448"}

tls_cert(ep) := ep.certificate if {
	ep.tls_handshake_ok
	is_object(ep.certificate)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	not cert.chain_valid
	kind := trust_kind(cert)
	f := finding(target, ep, sprintf("%s certificate is not trusted (%s): %v", [ep.url, kind, cert.chain_error]), "chain", kind)
}

trust_kind(cert) := "self-signed" if {
	cert.self_signed
} else := "untrusted chain"

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	not cert.hostname_match
	f := finding(target, ep, sprintf("%s certificate names %v do not match host %s", [ep.url, cert.san, ep.host]), "hostname", cert.san)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	now_ns < time.parse_rfc3339_ns(cert.not_before)
	f := finding(target, ep, sprintf("%s certificate is not valid before %s", [ep.url, cert.not_before]), "not_yet_valid", cert.not_before)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	now_ns > time.parse_rfc3339_ns(cert.not_after)
	f := finding(target, ep, sprintf("%s certificate expired on %s", [ep.url, cert.not_after]), "expired", cert.not_after)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	left := time.parse_rfc3339_ns(cert.not_after) - now_ns
	left >= 0
	left < input.params.cert_min_days_fail * day_ns
	f := finding(target, ep, sprintf("%s certificate expires on %s, within %v days", [ep.url, cert.not_after, input.params.cert_min_days_fail]), "expiry", cert.not_after)
}

warn contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	left := time.parse_rfc3339_ns(cert.not_after) - now_ns
	left >= input.params.cert_min_days_fail * day_ns
	left < input.params.cert_min_days_warn * day_ns
	f := finding(target, ep, sprintf("%s certificate expires on %s, within %v days", [ep.url, cert.not_after, input.params.cert_min_days_warn]), "expiry", cert.not_after)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	weak_key(cert)
	f := finding(target, ep, sprintf("%s certificate key is %s %v bits", [ep.url, cert.key_type, cert.key_bits]), "key", sprintf("%s-%v", [cert.key_type, cert.key_bits]))
}

weak_key(cert) if {
	cert.key_type == "rsa"
	cert.key_bits < input.params.rsa_min_bits
}

weak_key(cert) if {
	cert.key_type == "ec"
	cert.key_bits < input.params.ec_min_bits
}

weak_key(cert) if cert.key_type == "dsa"

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	weak_hashes[cert.sig_hash]
	f := finding(target, ep, sprintf("%s certificate is signed with %s", [ep.url, cert.sig_alg]), "signature", cert.sig_alg)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	cert.sig_hash == null
	not unhashed_ok[cert.key_type]
	f := finding(target, ep, sprintf("%s certificate signature algorithm %s is not approved", [ep.url, cert.sig_alg]), "signature", cert.sig_alg)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	cert.ocsp_status == "revoked"
	f := finding(target, ep, sprintf("%s certificate is revoked (stapled OCSP)", [ep.url]), "revoked", "revoked")
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	not ep.tls_handshake_ok
	ep.source != "socket"
	f := finding(target, ep, sprintf("%s completes no TLS handshake: no certificate to assess", [ep.url]), "no_tls", "no handshake")
}

finding(target, ep, msg, locator, seen) := {
	"clause": "TLS-3", "check": "TLS-3", "target": target, "msg": msg,
	"details": {"locator": locator, "endpoint": ep.url, "seen": seen},
}

# Trusted the way clients decide, but outside the RFC 5280 / Web PKI profile (e.g. a leaf without
# an Authority Key Identifier from an internal CA): worth fixing, not a trust failure.
warn contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	cert := tls_cert(ep)
	cert.chain_valid
	some d in object.get(cert, "profile_deviations", [])
	f := finding(target, ep, sprintf("%s certificate chain is trusted but deviates from the RFC 5280 profile: %v", [ep.url, d]), "profile", d)
}
