package dpp.gen.gen_6

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
							"doc_type": "restore_test",
							"keywords_found": [
								"purge"
							],
							"path": "documents/restore-test-2026-10.md",
							"performed_at": "2026-10-20T00:00:00Z",
							"performed_by": "P002",
							"result": "success",
							"sections_found": [],
							"sha256": "dd68c2864bc8655b772ee2b4a2891712c1303395deb450620aeba95e05412c10",
							"title": "Restore test October 2026"
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

test_restore_test_stale_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"artefacts_found": [],
							"doc_type": "restore_test",
							"keywords_found": [
								"purge"
							],
							"path": "documents/restore-test-2026-10.md",
							"performed_at": "2026-03-01T00:00:00Z",
							"performed_by": "P002",
							"result": "success",
							"sections_found": [],
							"sha256": "dd68c2864bc8655b772ee2b4a2891712c1303395deb450620aeba95e05412c10",
							"title": "Restore test October 2026"
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
	f.check == "GEN-6"
	f.target == "documents"
}
