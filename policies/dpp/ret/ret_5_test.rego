package dpp.ret.ret_5

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-09-10T00:00:00Z",
							"approved_by": "P002",
							"artefacts_found": [],
							"doc_type": "restore_procedure",
							"keywords_found": [
								"purge"
							],
							"last_review_date": "2026-09-10T00:00:00Z",
							"path": "documents/restore-procedure.md",
							"sections_found": [
								"purge_on_restore"
							],
							"sha256": "d29b6e65b1a1fad68467f5ea49ed9e76351aefd8322ead2bb9a6961e91c7e133",
							"title": "Database restore procedure"
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

test_no_purge_on_restore_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-09-10T00:00:00Z",
							"approved_by": "P002",
							"artefacts_found": [],
							"doc_type": "restore_procedure",
							"keywords_found": [
								"purge"
							],
							"last_review_date": "2026-09-10T00:00:00Z",
							"path": "documents/restore-procedure.md",
							"sections_found": [],
							"sha256": "d29b6e65b1a1fad68467f5ea49ed9e76351aefd8322ead2bb9a6961e91c7e133",
							"title": "Database restore procedure"
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
	f.check == "RET-5.b"
	f.target == "documents"
}
