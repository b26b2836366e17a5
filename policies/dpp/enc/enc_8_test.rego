package dpp.enc.enc_8

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "printing_policy",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-10-01T00:00:00Z",
							"path": "documents/printing-policy.md",
							"permitted_documents": [
								"despatch_labels",
								"packing_slips",
								"gift_notes"
							],
							"sections_found": [],
							"sha256": "931db79977e35c640ce9155a100dbf4f8fcd87a9f4d1da8a8371116e813f2436",
							"title": "Printing policy"
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
		"params": {
			"document_review_max_months": 12
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_non_fulfilment_printing_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "printing_policy",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-10-01T00:00:00Z",
							"path": "documents/printing-policy.md",
							"permitted_documents": [
								"despatch_labels",
								"customer_lists"
							],
							"sections_found": [],
							"sha256": "931db79977e35c640ce9155a100dbf4f8fcd87a9f4d1da8a8371116e813f2436",
							"title": "Printing policy"
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
		"params": {
			"document_review_max_months": 12
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "ENC-8.b"
	f.target == "documents"
}
