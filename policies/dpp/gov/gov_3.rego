# METADATA
# title: GOV-3 assets reassigned or removed after holding Amazon data were sanitised first (NIST SP 800-88)
# custom:
#   clause: GOV-3
#   severity: high
#   requires: [inventory.assets]
#   remediation: Record a sanitisation (date, nist_category, technique, performed_by, verified_by, certificate_ref) before reassigning or disposing of an asset that held Amazon data.
package dpp.gov.gov_3

import rego.v1

changed := {"reassigned", "retired", "disposed", "returned"}

allowed := {
	"hdd": {"clear", "purge", "destroy"}, "ssd": {"purge", "destroy"}, "nvme": {"purge", "destroy"},
	"flash": {"purge", "destroy"}, "usb": {"purge", "destroy"}, "paper": {"destroy"},
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.status in changed
	a.held_amazon_data == true
	count([s | some s in a.sanitisation; valid(a, s)]) == 0
	f := {"clause": "GOV-3", "check": "GOV-3", "target": target,
		"msg": sprintf("asset %v (%v) held Amazon data but has no valid sanitisation record before its status change",
			[a.asset_id, a.status]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

valid(a, s) if {
	time.parse_rfc3339_ns(s.date) <= time.parse_rfc3339_ns(a.status_changed_at)
	lower(s.nist_category) in object.get(allowed, lower(object.get(a, "media_type", "")), {"clear", "purge", "destroy"})
	s.performed_by
	s.verified_by
	s.verified_by != s.performed_by
	certificate_ok(s)
}

certificate_ok(s) if not s.third_party

certificate_ok(s) if {
	s.third_party
	s.certificate_ref
}
