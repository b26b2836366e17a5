# METADATA
# title: DOC-1 the data protection policy is a controlled document and the published copy is the approved one
# custom:
#   clause: DOC-1
#   severity: low
#   requires: [documents.records]
#   reads: [access.list]
#   remediation: Version, approve and review the policy yearly, publish exactly the approved copy (published_sha256), and remove web-export artefacts.
package dpp.doc.doc_1

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "document_review_max_months", 12)

policies(ev) := [d | some d in ev.documents; d.doc_type == "data_protection_policy"]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count(policies(ev)) == 0
	f := {"clause": "DOC-1", "check": "DOC-1.a", "target": target,
		"msg": "no data protection policy (doc_type data_protection_policy) was found", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some d in policies(ev)
	some k in ["version", "owner_person_id", "approved_by", "approved_at"]
	not d[k]
	f := {"clause": "DOC-1", "check": "DOC-1.a", "target": target,
		"msg": sprintf("data protection policy %v has no %v", [d.path, k]),
		"details": {"locator": sprintf("%v %v", [d.path, k])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some d in policies(ev)
	not reviewed(d)
	f := {"clause": "DOC-1", "check": "DOC-1.b", "target": target,
		"msg": sprintf("data protection policy %v was not reviewed in the last %v months", [d.path, max_months]),
		"details": {"locator": d.path}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some d in policies(ev)
	object.get(d, "published_sha256", "") != d.sha256
	f := {"clause": "DOC-1", "check": "DOC-1.c", "target": target,
		"msg": sprintf("the published copy of %v is not the approved one (published_sha256 differs or is missing)", [d.path]),
		"details": {"locator": d.path}}
}

persons := {p.person_id: p | some al in input.evidence["access.list"]; some p in al.persons}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some d in policies(ev)
	p := persons[d.owner_person_id]
	p.employment_status != "active"
	f := {"clause": "DOC-1", "check": "DOC-1.a", "target": target,
		"msg": sprintf("the owner of %v (%v) is not active (%v)", [d.path, d.owner_person_id, p.employment_status]),
		"details": {"locator": sprintf("%v owner", [d.path])}}
}

warn contains f if {
	some target, ev in input.evidence["documents.records"]
	some d in policies(ev)
	count(d.artefacts_found) > 0
	f := {"clause": "DOC-1", "check": "DOC-1.d", "target": target,
		"msg": sprintf("%v contains web-export artefacts: %v", [d.path, concat(", ", d.artefacts_found)]),
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
