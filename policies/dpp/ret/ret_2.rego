# METADATA
# title: RET-2 PII exists only in order-management tables and is readable only by order-management users
# custom:
#   clause: RET-2
#   severity: high
#   requires: [database.retention]
#   remediation: Move or purge PII outside the order-management tables and revoke SELECT on PII tables from other database users.
package dpp.ret.ret_2

import rego.v1

pii_column(col) if col.name_match_category != null

pii_column(col) if col.sample_pii_hits > 0

allowed_table(db, col) if col.table in db.purpose.order_mgmt_tables

allowed_table(db, col) if col.schema in db.purpose.order_mgmt_schemas

deny contains f if {
	some target, db in input.evidence["database.retention"]
	count(db.purpose.order_mgmt_tables) + count(db.purpose.order_mgmt_schemas) == 0
	f := {"clause": "RET-2", "check": "RET-2.a", "target": target,
		"msg": "order-management tables or schemas are not declared (databases[].checks.order_mgmt_tables)",
		"details": {}}
}

deny contains f if {
	some target, db in input.evidence["database.retention"]
	count(db.purpose.order_mgmt_tables) + count(db.purpose.order_mgmt_schemas) > 0
	some col in db.schema_scan
	pii_column(col)
	not allowed_table(db, col)
	f := {"clause": "RET-2", "check": "RET-2.a", "target": target,
		"msg": sprintf("PII column %v.%v lies outside the order-management tables", [col.table, col.column]),
		"details": {"locator": sprintf("%v.%v", [col.table, col.column]),
			"category": col.name_match_category, "sample_pii_hits": col.sample_pii_hits}}
}

pii_tables(db) := {sprintf("%v.%v", [c.schema, c.table]) | some c in db.schema_scan; pii_column(c)}

deny contains f if {
	some target, db in input.evidence["database.retention"]
	count(db.purpose.order_mgmt_db_users) > 0
	some g in object.get(db, "grants", [])
	g.object in pii_tables(db)
	"SELECT" in g.privileges
	not g.db_user in db.purpose.order_mgmt_db_users
	f := {"clause": "RET-2", "check": "RET-2.b", "target": target,
		"msg": sprintf("database user %v can SELECT from PII table %v", [g.db_user, g.object]),
		"details": {"locator": sprintf("%v %v", [g.db_user, g.object])}}
}
