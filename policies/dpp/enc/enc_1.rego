# METADATA
# title: ENC-1 PII at rest sits on AES-256 encrypted volumes
# custom:
#   clause: ENC-1
#   severity: critical
#   requires: [host.blockdev]
#   remediation: Put every PII path on a LUKS2 volume made with `--cipher aes-xts-plain64 --key-size 512` (AES-256; a 256-bit XTS key is AES-128), and list the paths in params.pii_paths.
package dpp.enc.enc_1

import rego.v1

_min_bits := object.get(input.params, "luks_min_aes_bits", 256)

# The strength of one crypt mapping from its LUKS header, else from the live dm table.
_strength(b, name) := {"cipher": l.cipher, "bits": l.effective_bits, "source": "cryptsetup luksDump"} if {
	some l in b.luks
	name in l.mapped_names
} else := {"cipher": m.cipher, "bits": m.effective_bits, "source": "dmsetup table"} if {
	some m in b.dm_crypt
	m.mapped_name == name
}

_aes(s) if startswith(s.cipher, "aes-")

_strong(b, pm) if {
	some c in pm.device_chain
	c.type == "crypt"
	s := _strength(b, c.name)
	_aes(s)
	s.bits >= _min_bits
}

_pii_mounts(b) := [pm | some pm in b.path_mounts; pm.path in b.pii_paths]

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	count(b.pii_paths) == 0
	f := {"clause": "ENC-1", "check": "ENC-1", "target": t,
		"msg": "no PII paths are configured for this host (params.pii_paths), so encryption at rest cannot be shown",
		"details": {"locator": "pii_paths"}}
}

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some pm in _pii_mounts(b)
	not _strong(b, pm)
	f := {"clause": "ENC-1", "check": "ENC-1", "target": t,
		"msg": sprintf("PII path %s is on %v (%v, mounted at %v) without AES >= %v-bit encryption: %s", [pm.path, pm.source, pm.fstype, pm.mountpoint, _min_bits, _why(b, pm)]),
		"details": {"locator": sprintf("path:%s", [pm.path]), "path": pm.path, "device_chain": [c.name | some c in pm.device_chain]}}
}

_crypt_names(pm) := [c.name | some c in pm.device_chain; c.type == "crypt"]

_why(b, pm) := "no dm-crypt/LUKS mapping underneath" if {
	count(_crypt_names(pm)) == 0
} else := concat("; ", [sprintf("%s uses %v with an effective %v-bit key (%s)", [n, s.cipher, s.bits, s.source]) |
	some n in _crypt_names(pm)
	s := _strength(b, n)
]) if {
	count([n | some n in _crypt_names(pm); _strength(b, n)]) > 0
} else := "the cipher of the mapping is unknown (cryptsetup/dmsetup gave nothing)"
