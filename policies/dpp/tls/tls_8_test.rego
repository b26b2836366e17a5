package dpp.tls.tls_8

import rego.v1

_strong := {
	"ciphers": ["aes256-gcm@openssh.com"], "macs": ["hmac-sha2-512-etm@openssh.com"],
	"kexalgorithms": ["curve25519-sha256"], "hostkeyalgorithms": ["ssh-ed25519"],
}

_s(key, values) := {"host.sshd": {"h": {"installed": true, "method": "sshd -T", "effective": object.union(_strong, {key: values})}}}

test_missing_algorithm_list_is_a_finding_not_a_pass if {
	{f.check | some f in deny} == {"TLS-8.e"} with input as {"evidence": {"host.sshd": {"h": {"installed": true, "method": "sshd -T", "effective": object.remove(_strong, ["macs"])}}}}
	{f.details.locator | some f in deny} == {"unknown:macs"} with input as {"evidence": _s("macs", [])}
}

test_cbc_cipher_fails if {
	{f.details.algorithm | some f in deny} == {"aes256-cbc"} with input as {"evidence": _s("ciphers", ["aes256-gcm@openssh.com", "aes256-cbc"])}
}

test_non_etm_sha2_mac_warns if {
	count(deny) == 0 with input as {"evidence": _s("macs", ["hmac-sha2-256"])}
	count(warn) == 1 with input as {"evidence": _s("macs", ["hmac-sha2-256"])}
}

test_group14_sha256_is_fine_sha1_is_not if {
	{f.details.algorithm | some f in deny} == {"diffie-hellman-group14-sha1"} with input as {"evidence": _s("kexalgorithms", ["diffie-hellman-group14-sha256", "diffie-hellman-group14-sha1"])}
}

test_rsa_sha2_is_fine if {
	{f.details.algorithm | some f in deny} == {"ssh-rsa"} with input as {"evidence": _s("hostkeyalgorithms", ["rsa-sha2-512", "ssh-rsa"])}
}
