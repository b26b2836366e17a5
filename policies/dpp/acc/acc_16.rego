# METADATA
# title: ACC-16 every lockout and suspicious-activity alert has a ticket; suspicious accounts are suspended
# custom:
#   clause: ACC-16
#   severity: high
#   requires: [documents.records]
#   remediation: Open a security ticket within 24 h of every alert; suspend suspicious accounts within 1 h and re-enable them only after the investigation closes.
package dpp.acc.acc_16

import rego.v1

hour_ns := 3600000000000

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

suspend_h := object.get(input.params, "suspicious_suspend_hours", 1)

# Unknown (absent, null, "yes") is not "not suspicious": the alert is judged as suspicious.
_suspicious(alert) if alert.suspicious == true

_suspicious(alert) if not is_boolean(object.get(alert, "suspicious", null))

tickets_for(ev, alert) := [t | some t in object.get(ev.registers, "security_tickets", []); t.trigger_ref == alert.alert_id]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some alert in object.get(ev.registers, "alerts", [])
	count([t | some t in tickets_for(ev, alert); ns(t.opened_at) - ns(alert.fired_at) <= 24 * hour_ns]) == 0
	now_ns - ns(alert.fired_at) > 24 * hour_ns
	f := {"clause": "ACC-16", "check": "ACC-16.a", "target": target,
		"msg": sprintf("alert %v has no security ticket opened within 24 hours", [alert.alert_id]),
		"details": {"locator": sprintf("%v", [alert.alert_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some alert in object.get(ev.registers, "alerts", [])
	_suspicious(alert)
	some t in tickets_for(ev, alert)
	not suspended_in_time(alert, t)
	f := {"clause": "ACC-16", "check": "ACC-16.b", "target": target,
		"msg": sprintf("alert %v: account not suspended within %v hour(s)", [alert.alert_id, suspend_h]),
		"details": {"locator": sprintf("%v suspend", [alert.alert_id])}}
}

suspended_in_time(alert, t) if ns(t.account_suspended_at) - ns(alert.fired_at) <= suspend_h * hour_ns

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some alert in object.get(ev.registers, "alerts", [])
	_suspicious(alert)
	some t in tickets_for(ev, alert)
	t.reenabled_at
	not reenabled_after_close(t)
	f := {"clause": "ACC-16", "check": "ACC-16.c", "target": target,
		"msg": sprintf("alert %v: account re-enabled before the investigation closed", [alert.alert_id]),
		"details": {"locator": sprintf("%v reenable", [alert.alert_id])}}
}

reenabled_after_close(t) if ns(t.reenabled_at) >= ns(t.investigation_closed_at)

ns(ts) := time.parse_rfc3339_ns(ts)
