package dpp.ret.ret_3

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"database.retention": {
				"orders-db": {
					"api_log_tables": [
						{
							"findings": [],
							"full_scan": true,
							"rows_in_window": 3,
							"rows_scanned": 3,
							"rows_total": 3,
							"schema": null,
							"table": "api_log",
							"window_days": 30
						}
					],
					"checked_at": "2026-11-27T09:59:00Z",
					"deletion_verification": [],
					"engine": "sqlite",
					"grants": [],
					"grants_supported": false,
					"purge_job": {
						"last_run_at": "2026-11-27T01:00:00Z",
						"last_success_at": "2026-11-27T01:00:00Z",
						"rows_purged": 3,
						"table": "purge_runs"
					},
					"purpose": {
						"order_mgmt_db_users": [],
						"order_mgmt_schemas": [],
						"order_mgmt_tables": [
							"orders"
						]
					},
					"retention_checks": [
						{
							"event": "shipped",
							"event_column": "shipped_at",
							"name": "orders_shipped",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "b69a5bc1cc9f0da82b3ba7a2359c852f1733dfc819446bab571ae1d102171d0a",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "cancelled",
							"event_column": "cancelled_at",
							"name": "orders_cancelled",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "eec9471b27e33a975782921eb6c32bcf2222315fa5d5eb4390521f15a76425f0",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "open_since_purchase",
							"event_column": "purchased_at",
							"name": "orders_open",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "fa6b7595b3b33660b597bb387846b8d0aeef5e12c8be091fc1186d3b88bec813",
							"schema": null,
							"table": "orders",
							"threshold_days": 90
						}
					],
					"schema_scan": [
						{
							"column": "buyer_name",
							"name_match_category": "person_name",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "buyer_email",
							"name_match_category": "email",
							"sample_categories": [
								"email"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_address",
							"name_match_category": "postal_address",
							"sample_categories": [
								"postal_address"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_postcode",
							"name_match_category": "postal_address",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						}
					],
					"tables_scanned": [
						{
							"rows_sampled": 5,
							"schema": "main",
							"table": "orders"
						},
						{
							"rows_sampled": 0,
							"schema": "main",
							"table": "purge_runs"
						}
					],
					"url_redacted": "sqlite:////work/main/examples/governance/demo.sqlite"
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {},
		"targets": {
			"orders-db": {
				"address": "database:orders-db",
				"kind": "database"
			}
		}
	}
}

test_purge_job_stale_fails if {
	findings := deny with input as {
		"evidence": {
			"database.retention": {
				"orders-db": {
					"api_log_tables": [
						{
							"findings": [],
							"full_scan": true,
							"rows_in_window": 3,
							"rows_scanned": 3,
							"rows_total": 3,
							"schema": null,
							"table": "api_log",
							"window_days": 30
						}
					],
					"checked_at": "2026-11-27T09:59:00Z",
					"deletion_verification": [],
					"engine": "sqlite",
					"grants": [],
					"grants_supported": false,
					"purge_job": {
						"last_run_at": "2026-11-27T01:00:00Z",
						"last_success_at": "2026-11-24T01:00:00Z",
						"rows_purged": 3,
						"table": "purge_runs"
					},
					"purpose": {
						"order_mgmt_db_users": [],
						"order_mgmt_schemas": [],
						"order_mgmt_tables": [
							"orders"
						]
					},
					"retention_checks": [
						{
							"event": "shipped",
							"event_column": "shipped_at",
							"name": "orders_shipped",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "b69a5bc1cc9f0da82b3ba7a2359c852f1733dfc819446bab571ae1d102171d0a",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "cancelled",
							"event_column": "cancelled_at",
							"name": "orders_cancelled",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "eec9471b27e33a975782921eb6c32bcf2222315fa5d5eb4390521f15a76425f0",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "open_since_purchase",
							"event_column": "purchased_at",
							"name": "orders_open",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "fa6b7595b3b33660b597bb387846b8d0aeef5e12c8be091fc1186d3b88bec813",
							"schema": null,
							"table": "orders",
							"threshold_days": 90
						}
					],
					"schema_scan": [
						{
							"column": "buyer_name",
							"name_match_category": "person_name",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "buyer_email",
							"name_match_category": "email",
							"sample_categories": [
								"email"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_address",
							"name_match_category": "postal_address",
							"sample_categories": [
								"postal_address"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_postcode",
							"name_match_category": "postal_address",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						}
					],
					"tables_scanned": [
						{
							"rows_sampled": 5,
							"schema": "main",
							"table": "orders"
						},
						{
							"rows_sampled": 0,
							"schema": "main",
							"table": "purge_runs"
						}
					],
					"url_redacted": "sqlite:////work/main/examples/governance/demo.sqlite"
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {},
		"targets": {
			"orders-db": {
				"address": "database:orders-db",
				"kind": "database"
			}
		}
	}
	some f in findings
	f.check == "RET-3.b"
	f.target == "orders-db"
}

test_shipped_31_days_pii_fails if {
	findings := deny with input as {
		"evidence": {
			"database.retention": {
				"orders-db": {
					"api_log_tables": [
						{
							"findings": [],
							"full_scan": true,
							"rows_in_window": 3,
							"rows_scanned": 3,
							"rows_total": 3,
							"schema": null,
							"table": "api_log",
							"window_days": 30
						}
					],
					"checked_at": "2026-11-27T09:59:00Z",
					"deletion_verification": [],
					"engine": "sqlite",
					"grants": [],
					"grants_supported": false,
					"purge_job": {
						"last_run_at": "2026-11-27T01:00:00Z",
						"last_success_at": "2026-11-27T01:00:00Z",
						"rows_purged": 3,
						"table": "purge_runs"
					},
					"purpose": {
						"order_mgmt_db_users": [],
						"order_mgmt_schemas": [],
						"order_mgmt_tables": [
							"orders"
						]
					},
					"retention_checks": [
						{
							"event": "shipped",
							"event_column": "shipped_at",
							"name": "orders_shipped",
							"offending_rows": 2,
							"oldest_offending_age_days": 31,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "b69a5bc1cc9f0da82b3ba7a2359c852f1733dfc819446bab571ae1d102171d0a",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "cancelled",
							"event_column": "cancelled_at",
							"name": "orders_cancelled",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "eec9471b27e33a975782921eb6c32bcf2222315fa5d5eb4390521f15a76425f0",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "open_since_purchase",
							"event_column": "purchased_at",
							"name": "orders_open",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "fa6b7595b3b33660b597bb387846b8d0aeef5e12c8be091fc1186d3b88bec813",
							"schema": null,
							"table": "orders",
							"threshold_days": 90
						}
					],
					"schema_scan": [
						{
							"column": "buyer_name",
							"name_match_category": "person_name",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "buyer_email",
							"name_match_category": "email",
							"sample_categories": [
								"email"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_address",
							"name_match_category": "postal_address",
							"sample_categories": [
								"postal_address"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_postcode",
							"name_match_category": "postal_address",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						}
					],
					"tables_scanned": [
						{
							"rows_sampled": 5,
							"schema": "main",
							"table": "orders"
						},
						{
							"rows_sampled": 0,
							"schema": "main",
							"table": "purge_runs"
						}
					],
					"url_redacted": "sqlite:////work/main/examples/governance/demo.sqlite"
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {},
		"targets": {
			"orders-db": {
				"address": "database:orders-db",
				"kind": "database"
			}
		}
	}
	some f in findings
	f.check == "RET-3.a"
	f.target == "orders-db"
}
