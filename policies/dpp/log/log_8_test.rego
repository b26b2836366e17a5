package dpp.log.log_8

import rego.v1

signals := [
	"failed_login_burst", "account_lockout", "access_from_unapproved_ip", "http_401_403_spike",
	"request_rate_anomaly", "sp_api_429_spike", "first_sudo_by_user",
]

all_rules := [{"rule_id": sprintf("R%v", [i]), "signal": s, "enabled": true, "last_tested_at": "2026-11-01T00:00:00Z"} |
	some i, s in signals
]

doc(registers) := {
	"meta": {"evaluated_at": "2026-11-27T10:00:00Z"},
	"params": {},
	"evidence": {"documents.records": {"documents": {"registers": registers}}},
}

test_complete_register_passes if {
	count(deny) == 0 with input as doc({
		"alert_rules": all_rules,
		"alerts": [{"alert_id": "AL-1", "fired_at": "2026-11-20T09:00:00Z"}],
		"security_tickets": [{"trigger_ref": "AL-1", "opened_at": "2026-11-20T10:00:00Z"}],
	})
}

test_missing_register_fails if {
	some f in deny with input as doc({})
	f.check == "LOG-8.a"
}

test_missing_signal_stale_test_and_late_ticket_fail if {
	rules := array.concat(array.slice(all_rules, 1, 7), [{"rule_id": "R0", "signal": "failed_login_burst", "enabled": true, "last_tested_at": "2026-01-01T00:00:00Z"}])
	found := deny with input as doc({
		"alert_rules": array.concat(rules, [{"rule_id": "RX", "signal": "account_lockout", "enabled": false}]),
		"alerts": [{"alert_id": "AL-2", "fired_at": "2026-11-20T09:00:00Z"}],
		"security_tickets": [{"trigger_ref": "AL-2", "opened_at": "2026-11-22T09:00:00Z"}],
	})
	checks := {f.check | some f in found}
	checks == {"LOG-8.b", "LOG-8.c"}
}

test_disabled_rule_does_not_count if {
	rules := [object.union(r, {"enabled": false}) | some r in all_rules; r.signal == "sp_api_429_spike"]
	others := [r | some r in all_rules; r.signal != "sp_api_429_spike"]
	some f in deny with input as doc({"alert_rules": array.concat(others, rules)})
	f.msg == "no enabled alert rule for signal sp_api_429_spike"
}
