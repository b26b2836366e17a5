package dpp.del.del_4

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
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
			"certification_days": 30
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_certificate_late_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"deletion_requests": [
							{
								"certificate_issued_at": "2026-10-20T00:00:00Z",
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
			"certification_days": 30
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "DEL-4.a"
	f.target == "documents"
}

test_certificate_unsigned_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
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
			"certification_days": 30
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "DEL-4.b"
	f.target == "documents"
}
