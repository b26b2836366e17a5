package dpp.ir.ir_1

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-15T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "incident_response_plan",
							"keywords_found": [
								"security@amazon.com"
							],
							"last_review_date": "2026-10-15T00:00:00Z",
							"path": "documents/incident-response-plan.md",
							"sections_found": [
								"amazon_notification",
								"communications",
								"definitions",
								"escalation",
								"evidence_retention",
								"review",
								"roles",
								"scope",
								"service_interruption",
								"severity_matrix"
							],
							"severity_matrix": {
								"high": {
									"high": "P1",
									"low": "P3",
									"medium": "P2"
								},
								"low": {
									"high": "P3",
									"low": "P4",
									"medium": "P4"
								},
								"medium": {
									"high": "P2",
									"low": "P4",
									"medium": "P3"
								}
							},
							"sha256": "4e3c6c155d1c8fc4d8f7fcb168d39ecc00c29ef14b520119dbc6d204bd206c1e",
							"title": "Incident Response Plan"
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

test_missing_sections_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-15T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "incident_response_plan",
							"keywords_found": [
								"security@amazon.com"
							],
							"last_review_date": "2026-10-15T00:00:00Z",
							"path": "documents/incident-response-plan.md",
							"sections_found": [
								"scope",
								"roles"
							],
							"severity_matrix": {
								"high": {
									"high": "P1",
									"low": "P3",
									"medium": "P2"
								},
								"low": {
									"high": "P3",
									"low": "P4",
									"medium": "P4"
								},
								"medium": {
									"high": "P2",
									"low": "P4",
									"medium": "P3"
								}
							},
							"sha256": "4e3c6c155d1c8fc4d8f7fcb168d39ecc00c29ef14b520119dbc6d204bd206c1e",
							"title": "Incident Response Plan"
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
	f.check == "IR-1.c"
	f.target == "documents"
}

test_no_plan_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
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
	f.check == "IR-1.a"
	f.target == "documents"
}
