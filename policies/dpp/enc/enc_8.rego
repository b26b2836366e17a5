# METADATA
# title: ENC-8 printing of PII is limited to fulfilment documents under a reviewed printing policy
# custom:
#   clause: ENC-8
#   severity: medium
#   requires: [documents.records]
#   remediation: Keep a printing policy (doc_type printing_policy) listing only fulfilment documents in permitted_documents, reviewed yearly.
package dpp.enc.enc_8

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "document_review_max_months", 12)

fulfilment := {"despatch_labels", "packing_slips", "gift_notes"}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([d | some d in ev.documents; d.doc_type == "printing_policy"; reviewed(d)]) == 0
	f := {"clause": "ENC-8", "check": "ENC-8.b", "target": target,
		"msg": sprintf("no printing_policy document reviewed in the last %v months", [max_months]),
		"details": {"locator": "printing_policy"}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some d in ev.documents
	d.doc_type == "printing_policy"
	extra := {p | some p in object.get(d, "permitted_documents", [])} - fulfilment
	count(extra) > 0
	f := {"clause": "ENC-8", "check": "ENC-8.b", "target": target,
		"msg": sprintf("printing policy %v permits printing beyond fulfilment documents: %v", [d.path, concat(", ", sort(extra))]),
		"details": {"locator": d.path}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some d in ev.documents
	d.doc_type == "printing_policy"
	count(object.get(d, "permitted_documents", [])) == 0
	f := {"clause": "ENC-8", "check": "ENC-8.b", "target": target,
		"msg": sprintf("printing policy %v does not list permitted_documents", [d.path]),
		"details": {"locator": d.path}}
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
