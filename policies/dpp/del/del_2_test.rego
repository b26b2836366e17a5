package dpp.del.del_2

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-07-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "sanitisation_procedure",
							"keywords_found": [
								"800-88",
								"clear",
								"destroy",
								"purge"
							],
							"last_review_date": "2026-07-01T00:00:00Z",
							"path": "documents/sanitisation-procedure.md",
							"sections_found": [
								"backups",
								"db_records",
								"flash",
								"hdd",
								"paper",
								"ssd"
							],
							"sha256": "cd9d1a6f3ed7ef47d8bfd971158bfbd186770254cb6e27ccf75f80eb8d1a84e6",
							"title": "Media sanitisation procedure (NIST SP 800-88)"
						}
					],
					"privacy_policy": null,
					"registers": {
						"deletion_requests": [
							{
								"certificate_issued_at": "2026-09-10T10:00:00Z",
								"certificate_ref": "records/certificates/DR-2026-001-certificate.md",
								"certification_requested_at": "2026-09-03T10:00:00Z",
								"completed_at": "2026-09-02T15:30:00Z",
								"live_instances_deleted_at": "2026-09-20T12:00:00Z",
								"method": {
									"media_type": "db_records",
									"nist_category": "purge",
									"technique": "DELETE + VACUUM + rescan"
								},
								"received_at": "2026-09-01T09:00:00Z",
								"refs_ok": {
									"certificate_ref": true,
									"verification_ref": true
								},
								"request_id": "DR-2026-001",
								"requested_action": "delete",
								"scope": "all orders of marketplace A1F83G8C2ARO7P",
								"signed_by_person_id": "P001",
								"verification_ref": "records/certificates/DR-2026-001-verification.md"
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

test_category_not_allowed_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-07-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "sanitisation_procedure",
							"keywords_found": [
								"800-88",
								"clear",
								"destroy",
								"purge"
							],
							"last_review_date": "2026-07-01T00:00:00Z",
							"path": "documents/sanitisation-procedure.md",
							"sections_found": [
								"backups",
								"db_records",
								"flash",
								"hdd",
								"paper",
								"ssd"
							],
							"sha256": "cd9d1a6f3ed7ef47d8bfd971158bfbd186770254cb6e27ccf75f80eb8d1a84e6",
							"title": "Media sanitisation procedure (NIST SP 800-88)"
						}
					],
					"privacy_policy": null,
					"registers": {
						"deletion_requests": [
							{
								"certificate_issued_at": "2026-09-10T10:00:00Z",
								"certificate_ref": "records/certificates/DR-2026-001-certificate.md",
								"certification_requested_at": "2026-09-03T10:00:00Z",
								"completed_at": "2026-09-02T15:30:00Z",
								"live_instances_deleted_at": "2026-09-20T12:00:00Z",
								"method": {
									"media_type": "ssd",
									"nist_category": "clear",
									"technique": "DELETE + VACUUM + rescan"
								},
								"received_at": "2026-09-01T09:00:00Z",
								"refs_ok": {
									"certificate_ref": true,
									"verification_ref": true
								},
								"request_id": "DR-2026-001",
								"requested_action": "delete",
								"scope": "all orders of marketplace A1F83G8C2ARO7P",
								"signed_by_person_id": "P001",
								"verification_ref": "records/certificates/DR-2026-001-verification.md"
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
	f.check == "DEL-2.c"
	f.target == "documents"
}

test_procedure_stale_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-07-01T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "sanitisation_procedure",
							"keywords_found": [
								"800-88",
								"clear",
								"destroy",
								"purge"
							],
							"last_review_date": "2025-06-01T00:00:00Z",
							"path": "documents/sanitisation-procedure.md",
							"sections_found": [
								"backups",
								"db_records",
								"flash",
								"hdd",
								"paper",
								"ssd"
							],
							"sha256": "cd9d1a6f3ed7ef47d8bfd971158bfbd186770254cb6e27ccf75f80eb8d1a84e6",
							"title": "Media sanitisation procedure (NIST SP 800-88)"
						}
					],
					"privacy_policy": null,
					"registers": {
						"deletion_requests": [
							{
								"certificate_issued_at": "2026-09-10T10:00:00Z",
								"certificate_ref": "records/certificates/DR-2026-001-certificate.md",
								"certification_requested_at": "2026-09-03T10:00:00Z",
								"completed_at": "2026-09-02T15:30:00Z",
								"live_instances_deleted_at": "2026-09-20T12:00:00Z",
								"method": {
									"media_type": "db_records",
									"nist_category": "purge",
									"technique": "DELETE + VACUUM + rescan"
								},
								"received_at": "2026-09-01T09:00:00Z",
								"refs_ok": {
									"certificate_ref": true,
									"verification_ref": true
								},
								"request_id": "DR-2026-001",
								"requested_action": "delete",
								"scope": "all orders of marketplace A1F83G8C2ARO7P",
								"signed_by_person_id": "P001",
								"verification_ref": "records/certificates/DR-2026-001-verification.md"
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
	f.check == "DEL-2.b"
	f.target == "documents"
}
