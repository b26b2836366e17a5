# METADATA
# title: ACC-13 no PII downloads to end-user devices - download controls and acknowledgements
# custom:
#   clause: ACC-13
#   severity: high
#   requires: [inventory.assets, documents.records]
#   reads: [access.list]
#   remediation: Enforce download/DLP controls on every company endpoint, review the acceptable-use policy yearly and collect PII-handling acknowledgements.
package dpp.acc.acc_13

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "document_review_max_months", 12)

day_ns := 86400000000000

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([d | some d in ev.documents; d.doc_type == "acceptable_use"; reviewed(d)]) == 0
	f := {"clause": "ACC-13", "check": "ACC-13.b", "target": target,
		"msg": sprintf("no acceptable_use document reviewed in the last %v months", [max_months]),
		"details": {"locator": "acceptable_use"}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.type == "endpoint"
	a.status == "active"
	object.get(a, "ownership", "company") == "company"
	object.get(a, "download_controls", false) != true
	f := {"clause": "ACC-13", "check": "ACC-13.a", "target": target,
		"msg": sprintf("endpoint %v has no download controls", [a.asset_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

deny contains f if {
	some target, al in input.evidence["access.list"]
	pii_roles := {r.role_id | some r in al.roles; r.grants_amazon_data == true}
	holders := {a.person_id | some a in al.accounts; a.status == "active"; a.person_id != null; some r in a.roles; r in pii_roles}
	some p in al.persons
	p.person_id in holders
	not acknowledged(p)
	f := {"clause": "ACC-13", "check": "ACC-13.c", "target": target,
		"msg": sprintf("person %v has a PII role but no PII-handling acknowledgement within 12 months", [p.person_id]),
		"details": {"locator": sprintf("%v", [p.person_id])}}
}

acknowledged(p) if {
	is_string(p.pii_handling_ack_at) # null = never acknowledged; regorus errors on parse(null)
	now_ns - time.parse_rfc3339_ns(p.pii_handling_ack_at) <= 365 * day_ns
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
