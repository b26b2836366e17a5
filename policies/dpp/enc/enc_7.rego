# METADATA
# title: ENC-7 printed material is shredded by the contracted service with a certificate per collection
# custom:
#   clause: ENC-7
#   severity: low
#   requires: [documents.records]
#   remediation: File the shredding certificate of every collection and keep collections within the interval.
package dpp.enc.enc_7

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

interval := object.get(input.params, "shred_collection_interval_days", 31) + object.get(input.params, "shred_grace_days", 4)

providers := object.get(input.params, "approved_shredding_providers", ["Simple Shredding"])

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	certs := object.get(ev.registers, "shredding_certificates", [])
	count([c | some c in certs; now_ns - time.parse_rfc3339_ns(c.collection_date) <= interval * day_ns]) == 0
	f := {"clause": "ENC-7", "check": "ENC-7.a", "target": target,
		"msg": sprintf("no shredding collection in the last %v days", [interval]),
		"details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some c in object.get(ev.registers, "shredding_certificates", [])
	not c.provider in providers
	f := {"clause": "ENC-7", "check": "ENC-7.b", "target": target,
		"msg": sprintf("shredding certificate %v is from %v, not an approved provider", [c.certificate_id, c.provider]),
		"details": {"locator": sprintf("%v", [c.certificate_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some c in object.get(ev.registers, "shredding_certificates", [])
	not c.refs_ok.document_ref
	f := {"clause": "ENC-7", "check": "ENC-7.c", "target": target,
		"msg": sprintf("shredding certificate %v: document_ref does not resolve to a filed certificate", [c.certificate_id]),
		"details": {"locator": sprintf("%v", [c.certificate_id])}}
}
