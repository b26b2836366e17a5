# METADATA
# title: ACC-7 the offboarding runbook is reviewed and covers every system; revocation requests are done within 24 h
# custom:
#   clause: ACC-7
#   severity: medium
#   requires: [documents.records]
#   reads: [access.list]
#   remediation: Review the offboarding runbook yearly, list every system of the access list in systems_covered, and complete ad-hoc revocations within 24 hours.
package dpp.acc.acc_7_documents

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "document_review_max_months", 12)

hour_ns := 3600000000000

limit_h := object.get(input.params, "adhoc_revoke_hours", 24)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([d | some d in ev.documents; d.doc_type == "offboarding_runbook"; reviewed(d)]) == 0
	f := {"clause": "ACC-7", "check": "ACC-7.b", "target": target,
		"msg": sprintf("no offboarding_runbook document reviewed in the last %v months", [max_months]),
		"details": {"locator": "offboarding_runbook"}}
}

covered := {s | some ev in input.evidence["documents.records"]; some d in ev.documents; d.doc_type == "offboarding_runbook"; some s in object.get(d, "systems_covered", [])}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some al in input.evidence["access.list"]
	systems := {a.system | some a in al.accounts}
	some s in systems
	not s in covered
	f := {"clause": "ACC-7", "check": "ACC-7.b", "target": target,
		"msg": sprintf("the offboarding runbook does not cover system %v", [s]),
		"details": {"locator": sprintf("%v", [s])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some r in object.get(ev.registers, "revocation_requests", [])
	not done_in_time(r)
	f := {"clause": "ACC-7", "check": "ACC-7.c", "target": target,
		"msg": sprintf("revocation request %v was not completed within %v hours", [object.get(r, "request_id", r.requested_at), limit_h]),
		"details": {"locator": sprintf("%v", [object.get(r, "request_id", r.requested_at)])}}
}

done_in_time(r) if time.parse_rfc3339_ns(r.completed_at) - time.parse_rfc3339_ns(r.requested_at) <= limit_h * hour_ns

done_in_time(r) if {
	not r.completed_at
	now_ns - time.parse_rfc3339_ns(r.requested_at) <= limit_h * hour_ns
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
