# METADATA
# title: ENC-3 backup sets holding PII are encrypted with AES-256 (inventory side)
# custom:
#   clause: ENC-3
#   severity: high
#   requires: [inventory.assets]
#   remediation: Encrypt every PII backup set with AES-256 (restic/borg, gpg AES256, AES-256-GCM) and record the algorithm in the inventory.
package dpp.enc.enc_3_inventory

import rego.v1

strong := {"aes-256-gcm", "aes-256-ctr", "aes256", "aes-xts-plain64/512", "restic", "borg"}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some s in inv.data_stores
	s.kind == "backup_set"
	s.contains_pii
	not lower(object.get(object.get(s, "encryption", {}), "algorithm", "none")) in strong
	f := {"clause": "ENC-3", "check": "ENC-3", "target": target,
		"msg": sprintf("PII backup set %v is not recorded as AES-256 encrypted", [s.id]),
		"details": {"locator": sprintf("%v", [s.id])}}
}
