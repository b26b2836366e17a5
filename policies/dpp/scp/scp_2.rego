# METADATA
# title: SCP-2 data stores fed from Amazon are classified amazon_information and PII flags match the scans
# custom:
#   clause: SCP-2
#   severity: medium
#   requires: [inventory.assets]
#   reads: [database.retention]
#   remediation: Classify every store fed from SP-API, MWS, Seller Central or Amazon websites as amazon_information, and set contains_pii where the scans find PII.
package dpp.scp.scp_2

import rego.v1

amazon_sources := {"sp_api", "mws", "seller_central", "amazon_web"}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some store in inv.data_stores
	some src in store.sources
	src in amazon_sources
	object.get(store, "classification", "") != "amazon_information"
	f := {"clause": "SCP-2", "check": "SCP-2.a", "target": target,
		"msg": sprintf("data store %v is fed from %v but is not classified amazon_information", [store.id, src]),
		"details": {"locator": sprintf("%v", [store.id])}}
}

pii_tables contains [dbid, col.table] if {
	some dbid, db in input.evidence["database.retention"]
	some col in db.schema_scan
	pii(col)
}

pii(col) if col.name_match_category != null

pii(col) if col.sample_pii_hits > 0

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some [dbid, table] in pii_tables
	not flagged(inv, dbid, table)
	f := {"clause": "SCP-2", "check": "SCP-2.b", "target": target,
		"msg": sprintf("table %v of database %v holds PII but no inventory data store for it has contains_pii=true",
			[table, dbid]),
		"details": {"locator": sprintf("%v.%v", [dbid, table])}}
}

flagged(inv, dbid, table) if {
	some store in inv.data_stores
	object.get(store, "database", "") == dbid
	table in array.concat([object.get(store, "table", "")], object.get(store, "tables", []))
	store.contains_pii
}
