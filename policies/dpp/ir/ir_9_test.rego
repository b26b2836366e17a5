package dpp.ir.ir_9

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
					"registers": {
						"changes": [
							{
								"change_id": "CHG-101",
								"date": "2026-06-02T00:00:00Z",
								"description": "PostgreSQL 13 to 15 major upgrade",
								"major": true,
								"refs_ok": {}
							},
							{
								"change_id": "CHG-117",
								"date": "2026-10-01T00:00:00Z",
								"description": "nginx minor update",
								"major": false,
								"refs_ok": {}
							}
						]
					},
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
			"irp_review_max_months": 4,
			"major_change_review_days": 30
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_major_change_not_reviewed_fails if {
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
					"registers": {
						"changes": [
							{
								"change_id": "CHG-101",
								"date": "2026-06-02T00:00:00Z",
								"description": "PostgreSQL 13 to 15 major upgrade",
								"major": true,
								"refs_ok": {}
							},
							{
								"change_id": "CHG-117",
								"date": "2026-10-01T00:00:00Z",
								"description": "nginx minor update",
								"major": false,
								"refs_ok": {}
							},
							{
								"change_id": "CHG-120",
								"date": "2026-10-20T00:00:00Z",
								"major": true
							}
						]
					},
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
			"irp_review_max_months": 4,
			"major_change_review_days": 30
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "IR-9.b"
	f.target == "documents"
}

test_reviewed_5_months_ago_fails if {
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
							"last_review_date": "2026-06-27T00:00:00Z",
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
					"registers": {
						"changes": [
							{
								"change_id": "CHG-101",
								"date": "2026-06-02T00:00:00Z",
								"description": "PostgreSQL 13 to 15 major upgrade",
								"major": true,
								"refs_ok": {}
							},
							{
								"change_id": "CHG-117",
								"date": "2026-10-01T00:00:00Z",
								"description": "nginx minor update",
								"major": false,
								"refs_ok": {}
							}
						]
					},
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
			"irp_review_max_months": 4,
			"major_change_review_days": 30
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "IR-9.a"
	f.target == "documents"
}
