# METADATA
# title: TLS-8 SSH uses strong algorithms only
# custom:
#   clause: TLS-8
#   severity: medium
#   requires: [host.sshd]
#   remediation: Set Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr; MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com; KexAlgorithms without SHA-1 groups; HostKeyAlgorithms without ssh-rsa/ssh-dss.
package dpp.tls.tls_8

import rego.v1

_ciphers := {"chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com", "aes256-ctr", "aes192-ctr", "aes128-ctr"}

_macs := {"hmac-sha2-512-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "umac-128-etm@openssh.com"}

# SHA-2 MACs without encrypt-then-MAC: acceptable but weaker (warn).
_macs_warn := {"hmac-sha2-512", "hmac-sha2-256", "umac-128@openssh.com"}

_weak_kex(k) if endswith(k, "-sha1")

_weak_kex(k) if contains(k, "group1-")

_weak_kex(k) if k in {"diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "gss-group1-sha1-", "gss-gex-sha1-"}

_weak_hostkey(k) if startswith(k, "ssh-dss")

_weak_hostkey(k) if k in {"ssh-rsa", "ssh-rsa-cert-v01@openssh.com"}

_finding(t, s, check, kind, alg, why) := {"clause": "TLS-8", "check": check, "target": t,
	"msg": sprintf("sshd offers %s %s (%s; from %v)", [kind, alg, why, object.get(s, "method", "<missing>")]),
	"details": {"locator": sprintf("%s:%s", [kind, alg]), "algorithm": alg}}

_list(s, key) := s.effective[key] if is_array(s.effective[key])
else := []

_algorithm_lists := ["ciphers", "macs", "kexalgorithms", "hostkeyalgorithms"]

# `sshd -T` and the config parser always give every list (defaults included): one that is
# absent, not a list or empty means the algorithms are unknown, never that none is weak.
deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed == true
	some key in _algorithm_lists
	count(_list(s, key)) == 0
	f := {"clause": "TLS-8", "check": "TLS-8.e", "target": t,
		"msg": sprintf("sshd's effective %s list is missing or empty, so its algorithms cannot be checked", [key]),
		"details": {"locator": sprintf("unknown:%s", [key])}}
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed == true
	some c in _list(s, "ciphers")
	not c in _ciphers
	f := _finding(t, s, "TLS-8.a", "cipher", c, "not an AEAD or CTR AES/ChaCha20 cipher")
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed == true
	some m in _list(s, "macs")
	not m in _macs
	not m in _macs_warn
	f := _finding(t, s, "TLS-8.b", "MAC", m, "SHA-1, MD5 or 64-bit tag")
}

warn contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed == true
	some m in _list(s, "macs")
	m in _macs_warn
	f := _finding(t, s, "TLS-8.b", "MAC", m, "SHA-2 without encrypt-then-MAC")
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed == true
	some k in _list(s, "kexalgorithms")
	_weak_kex(k)
	f := _finding(t, s, "TLS-8.c", "key exchange", k, "SHA-1 or a 1024-bit group")
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed == true
	some k in _list(s, "hostkeyalgorithms")
	_weak_hostkey(k)
	f := _finding(t, s, "TLS-8.d", "host key algorithm", k, "DSA or RSA with SHA-1 signatures")
}
