# METADATA
# title: ACC-12 only company-owned, MDM-enrolled endpoints reach Amazon systems; BYOD prohibition documented
# custom:
#   clause: ACC-12
#   severity: high
#   requires: [inventory.assets, documents.records]
#   reads: [access.list]
#   remediation: Use only company-owned, MDM-enrolled endpoints (inventory type endpoint), and review the BYOD policy yearly.
package dpp.acc.acc_12

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "document_review_max_months", 12)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([d | some d in ev.documents; d.doc_type == "byod_policy"; reviewed(d)]) == 0
	f := {"clause": "ACC-12", "check": "ACC-12.b", "target": target,
		"msg": sprintf("no byod_policy document reviewed in the last %v months", [max_months]),
		"details": {"locator": "byod_policy"}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.type == "endpoint"
	a.status == "active"
	not managed(a)
	f := {"clause": "ACC-12", "check": "ACC-12.a", "target": target,
		"msg": sprintf("endpoint %v is not company-owned and MDM-enrolled", [a.asset_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

managed(a) if {
	a.ownership == "company"
	a.mdm_enrolled == true
}

inventory_devices := {a.asset_id | some inv in input.evidence["inventory.assets"]; some a in inv.assets; a.type == "endpoint"}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some al in input.evidence["access.list"]
	some acct in al.accounts
	acct.status == "active"
	some dev in object.get(acct, "devices", [])
	not dev in inventory_devices
	f := {"clause": "ACC-12", "check": "ACC-12.a", "target": target,
		"msg": sprintf("device %v used by an active account is not an inventory endpoint", [dev]),
		"details": {"locator": sprintf("%v", [dev])}}
}

reviewed(doc) if {
	date := object.get(doc, "last_review_date", null)
	is_string(date)
	not older_than_months(date, max_months)
}

older_than_months(ts, n) if {
	[ly, lm, ld] := time.date(time.parse_rfc3339_ns(ts))
	[ny, nm, nd] := time.date(now_ns)
	diff := ((ny * 12) + nm) - ((ly * 12) + lm)
	stale(diff, n, ld, nd)
}

stale(diff, n, _, _) if diff > n

stale(diff, n, ld, nd) if {
	diff == n
	ld < nd
}
