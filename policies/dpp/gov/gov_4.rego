# METADATA
# title: GOV-4 the asset management policy is reviewed every 6 calendar months
# custom:
#   clause: GOV-4
#   severity: medium
#   requires: [documents.records]
#   remediation: Review the asset management policy and record last_review_date at least every 6 months.
package dpp.gov.gov_4

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "asset_review_max_months", 6)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some doc in ev.documents
	doc.doc_type == "asset_management_policy"
	not reviewed(doc)
	f := {"clause": "GOV-4", "check": "GOV-4", "target": target,
		"msg": sprintf("asset management policy %v was not reviewed in the last %v months", [doc.path, max_months]),
		"details": {"locator": doc.path, "last_review_date": object.get(doc, "last_review_date", null)}}
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
