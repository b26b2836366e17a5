package dpp.gen.gen_3

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
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {},
		"targets": {
			"access": {
				"address": "access",
				"kind": "access"
			}
		}
	}
}

test_training_stale_fails if {
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
							"training_completed_at": "2025-06-01T00:00:00Z"
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
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {},
		"targets": {
			"access": {
				"address": "access",
				"kind": "access"
			}
		}
	}
	some f in findings
	f.check == "GEN-3"
	f.target == "access"
}
