# METADATA
# title: RET-3 orders fulfilled more than 30 days ago hold no PII; the purge job is healthy
# custom:
#   clause: RET-3
#   severity: critical
#   requires: [database.retention]
#   remediation: Null or redact the PII columns of orders shipped more than 30 days ago, and keep the purge job succeeding at least every 48 hours.
package dpp.ret.ret_3

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

hour_ns := 3600000000000

deny contains f if {
	some target, db in input.evidence["database.retention"]
	count([c | some c in db.retention_checks; c.event == "shipped"]) == 0
	f := {"clause": "RET-3", "check": "RET-3.a", "target": target,
		"msg": "no retention check for shipped orders is configured for this database", "details": {}}
}

deny contains f if {
	some target, db in input.evidence["database.retention"]
	some c in db.retention_checks
	c.event == "shipped"
	c.offending_rows > 0
	f := {"clause": "RET-3", "check": "RET-3.a", "target": target,
		"msg": sprintf("%v: %v rows shipped more than %v days ago still hold PII (oldest %v days)",
			[c.table, c.offending_rows, c.threshold_days, c.oldest_offending_age_days]),
		"details": {"locator": c.name, "table": c.table, "offending_rows": c.offending_rows,
			"oldest_offending_age_days": c.oldest_offending_age_days, "query_sha256": c.query_sha256}}
}

deny contains f if {
	some target, db in input.evidence["database.retention"]
	job := object.get(db, "purge_job", null) # no purge job read: no recorded success
	not purge_healthy(job)
	f := {"clause": "RET-3", "check": "RET-3.b", "target": target,
		"msg": "the retention purge job has no recorded success in the last 48 hours",
		"details": {"locator": "purge_job", "purge_job": job}}
}

purge_healthy(job) if {
	is_string(job.last_success_at) # null never reaches the builtin
	now_ns - time.parse_rfc3339_ns(job.last_success_at) <= 48 * hour_ns
}
