# METADATA
# title: ENC-2 swap and temporary filesystems are encrypted
# custom:
#   clause: ENC-2
#   severity: high
#   requires: [host.blockdev]
#   remediation: Put swap on dm-crypt (crypttab with a random key) or remove it, and mount /tmp and /var/tmp as tmpfs or on an encrypted volume.
package dpp.enc.enc_2

import rego.v1

_encrypted(chain) if {
	some c in chain
	c.type == "crypt"
}

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some s in b.swap
	not s.encrypted
	f := {"clause": "ENC-2", "check": "ENC-2", "target": t,
		"msg": sprintf("swap %s (%s) is not on dm-crypt", [s.device, s.type]),
		"details": {"locator": sprintf("swap:%s", [s.device]), "device": s.device}}
}

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some pm in b.path_mounts
	pm.path in {"/tmp", "/var/tmp"}
	pm.fstype != "tmpfs"
	not _encrypted(pm.device_chain)
	f := {"clause": "ENC-2", "check": "ENC-2", "target": t,
		"msg": sprintf("%s is on %v (%v, mounted at %v), neither tmpfs nor encrypted", [pm.path, pm.source, pm.fstype, pm.mountpoint]),
		"details": {"locator": sprintf("tmp:%s", [pm.path]), "path": pm.path}}
}
