# METADATA
# title: NET-1 the kernel's network stack refuses redirects and source routes and filters spoofed sources
# custom:
#   clause: NET-1
#   severity: medium
#   requires: [host.hardening]
#   remediation: In /etc/sysctl.d/60-net.conf set net.ipv4.conf.{all,default}.accept_redirects=0, send_redirects=0, accept_source_route=0, secure_redirects=0, rp_filter=1 (or 2), and net.ipv6.conf.{all,default}.accept_redirects=0, accept_source_route=0; load with sysctl --system.
package dpp.net.net_1_sysctl

import rego.v1

# key -> allowed values (strings as /proc/sys gives them).
_wanted := {
	"net.ipv4.conf.all.accept_redirects": {"0"},
	"net.ipv4.conf.default.accept_redirects": {"0"},
	"net.ipv4.conf.all.send_redirects": {"0"},
	"net.ipv4.conf.default.send_redirects": {"0"},
	"net.ipv4.conf.all.accept_source_route": {"0"},
	"net.ipv4.conf.default.accept_source_route": {"0"},
	"net.ipv4.conf.all.secure_redirects": {"0"},
	"net.ipv4.conf.all.rp_filter": {"1", "2"},
	"net.ipv4.conf.default.rp_filter": {"1", "2"},
	"net.ipv6.conf.all.accept_redirects": {"0"},
	"net.ipv6.conf.default.accept_redirects": {"0"},
	"net.ipv6.conf.all.accept_source_route": {"0"},
}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	s := object.get(h, "sysctl", {})
	values := object.get(s, "values", {})
	some key, allowed in _wanted
	v := object.get(values, key, null) # unset: the kernel default, which allows it
	not v in allowed
	f := {"clause": "NET-1", "check": "NET-1.sysctl", "target": t,
		"msg": sprintf("%v is %v (want %v; from %v)", [key, _shown(v), concat(" or ", sort(allowed)), object.get(s, "method", "unknown")]),
		"details": {"locator": sprintf("sysctl:%v", [key]), "value": v}}
}

_shown(v) := v if v != null
else := "not set (kernel default)"
