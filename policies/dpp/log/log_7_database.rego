# METADATA
# title: LOG-7 API-log tables hold no PII and live on the private dedicated server (database side)
# custom:
#   clause: LOG-7
#   severity: critical
#   requires: [database.retention]
#   reads: [inventory.assets]
#   remediation: Redact request and response bodies of SP-API calls before they are logged, and purge the PII already stored.
package dpp.log.log_7_database

import rego.v1

min_rows := 100000

deny contains f if {
	some target, db in input.evidence["database.retention"]
	some t in db.api_log_tables
	some hit in t.findings
	hit.confidence in {"medium", "high"}
	f := {"clause": "LOG-7", "check": "LOG-7.a", "target": target,
		"msg": sprintf("API-log table %v: %v values of category %v in column %v",
			[t.table, hit.count, hit.category, hit.column]),
		"details": {"locator": sprintf("%v.%v %v", [t.table, hit.column, hit.category]), "count": hit.count}}
}

deny contains f if {
	some target, db in input.evidence["database.retention"]
	some t in db.api_log_tables
	object.get(t, "full_scan", null) != true
	t.rows_scanned < min_rows
	f := {"clause": "LOG-7", "check": "LOG-7.b", "target": target,
		"msg": sprintf("API-log table %v: only %v of %v rows in the window were scanned",
			[t.table, t.rows_scanned, t.rows_in_window]),
		"details": {"locator": t.table}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some store in inv.data_stores
	store.kind == "api_log"
	some a in inv.assets
	a.asset_id == store.asset_id
	a.hosting != "private_dedicated"
	f := {"clause": "LOG-7", "check": "LOG-7.c", "target": target,
		"msg": sprintf("API-log store %v is on asset %v, which is not a private dedicated server",
			[store.id, a.asset_id]),
		"details": {"locator": sprintf("%v", [store.id])}}
}
