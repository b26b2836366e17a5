# METADATA
# title: ENC-4 every cloud service holding PII is approved as secured (inventory side)
# custom:
#   clause: ENC-4
#   severity: high
#   requires: [inventory.assets]
#   remediation: Approve a cloud service for PII only with encryption at rest, MFA, a signed DPA and access logging, or remove the PII from it.
package dpp.enc.enc_4_inventory

import rego.v1

controls := ["encryption_at_rest", "mfa", "dpa_signed"]

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.type == "cloud_service"
	a.contains_pii == true
	not secured(a)
	f := {"clause": "ENC-4", "check": "ENC-4.c", "target": target,
		"msg": sprintf("cloud service %v holds PII but is not approved as secured (approved_secure and controls)", [a.asset_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

secured(a) if {
	a.approved_secure == true
	every c in controls { object.get(object.get(a, "controls", {}), c, false) == true }
}
