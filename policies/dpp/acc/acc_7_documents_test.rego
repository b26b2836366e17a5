package dpp.acc.acc_7_documents

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"access.list": {
				"access": {
					"accounts": [
						{
							"account_id": "A-001",
							"devices": [
								"laptop-07"
							],
							"person_id": "P002",
							"roles": [
								"order_ops"
							],
							"status": "active",
							"system": "ssh"
						}
					],
					"persons": [
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P001",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P002",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P003",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P004",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						}
					],
					"roles": [
						{
							"grants_amazon_data": true,
							"role_id": "order_ops"
						}
					]
				}
			},
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "offboarding_runbook",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-10-01T00:00:00Z",
							"path": "documents/offboarding-runbook.md",
							"sections_found": [],
							"sha256": "b0db101ab3ba8b051e7e4e7e4b147289a168c5bfd677ef26912d40e02a6b8966",
							"systems_covered": [
								"ssh",
								"postgresql",
								"seller_central",
								"github"
							],
							"title": "Offboarding runbook"
						}
					],
					"privacy_policy": null,
					"registers": {
						"revocation_requests": [
							{
								"account": "A-017",
								"completed_at": "2026-10-03T15:00:00Z",
								"refs_ok": {},
								"request_id": "RV-12",
								"requested_at": "2026-10-03T10:00:00Z"
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
			"adhoc_revoke_hours": 24,
			"document_review_max_months": 12
		},
		"targets": {
			"access": {
				"address": "access",
				"kind": "access"
			},
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_revocation_late_fails if {
	findings := deny with input as {
		"evidence": {
			"access.list": {
				"access": {
					"accounts": [
						{
							"account_id": "A-001",
							"devices": [
								"laptop-07"
							],
							"person_id": "P002",
							"roles": [
								"order_ops"
							],
							"status": "active",
							"system": "ssh"
						}
					],
					"persons": [
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P001",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P002",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P003",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P004",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						}
					],
					"roles": [
						{
							"grants_amazon_data": true,
							"role_id": "order_ops"
						}
					]
				}
			},
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "offboarding_runbook",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-10-01T00:00:00Z",
							"path": "documents/offboarding-runbook.md",
							"sections_found": [],
							"sha256": "b0db101ab3ba8b051e7e4e7e4b147289a168c5bfd677ef26912d40e02a6b8966",
							"systems_covered": [
								"ssh",
								"postgresql",
								"seller_central",
								"github"
							],
							"title": "Offboarding runbook"
						}
					],
					"privacy_policy": null,
					"registers": {
						"revocation_requests": [
							{
								"account": "A-017",
								"completed_at": "2026-10-05T10:00:00Z",
								"refs_ok": {},
								"request_id": "RV-12",
								"requested_at": "2026-10-03T10:00:00Z"
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
			"adhoc_revoke_hours": 24,
			"document_review_max_months": 12
		},
		"targets": {
			"access": {
				"address": "access",
				"kind": "access"
			},
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "ACC-7.c"
	f.target == "documents"
}

test_system_not_covered_fails if {
	findings := deny with input as {
		"evidence": {
			"access.list": {
				"access": {
					"accounts": [
						{
							"account_id": "A-001",
							"devices": [
								"laptop-07"
							],
							"person_id": "P002",
							"roles": [
								"order_ops"
							],
							"status": "active",
							"system": "ssh"
						},
						{
							"account_id": "A-002",
							"devices": [],
							"person_id": "P003",
							"roles": [],
							"status": "active",
							"system": "aws"
						}
					],
					"persons": [
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P001",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P002",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P003",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P004",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						}
					],
					"roles": [
						{
							"grants_amazon_data": true,
							"role_id": "order_ops"
						}
					]
				}
			},
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "offboarding_runbook",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-10-01T00:00:00Z",
							"path": "documents/offboarding-runbook.md",
							"sections_found": [],
							"sha256": "b0db101ab3ba8b051e7e4e7e4b147289a168c5bfd677ef26912d40e02a6b8966",
							"systems_covered": [
								"ssh",
								"postgresql",
								"seller_central",
								"github"
							],
							"title": "Offboarding runbook"
						}
					],
					"privacy_policy": null,
					"registers": {
						"revocation_requests": [
							{
								"account": "A-017",
								"completed_at": "2026-10-03T15:00:00Z",
								"refs_ok": {},
								"request_id": "RV-12",
								"requested_at": "2026-10-03T10:00:00Z"
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
			"adhoc_revoke_hours": 24,
			"document_review_max_months": 12
		},
		"targets": {
			"access": {
				"address": "access",
				"kind": "access"
			},
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "ACC-7.b"
	f.target == "documents"
}
