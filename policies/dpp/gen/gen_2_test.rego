package dpp.gen.gen_2

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"artefacts_found": [],
							"doc_type": "hosting_certification",
							"keywords_found": [],
							"last_review_date": "2026-10-05T00:00:00Z",
							"path": "documents/hosting-certification.md",
							"provider": "Example Dedicated Hosting Ltd",
							"report_period_end": "2026-09-30T00:00:00Z",
							"scope_includes_facility": true,
							"sections_found": [],
							"sha256": "e48b8f0f34af0fffd7c89a0d78f5c532fbe720b10a6f1540d007c94b0c878a82",
							"standard": "ISO/IEC 27001:2022",
							"title": "Hosting provider ISO/IEC 27001 certificate",
							"valid_until": "2027-09-30T00:00:00Z"
						}
					],
					"privacy_policy": null,
					"registers": {},
					"registers_configured": [
						"alerts",
						"changes",
						"control_register",
						"deletion_requests",
						"findings",
						"incidents",
						"review_records",
						"revocation_requests",
						"security_tickets",
						"shredding_certificates"
					]
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_expired_certificate_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"artefacts_found": [],
							"doc_type": "hosting_certification",
							"keywords_found": [],
							"last_review_date": "2026-10-05T00:00:00Z",
							"path": "documents/hosting-certification.md",
							"provider": "Example Dedicated Hosting Ltd",
							"report_period_end": "2026-09-30T00:00:00Z",
							"scope_includes_facility": true,
							"sections_found": [],
							"sha256": "e48b8f0f34af0fffd7c89a0d78f5c532fbe720b10a6f1540d007c94b0c878a82",
							"standard": "ISO/IEC 27001:2022",
							"title": "Hosting provider ISO/IEC 27001 certificate",
							"valid_until": "2026-10-01T00:00:00Z"
						}
					],
					"privacy_policy": null,
					"registers": {},
					"registers_configured": [
						"alerts",
						"changes",
						"control_register",
						"deletion_requests",
						"findings",
						"incidents",
						"review_records",
						"revocation_requests",
						"security_tickets",
						"shredding_certificates"
					]
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "GEN-2"
	f.target == "documents"
}
