package dpp.tls.tls_3

import rego.v1

t_params := {"cert_min_days_fail": 14, "cert_min_days_warn": 30, "rsa_min_bits": 2048, "ec_min_bits": 256}

t_cert := {"chain_valid": true, "chain_error": null, "self_signed": false, "hostname_match": true, "san": ["a"],
	"not_before": "2026-01-01T00:00:00Z", "not_after": "2027-01-01T00:00:00Z", "key_type": "ec", "key_bits": 256,
	"sig_alg": "ecdsa-with-SHA256", "sig_hash": "sha256", "ocsp_status": "none"}

t_doc(c) := {"meta": {"evaluated_at": "2026-11-27T00:00:00Z"}, "params": t_params,
	"evidence": {"tls.endpoint": {"a": {"url": "https://a:443", "host": "a", "source": "config", "tls_handshake_ok": true, "certificate": c}}}}

test_valid_certificate_passes if {
	count(deny) == 0 with input as t_doc(t_cert)
	count(warn) == 0 with input as t_doc(t_cert)
}

test_expired_self_signed_fails_twice if {
	bad := object.union(t_cert, {"not_after": "2026-11-01T00:00:00Z", "self_signed": true, "chain_valid": false})
	count(deny) == 2 with input as t_doc(bad)
}

test_expiring_in_20_days_warns if {
	soon := object.union(t_cert, {"not_after": "2026-12-17T00:00:00Z"})
	count(deny) == 0 with input as t_doc(soon)
	count(warn) == 1 with input as t_doc(soon)
}

# Issue #15 item 9: a chain OpenSSL trusts (leaf without AKI) is trusted; the deviation warns.
test_profile_deviation_warns_and_does_not_deny if {
	dev := "validation failed: invalid extension: 2.5.29.35: Certificate is missing required extension"
	ep := {"url": "https://app.internal:443", "host": "app.internal", "tls_handshake_ok": true, "source": "config",
		"certificate": {"chain_valid": true, "chain_error": null, "profile_deviations": [dev], "self_signed": false,
			"hostname_match": true, "san": ["app.internal"], "not_before": "2026-01-01T00:00:00Z", "not_after": "2027-06-01T00:00:00Z",
			"key_type": "ec", "key_bits": 256, "curve": "secp256r1", "sig_alg": "ecdsa-with-SHA256", "sig_hash": "sha256", "ocsp_status": null}}
	inp := {"meta": {"evaluated_at": "2026-12-01T00:00:00Z"}, "params": {}, "evidence": {"tls.endpoint": {"t": ep}}}
	not "chain" in {f.details.locator | some f in deny} with input as inp
	{f.details.locator | some f in warn} == {"profile"} with input as inp
}
