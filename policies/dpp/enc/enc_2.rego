# METADATA
# title: ENC-2 swap and temporary filesystems are encrypted
# custom:
#   clause: ENC-2
#   severity: high
#   requires: [host.blockdev]
#   remediation: Put swap on dm-crypt (crypttab with a random key) or remove it, and mount /tmp and /var/tmp as tmpfs or on an encrypted volume.
package dpp.enc.enc_2

import rego.v1

_min_bits := object.get(object.get(input, "params", {}), "luks_min_aes_bits", 256)

# A crypt mapping whose strength is unknown (no name, no cipher or no key size read) counts
# here (ENC-1 judges the PII volumes); a known-weak one does not.
_encrypted(b, chain) if {
	some c in chain
	c.type == "crypt"
	name := object.get(c, "name", null)
	not _weak(b, name)
}

_weak(b, name) if {
	some l in b.luks
	name in l.mapped_names
	_known_weak(object.get(l, "cipher", null), object.get(l, "effective_bits", null))
}

_weak(b, name) if {
	some m in b.dm_crypt
	m.mapped_name == name
	_known_weak(object.get(m, "cipher", null), object.get(m, "effective_bits", null))
}

# Typed first: builtins never see null (regorus raises, an OPA server says undefined).
_known_weak(cipher, _) if {
	is_string(cipher)
	not startswith(cipher, "aes-")
}

_known_weak(cipher, bits) if {
	is_string(cipher)
	startswith(cipher, "aes-")
	is_number(bits)
	bits < _min_bits
}

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some s in b.swap
	chain := object.get(s, "device_chain", []) # no chain read: not shown encrypted
	not _encrypted(b, chain)
	f := {"clause": "ENC-2", "check": "ENC-2", "target": t,
		"msg": sprintf("swap %s (%s) is not on AES-%v dm-crypt", [s.device, s.type, _min_bits]),
		"details": {"locator": sprintf("swap:%s", [s.device]), "device": s.device}}
}

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some pm in b.path_mounts
	pm.path in {"/tmp", "/var/tmp"}
	pm.fstype != "tmpfs"
	chain := object.get(pm, "device_chain", []) # no chain read: not shown encrypted
	not _encrypted(b, chain)
	f := {"clause": "ENC-2", "check": "ENC-2", "target": t,
		"msg": sprintf("%s is %v, neither tmpfs nor on AES-%v encryption", [pm.path, _where(pm), _min_bits]),
		"details": {"locator": sprintf("tmp:%s", [pm.path]), "path": pm.path}}
}

# Unknown reads as unknown: a mount that was not found is never printed as "null".
_where(pm) := sprintf("on %v (%v, mounted at %v)", [pm.source, _known(pm.fstype), pm.mountpoint]) if {
	is_string(object.get(pm, "mountpoint", null))
	is_string(object.get(pm, "source", null))
} else := "on a mount that could not be determined (no mount table entry covers it)"

_known(v) := v if is_string(v)
else := "type unknown"
