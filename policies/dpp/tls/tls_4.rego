# METADATA
# title: TLS-4 endpoints accept only HTTPS (plain HTTP redirects) and send HSTS
# custom:
#   clause: TLS-4
#   severity: critical
#   requires: [tls.endpoint]
#   remediation: Answer every plain-HTTP request with a 301/308 to https://<same host><same path>, and send Strict-Transport-Security with max-age of at least one year (two recommended).
package dpp.tls.tls_4

import rego.v1

permanent := {301, 308}

temporary := {302, 307}

plain_tests(ep) := ep.plain_http.paths_tested if {
	is_object(ep.plain_http)
	ep.plain_http.reachable == true
}

good_redirect(t) if {
	t.https == true
	t.same_host == true
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	some t in plain_tests(ep)
	status := object.get(t, "status", null) # no status recorded: not shown to redirect
	not redirect_status(status)
	f := finding(target, ep, "TLS-4.a", sprintf("http://%s:%v%s answers %v instead of a redirect to https", [ep.host, ep.plain_http.port, t.path, status]), sprintf("http:%v%s", [ep.plain_http.port, t.path]), status)
}

redirect_status(status) if permanent[status]

redirect_status(status) if temporary[status]

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	some t in plain_tests(ep)
	redirect_status(t.status)
	not good_redirect(t)
	f := finding(target, ep, "TLS-4.a", sprintf("http://%s:%v%s redirects to %v, not https on the same host", [ep.host, ep.plain_http.port, t.path, t.location]), sprintf("http:%v%s", [ep.plain_http.port, t.path]), t.location)
}

warn contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	some t in plain_tests(ep)
	temporary[t.status]
	good_redirect(t)
	f := finding(target, ep, "TLS-4.a", sprintf("http://%s:%v%s redirects with %v (temporary); use 301 or 308", [ep.host, ep.plain_http.port, t.path, t.status]), sprintf("http:%v%s", [ep.plain_http.port, t.path]), t.status)
}

warn contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	some t in plain_tests(ep)
	redirect_status(t.status)
	good_redirect(t)
	not t.path_preserved
	f := finding(target, ep, "TLS-4.a", sprintf("http://%s:%v%s redirects to %v, dropping the path", [ep.host, ep.plain_http.port, t.path, t.location]), sprintf("http-path:%v%s", [ep.plain_http.port, t.path]), t.location)
}

https_answer(ep) := ep.http if {
	ep.tls_handshake_ok
	is_object(ep.http)
}

hsts_checked(ep) if ep.source != "socket"

hsts_checked(ep) if ep.http.status != null

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	resp := https_answer(ep)
	hsts_checked(ep)
	resp.status == null
	f := finding(target, ep, "TLS-4.b", sprintf("%s gave no HTTPS response (%v): HSTS cannot be confirmed", [ep.url, resp.error]), "hsts", resp.error)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	resp := https_answer(ep)
	resp.status != null
	not resp.hsts.present
	f := finding(target, ep, "TLS-4.b", sprintf("%s sends no Strict-Transport-Security header", [ep.url]), "hsts", "absent")
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	resp := https_answer(ep)
	resp.status != null
	resp.hsts.present
	max_age := object.get(resp.hsts, "max_age", null)
	not max_age >= input.params.hsts_min_age_fail
	f := finding(target, ep, "TLS-4.b", sprintf("%s HSTS max-age is %v (minimum %v)", [ep.url, max_age, input.params.hsts_min_age_fail]), "hsts", max_age)
}

warn contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	resp := https_answer(ep)
	resp.status != null
	resp.hsts.max_age >= input.params.hsts_min_age_fail
	resp.hsts.max_age < input.params.hsts_min_age_warn
	f := finding(target, ep, "TLS-4.b", sprintf("%s HSTS max-age is %v (recommended %v)", [ep.url, resp.hsts.max_age, input.params.hsts_min_age_warn]), "hsts", resp.hsts.max_age)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	object.get(ep, "tls_handshake_ok", null) != true
	ep.source != "socket"
	f := finding(target, ep, "TLS-4.b", sprintf("%s does not speak HTTPS", [ep.url]), "no_tls", "no handshake")
}

finding(target, ep, check, msg, locator, seen) := {
	"clause": "TLS-4", "check": check, "target": target, "msg": msg,
	"details": {"locator": locator, "endpoint": ep.url, "seen": seen},
}
