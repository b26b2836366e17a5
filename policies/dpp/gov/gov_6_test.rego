package dpp.gov.gov_6

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": {
						"auth_required": false,
						"error": null,
						"http_status": 200,
						"keywords_found": [
							"GDPR",
							"The Entertainer",
							"contact",
							"data protection"
						],
						"last_updated_date": "2026-06-01T00:00:00Z",
						"retrieved_over_https": true,
						"url": "https://shop.example.com/privacy"
					},
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

test_behind_login_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": {
						"auth_required": true,
						"error": null,
						"http_status": 401,
						"keywords_found": [
							"GDPR",
							"The Entertainer",
							"contact",
							"data protection"
						],
						"last_updated_date": "2026-06-01T00:00:00Z",
						"retrieved_over_https": true,
						"url": "https://shop.example.com/privacy"
					},
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
	f.check == "GOV-6.a"
	f.target == "documents"
}

test_no_gdpr_statement_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": {
						"auth_required": false,
						"error": null,
						"http_status": 200,
						"keywords_found": [
							"The Entertainer",
							"contact"
						],
						"last_updated_date": "2026-06-01T00:00:00Z",
						"retrieved_over_https": true,
						"url": "https://shop.example.com/privacy"
					},
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
	f.check == "GOV-6.b"
	f.target == "documents"
}
