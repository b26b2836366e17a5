package sample.cert_x

import rego.v1

test_no_endpoints_no_findings if {
	count(deny) == 0 with input as {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "evidence": {}}
}
