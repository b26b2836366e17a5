# METADATA
# title: LOG-8 alert rules flag unauthorised access and unexpected request rates, are tested, and every alert is ticketed
# custom:
#   clause: LOG-8
#   severity: high
#   requires: [documents.records]
#   remediation: Keep an alert-rule register (rule_id, signal, threshold, window, enabled, last_tested_at) covering every required signal, test each rule at least every 90 days, and open a security ticket within 24 hours of every alert.
package dpp.log.log_8

import rego.v1

day_ns := 86400000000000

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

required_signals := {
	"failed_login_burst", "account_lockout", "access_from_unapproved_ip", "http_401_403_spike",
	"request_rate_anomaly", "sp_api_429_spike", "first_sudo_by_user",
}

registers(ev) := object.get(ev, "registers", {})

rules(ev) := object.get(registers(ev), "alert_rules", [])

enabled_signals(ev) := {s |
	some r in rules(ev)
	object.get(r, "enabled", false) == true
	s := object.get(r, "signal", "")
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	not "alert_rules" in object.keys(registers(ev))
	f := {"clause": "LOG-8", "check": "LOG-8.a", "target": target,
		"msg": "no alert_rules register is configured (documents.registers.alert_rules)",
		"details": {"locator": "alert_rules"}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	"alert_rules" in object.keys(registers(ev))
	some signal in required_signals
	not signal in enabled_signals(ev)
	f := {"clause": "LOG-8", "check": "LOG-8.a", "target": target,
		"msg": sprintf("no enabled alert rule for signal %v", [signal]),
		"details": {"locator": signal}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some r in rules(ev)
	object.get(r, "enabled", false) == true
	not tested_within(r, 90)
	f := {"clause": "LOG-8", "check": "LOG-8.b", "target": target,
		"msg": sprintf("alert rule %v was last tested %v (must be within 90 days)",
			[object.get(r, "rule_id", "?"), object.get(r, "last_tested_at", "never")]),
		"details": {"locator": sprintf("%v tested", [object.get(r, "rule_id", "?")])}}
}

tested_within(r, days) if {
	tested := object.get(r, "last_tested_at", "")
	tested != ""
	now_ns - time.parse_rfc3339_ns(tested) <= days * day_ns
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some alert in object.get(registers(ev), "alerts", [])
	fired := object.get(alert, "fired_at", "")
	fired != ""
	now_ns - time.parse_rfc3339_ns(fired) > day_ns
	count(tickets_in_time(ev, alert, fired)) == 0
	f := {"clause": "LOG-8", "check": "LOG-8.c", "target": target,
		"msg": sprintf("alert %v has no security ticket opened within 24 hours", [object.get(alert, "alert_id", "?")]),
		"details": {"locator": sprintf("%v ticket", [object.get(alert, "alert_id", "?")])}}
}

tickets_in_time(ev, alert, fired) := [t |
	some t in object.get(registers(ev), "security_tickets", [])
	object.get(t, "trigger_ref", "") == object.get(alert, "alert_id", null)
	opened := object.get(t, "opened_at", "")
	opened != ""
	time.parse_rfc3339_ns(opened) - time.parse_rfc3339_ns(fired) <= day_ns
]
