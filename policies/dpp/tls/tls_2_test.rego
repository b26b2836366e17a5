package dpp.tls.tls_2

import rego.v1

t_params := {"tls12_allowed_ciphers": ["ECDHE-RSA-AES128-GCM-SHA256"], "tls13_allowed_suites": ["TLS_AES_128_GCM_SHA256"], "dh_min_bits": 2048}

t_ep(tls12, dh) := {"url": "https://a:443", "source": "config", "tls_handshake_ok": true,
	"ciphers": {"tls1_2": tls12, "tls1_3": ["TLS_AES_128_GCM_SHA256"]}, "kex": {"groups": ["x25519"], "dh_bits": dh}}

test_intermediate_passes if {
	count(deny) == 0 with input as {"params": t_params, "evidence": {"tls.endpoint": {"a": t_ep(["ECDHE-RSA-AES128-GCM-SHA256"], null)}}}
}

test_cbc_cipher_and_small_dh_fail if {
	count(deny) == 2 with input as {"params": t_params, "evidence": {"tls.endpoint": {"a": t_ep(["ECDHE-RSA-AES128-SHA"], 1024)}}}
}
