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

# A crypt mapping whose strength is unknown counts here (ENC-1 judges the PII volumes).
_encrypted(b, chain) if {
	some c in chain
	c.type == "crypt"
	not _weak(b, c.name)
}

_weak(b, name) if {
	some l in b.luks
	name in l.mapped_names
	not _strong(l.cipher, l.effective_bits)
}

_weak(b, name) if {
	some m in b.dm_crypt
	m.mapped_name == name
	not _strong(m.cipher, m.effective_bits)
}

_strong(cipher, bits) if {
	startswith(cipher, "aes-")
	bits >= _min_bits
}

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some s in b.swap
	not _encrypted(b, s.device_chain)
	f := {"clause": "ENC-2", "check": "ENC-2", "target": t,
		"msg": sprintf("swap %s (%s) is not on AES-%v dm-crypt", [s.device, s.type, _min_bits]),
		"details": {"locator": sprintf("swap:%s", [s.device]), "device": s.device}}
}

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some pm in b.path_mounts
	pm.path in {"/tmp", "/var/tmp"}
	pm.fstype != "tmpfs"
	not _encrypted(b, pm.device_chain)
	f := {"clause": "ENC-2", "check": "ENC-2", "target": t,
		"msg": sprintf("%s is on %v (%v, mounted at %v), neither tmpfs nor on AES-%v encryption", [pm.path, pm.source, pm.fstype, pm.mountpoint, _min_bits]),
		"details": {"locator": sprintf("tmp:%s", [pm.path]), "path": pm.path}}
}
