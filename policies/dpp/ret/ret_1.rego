# METADATA
# title: RET-1 Amazon PII lives only on approved privately hosted servers
# custom:
#   clause: RET-1
#   severity: high
#   requires: [inventory.assets]
#   remediation: Keep every data store holding PII on a private dedicated server listed in approved_pii_hosts.
package dpp.ret.ret_1

import rego.v1

approved_hosts := object.get(input.params, "approved_pii_hosts", [])

assets(inv) := {a.asset_id: a | some a in inv.assets}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some store in inv.data_stores
	store.contains_pii
	asset_id := object.get(store, "asset_id", null)
	asset := object.get(assets(inv), asset_id, null) # an unknown asset is not shown private
	not private(asset)
	f := {"clause": "RET-1", "check": "RET-1.a", "target": target,
		"msg": sprintf("data store %v holds PII but its asset %v is not a private dedicated server",
			[store.id, asset_id]),
		"details": {"locator": sprintf("%v", [store.id])}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	count(approved_hosts) > 0
	some store in inv.data_stores
	store.contains_pii
	not store.asset_id in approved_hosts
	f := {"clause": "RET-1", "check": "RET-1.b", "target": target,
		"msg": sprintf("data store %v holds PII on asset %v, which is not in approved_pii_hosts",
			[store.id, store.asset_id]),
		"details": {"locator": sprintf("%v", [store.id])}}
}

private(asset) if asset.hosting == "private_dedicated"
