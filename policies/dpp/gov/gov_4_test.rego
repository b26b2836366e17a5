package dpp.gov.gov_4

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-09-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "asset_management_policy",
							"keywords_found": [
								"800-88"
							],
							"last_review_date": "2026-09-01T00:00:00Z",
							"path": "documents/asset-management-policy.md",
							"sections_found": [
								"add_process",
								"data_cleansing",
								"reassign_process",
								"removal_disposal",
								"review_cycle",
								"roles",
								"scope_physical",
								"scope_software"
							],
							"sha256": "aed32011e3e284a306e7a3ae70acc864619894b635f37737abe775811816ac70",
							"title": "Asset Management Policy"
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
			"asset_review_max_months": 6
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_policy_stale_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-09-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "asset_management_policy",
							"keywords_found": [
								"800-88"
							],
							"last_review_date": "2026-04-01T00:00:00Z",
							"path": "documents/asset-management-policy.md",
							"sections_found": [
								"add_process",
								"data_cleansing",
								"reassign_process",
								"removal_disposal",
								"review_cycle",
								"roles",
								"scope_physical",
								"scope_software"
							],
							"sha256": "aed32011e3e284a306e7a3ae70acc864619894b635f37737abe775811816ac70",
							"title": "Asset Management Policy"
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
			"asset_review_max_months": 6
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "GOV-4"
	f.target == "documents"
}
