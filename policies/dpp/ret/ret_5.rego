# METADATA
# title: RET-5 the restore procedure re-runs the retention purge before a restored database is used
# custom:
#   clause: RET-5
#   severity: high
#   requires: [documents.records]
#   remediation: Add a purge-on-restore step to the restore procedure (doc_type restore_procedure).
package dpp.ret.ret_5

import rego.v1

procedures(ev) := [d | some d in ev.documents; d.doc_type == "restore_procedure"]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count(procedures(ev)) == 0
	f := {"clause": "RET-5", "check": "RET-5.b", "target": target,
		"msg": "no restore procedure (doc_type restore_procedure) was found", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some doc in procedures(ev)
	not "purge_on_restore" in object.get(doc, "sections_found", [])
	f := {"clause": "RET-5", "check": "RET-5.b", "target": target,
		"msg": sprintf("restore procedure %v has no purge-on-restore step", [doc.path]),
		"details": {"locator": doc.path}}
}
