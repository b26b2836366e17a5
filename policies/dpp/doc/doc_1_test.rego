package dpp.doc.doc_1

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
							"amazon_dpp_reviewed_at": "2026-08-20T00:00:00Z",
							"amazon_dpp_version_reviewed": "2026-06",
							"approved_at": "2026-08-20T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "data_protection_policy",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-08-20T00:00:00Z",
							"owner_person_id": "P001",
							"path": "documents/data-protection-policy.md",
							"published_sha256": "97327cfb5a02c62139765766d54569c30ef03f9e992c92b5bb3d761cf86bae4a",
							"published_url": "https://shop.example.com/data-protection",
							"sections_found": [],
							"sha256": "97327cfb5a02c62139765766d54569c30ef03f9e992c92b5bb3d761cf86bae4a",
							"title": "Amazon Data Protection Policy",
							"version": "1.4"
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

test_export_artefacts_warns if {
	findings := warn with input as {
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
							"amazon_dpp_reviewed_at": "2026-08-20T00:00:00Z",
							"amazon_dpp_version_reviewed": "2026-06",
							"approved_at": "2026-08-20T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [
								"need more help?"
							],
							"doc_type": "data_protection_policy",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-08-20T00:00:00Z",
							"owner_person_id": "P001",
							"path": "documents/data-protection-policy.md",
							"published_sha256": "97327cfb5a02c62139765766d54569c30ef03f9e992c92b5bb3d761cf86bae4a",
							"published_url": "https://shop.example.com/data-protection",
							"sections_found": [],
							"sha256": "97327cfb5a02c62139765766d54569c30ef03f9e992c92b5bb3d761cf86bae4a",
							"title": "Amazon Data Protection Policy",
							"version": "1.4"
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
	f.check == "DOC-1.d"
	f.target == "documents"
}

test_owner_left_fails if {
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
							"employment_status": "leaver",
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
							"amazon_dpp_reviewed_at": "2026-08-20T00:00:00Z",
							"amazon_dpp_version_reviewed": "2026-06",
							"approved_at": "2026-08-20T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "data_protection_policy",
							"keywords_found": [
								"data protection"
							],
							"last_review_date": "2026-08-20T00:00:00Z",
							"owner_person_id": "P001",
							"path": "documents/data-protection-policy.md",
							"published_sha256": "97327cfb5a02c62139765766d54569c30ef03f9e992c92b5bb3d761cf86bae4a",
							"published_url": "https://shop.example.com/data-protection",
							"sections_found": [],
							"sha256": "97327cfb5a02c62139765766d54569c30ef03f9e992c92b5bb3d761cf86bae4a",
							"title": "Amazon Data Protection Policy",
							"version": "1.4"
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
	f.check == "DOC-1.a"
	f.target == "documents"
}
