# METADATA
# title: DEL-2 deletion follows NIST SP 800-88 with a reviewed procedure and a recorded category
# custom:
#   clause: DEL-2
#   severity: high
#   requires: [documents.records]
#   remediation: Keep a sanitisation procedure mapping every medium to Clear/Purge/Destroy, review it yearly, and record method.nist_category and verification_ref on every completed deletion.
package dpp.del.del_2

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

review_months := object.get(input.params, "document_review_max_months", 12)

media_sections := {"hdd", "ssd", "flash", "db_records", "backups", "paper"}

allowed := {
	"hdd": {"clear", "purge", "destroy"}, "ssd": {"purge", "destroy"}, "flash": {"purge", "destroy"},
	"db_records": {"clear", "purge", "destroy"}, "backups": {"clear", "purge", "destroy"},
	"paper": {"destroy"},
}

procedures(ev) := [d | some d in ev.documents; d.doc_type == "sanitisation_procedure"]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count(procedures(ev)) == 0
	f := {"clause": "DEL-2", "check": "DEL-2.a", "target": target,
		"msg": "no sanitisation procedure (doc_type sanitisation_procedure) was found", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some doc in procedures(ev)
	missing := media_sections - {s | some s in doc.sections_found}
	count(missing) > 0
	f := {"clause": "DEL-2", "check": "DEL-2.a", "target": target,
		"msg": sprintf("sanitisation procedure %v does not cover: %v", [doc.path, concat(", ", sort(missing))]),
		"details": {"locator": doc.path, "missing": sort(missing)}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some doc in procedures(ev)
	not fresh(doc)
	f := {"clause": "DEL-2", "check": "DEL-2.b", "target": target,
		"msg": sprintf("sanitisation procedure %v was not reviewed in the last 12 months", [doc.path]),
		"details": {"locator": doc.path}}
}

fresh(doc) if {
	date := object.get(doc, "last_review_date", null)
	is_string(date)
	not older_than_months(date, review_months)
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

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.completed_at
	req.requested_action != "return"
	not method_ok(req)
	f := {"clause": "DEL-2", "check": "DEL-2.c", "target": target,
		"msg": sprintf("deletion request %v lacks an allowed NIST 800-88 category for its medium or a verification_ref",
			[req.request_id]),
		"details": {"locator": sprintf("%v", [req.request_id])}}
}

method_ok(req) if {
	req.verification_ref
	category := lower(req.method.nist_category)
	category in object.get(allowed, lower(req.method.media_type), {"clear", "purge", "destroy"})
}
