# METADATA
# title: GOV-5 a full asset inventory is performed every 6 calendar months
# custom:
#   clause: GOV-5
#   severity: medium
#   requires: [inventory.assets]
#   remediation: Verify every asset, record last_review_date per asset and meta.last_full_inventory_date at least every 6 months.
package dpp.gov.gov_5

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "asset_review_max_months", 6)

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	meta := object.get(inv, "meta", {}) # no meta: no inventory date either
	not fresh(object.get(meta, "last_full_inventory_date", null))
	f := {"clause": "GOV-5", "check": "GOV-5.a", "target": target,
		"msg": sprintf("no full asset inventory recorded in the last %v months (meta.last_full_inventory_date)",
			[max_months]),
		"details": {}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.status == "active"
	not fresh(object.get(a, "last_review_date", null))
	f := {"clause": "GOV-5", "check": "GOV-5.b", "target": target,
		"msg": sprintf("asset %v was not reviewed in the last %v months", [a.asset_id, max_months]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

fresh(ts) if {
	is_string(ts)
	not older_than_months(ts, max_months)
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
