# METADATA
# title: ACC-6 logs are forwarded over TLS to the central monitoring store
# custom:
#   clause: ACC-6
#   severity: high
#   requires: [host.logging]
#   remediation: Forward auth, audit and Application logs to the central store over TLS (rsyslog omfwd with StreamDriverMode 1, systemd-journal-upload to an https URL, or a running shipping agent), and remove plain-text forwarding.
package dpp.acc.acc_6

import rego.v1

_covers_auth(fwd) if "*" in fwd.facilities

_covers_auth(fwd) if {
	some fac in fwd.facilities
	fac in {"auth", "authpriv"}
}

_tls_paths(l) := {sprintf("rsyslog %s:%v", [fwd.host, fwd.port]) | some fwd in l.rsyslog.forwards; fwd.tls; _covers_auth(fwd)} | {sprintf("journal-upload %s", [l.journal_upload.url]) | l.journal_upload.enabled; l.journal_upload.tls} | {sprintf("agent %s", [a.name]) | some a in l.agents; a.running != false}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	count(_tls_paths(l)) == 0
	f := {"clause": "ACC-6", "check": "ACC-6.a", "target": t,
		"msg": sprintf("no TLS log forwarding covers auth logs (rsyslog forwards: %v, journal-upload enabled: %v, agents: %v)", [count(l.rsyslog.forwards), l.journal_upload.enabled, count(l.agents)]),
		"details": {"locator": "forwarding"}}
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	some fwd in l.rsyslog.forwards
	not fwd.tls
	f := {"clause": "ACC-6", "check": "ACC-6.b", "target": t,
		"msg": sprintf("rsyslog forwards %s to %s:%v over plain %s (%s:%v)", [concat(",", fwd.facilities), fwd.host, fwd.port, fwd.protocol, fwd.file, fwd.line]),
		"details": {"locator": sprintf("rsyslog:%s:%v", [fwd.host, fwd.port])}}
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	l.journal_upload.enabled
	not l.journal_upload.tls
	f := {"clause": "ACC-6", "check": "ACC-6.b", "target": t,
		"msg": sprintf("systemd-journal-upload sends to %v without https", [l.journal_upload.url]),
		"details": {"locator": "journal-upload"}}
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	some a in l.agents
	a.running == false
	f := {"clause": "ACC-6", "check": "ACC-6.c", "target": t,
		"msg": sprintf("log shipping agent %s is configured (%s) but not running", [a.name, a.config]),
		"details": {"locator": sprintf("agent:%s", [a.name])}}
}

warn contains f if {
	some t, l in input.evidence["host.logging"]
	some a in l.agents
	a.running != false
	f := {"clause": "ACC-6", "check": "ACC-6.c", "target": t,
		"msg": sprintf("log shipping agent %s: its TLS settings and last shipment time are not verified", [a.name]),
		"details": {"locator": sprintf("agent:%s", [a.name])}}
}
