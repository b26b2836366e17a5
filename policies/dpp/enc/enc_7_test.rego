package dpp.enc.enc_7

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
						"shredding_certificates": [
							{
								"certificate_id": "SS-2026-10",
								"collection_date": "2026-10-28T00:00:00Z",
								"document_ref": "records/certificates/SS-2026-10.md",
								"issued_at": "2026-10-29T00:00:00Z",
								"provider": "Simple Shredding",
								"refs_ok": {
									"document_ref": true
								}
							},
							{
								"certificate_id": "SS-2026-11",
								"collection_date": "2026-11-25T00:00:00Z",
								"document_ref": "records/certificates/SS-2026-11.md",
								"issued_at": "2026-11-26T00:00:00Z",
								"provider": "Simple Shredding",
								"refs_ok": {
									"document_ref": true
								}
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
			"shred_collection_interval_days": 31,
			"shred_grace_days": 4
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_certificate_not_filed_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"shredding_certificates": [
							{
								"certificate_id": "SS-2026-10",
								"collection_date": "2026-10-28T00:00:00Z",
								"document_ref": "records/certificates/SS-2026-10.md",
								"issued_at": "2026-10-29T00:00:00Z",
								"provider": "Simple Shredding",
								"refs_ok": {
									"document_ref": true
								}
							},
							{
								"certificate_id": "SS-2026-11",
								"collection_date": "2026-11-25T00:00:00Z",
								"document_ref": "records/certificates/SS-2026-11.md",
								"issued_at": "2026-11-26T00:00:00Z",
								"provider": "Simple Shredding",
								"refs_ok": {
									"document_ref": false
								}
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
			"shred_collection_interval_days": 31,
			"shred_grace_days": 4
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "ENC-7.c"
	f.target == "documents"
}

test_no_recent_collection_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"shredding_certificates": [
							{
								"certificate_id": "SS-2026-10",
								"collection_date": "2026-09-01T00:00:00Z",
								"document_ref": "records/certificates/SS-2026-10.md",
								"issued_at": "2026-10-29T00:00:00Z",
								"provider": "Simple Shredding",
								"refs_ok": {
									"document_ref": true
								}
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
			"shred_collection_interval_days": 31,
			"shred_grace_days": 4
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "ENC-7.a"
	f.target == "documents"
}
