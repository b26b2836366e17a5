# METADATA
# title: IR-9 the IRP is reviewed every 4 calendar months and after every major platform change
# custom:
#   clause: IR-9
#   severity: high
#   requires: [documents.records]
#   remediation: Review the incident response plan, record last_review_date, and review it within 30 days of any major change.
package dpp.ir.ir_9

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

max_months := object.get(input.params, "irp_review_max_months", 4)

change_days := object.get(input.params, "major_change_review_days", 30)

plans(ev) := [d | some d in ev.documents; d.doc_type == "incident_response_plan"]

# older_than_months(ts, n): ts lies more than n calendar months before now
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
	some plan in plans(ev)
	not plan.last_review_date
	f := {"clause": "IR-9", "check": "IR-9.a", "target": target,
		"msg": sprintf("incident response plan %v has no last_review_date", [plan.path]),
		"details": {"locator": plan.path}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some plan in plans(ev)
	older_than_months(plan.last_review_date, max_months)
	f := {"clause": "IR-9", "check": "IR-9.a", "target": target,
		"msg": sprintf("incident response plan %v was last reviewed %v, more than %v months ago",
			[plan.path, plan.last_review_date, max_months]),
		"details": {"locator": plan.path, "last_review_date": plan.last_review_date}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some plan in plans(ev)
	some change in object.get(ev.registers, "changes", [])
	change.major == true
	change_ns := time.parse_rfc3339_ns(change.date)
	now_ns - change_ns > change_days * day_ns
	time.parse_rfc3339_ns(plan.last_review_date) < change_ns
	f := {"clause": "IR-9", "check": "IR-9.b", "target": target,
		"msg": sprintf("major change %v on %v was not followed by an IRP review within %v days",
			[change.change_id, change.date, change_days]),
		"details": {"locator": sprintf("%v", [change.change_id])}}
}
