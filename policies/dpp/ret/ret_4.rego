# METADATA
# title: RET-4 cancelled orders lose their PII within 30 days; open orders older than 90 days are flagged
# custom:
#   clause: RET-4
#   severity: medium
#   requires: [database.retention]
#   remediation: Purge PII of cancelled orders 30 days after cancellation and investigate orders open for more than 90 days.
package dpp.ret.ret_4

import rego.v1

deny contains f if {
	some target, db in input.evidence["database.retention"]
	count([c | some c in db.retention_checks; c.event == "cancelled"]) == 0
	f := {"clause": "RET-4", "check": "RET-4.a", "target": target,
		"msg": "no retention check for cancelled orders is configured for this database", "details": {}}
}

deny contains f if {
	some target, db in input.evidence["database.retention"]
	some c in db.retention_checks
	c.event == "cancelled"
	c.offending_rows > 0
	f := {"clause": "RET-4", "check": "RET-4.a", "target": target,
		"msg": sprintf("%v: %v rows cancelled more than %v days ago still hold PII",
			[c.table, c.offending_rows, c.threshold_days]),
		"details": {"locator": c.name, "offending_rows": c.offending_rows}}
}

warn contains f if {
	some target, db in input.evidence["database.retention"]
	some c in db.retention_checks
	c.event == "open_since_purchase"
	c.offending_rows > 0
	f := {"clause": "RET-4", "check": "RET-4.b", "target": target,
		"msg": sprintf("%v: %v orders open for more than %v days still hold PII",
			[c.table, c.offending_rows, c.threshold_days]),
		"details": {"locator": c.name, "offending_rows": c.offending_rows}}
}
