# METADATA
# title: GEN-7 this policy has been reconciled against Amazon's current DPP within 12 months
# custom:
#   clause: GEN-7
#   severity: medium
#   requires: [documents.records]
#   remediation: Review the data protection policy against Amazon's current DPP yearly and record amazon_dpp_reviewed_at and reviewed_by.
package dpp.gen.gen_7

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "document_review_max_months", 12)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([d | some d in ev.documents; d.doc_type == "data_protection_policy"; reconciled(d)]) == 0
	f := {"clause": "GEN-7", "check": "GEN-7", "target": target,
		"msg": sprintf("the data protection policy was not reconciled with Amazon's DPP in the last %v months (amazon_dpp_reviewed_at, reviewed_by)", [max_months]),
		"details": {}}
}

reconciled(d) if {
	d.reviewed_by
	date := object.get(d, "amazon_dpp_reviewed_at", null)
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
