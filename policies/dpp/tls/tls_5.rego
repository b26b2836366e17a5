# METADATA
# title: TLS-5 no plaintext service on any non-loopback socket, used or unused
# description: >-
#   Joins host.listening sockets with the tls.endpoint probe of each (target id
#   <host>/tcp/<address>/<port>). A listener is acceptable when it completes a TLS handshake,
#   speaks SSH, is a redirect-only HTTP listener (allow_http_redirect_listener), is PostgreSQL or
#   MySQL offering TLS on the port (enforcement is TLS-6), has STARTTLS shown as required, or its
#   port is in params.plaintext_exempt. A listener without collected probe evidence (never probed, or the
#   probe failed) fails: an unverified socket is not evidence of encryption. With no host in
#   scope the clause is not applicable (it requires host.listening only).
# custom:
#   clause: TLS-5
#   severity: critical
#   requires: [host.listening]
#   reads: [tls.endpoint]
#   remediation: Bind internal plaintext services to loopback or a Unix socket, enable TLS on them, or remove them.
package dpp.tls.tls_5

import rego.v1

endpoint_id(host_id, sock) := sprintf("%s/tcp/%s/%v", [host_id, sock.local_address, sock_port(sock)])

# An unread port reads as null: such a listener matches no probed endpoint and is reported unverified.
sock_port(sock) := object.get(sock, "port", null)

exempt(port) if {
	some item in object.get(input.params, "plaintext_exempt", [])
	item == port
}

exempt(port) if {
	some item in object.get(input.params, "plaintext_exempt", [])
	item.port == port
}

exposed contains [host_id, sock] if {
	some host_id, listening in input.evidence["host.listening"]
	some sock in object.get(listening, "listening_sockets", [])
	sock.proto == "tcp"
	object.get(sock, "is_loopback", null) != true
	not exempt(sock_port(sock)) # an unread port is not exempt
}

redirect_only(ep) if {
	object.get(input.params, "allow_http_redirect_listener", true) == true
	tested := ep.plain_http.paths_tested
	count(tested) > 0
	every t in tested {
		t.status in {301, 302, 307, 308}
		t.https == true
		t.same_host == true
	}
}

unprobed_reason(id) := "probe failed" if {
	input.targets[id]
} else := "not probed"

acceptable(ep) if ep.tls_handshake_ok == true

acceptable(ep) if ep.plaintext_probe.protocol_guess == "ssh"

acceptable(ep) if {
	ep.plaintext_probe.protocol_guess == "http"
	redirect_only(ep)
}

# Databases that offer TLS on the same port: whether they require it is TLS-6 (their config).
in_protocol_tls := {"postgres", "mysql"}

acceptable(ep) if {
	in_protocol_tls[ep.plaintext_probe.protocol_guess]
	ep.plaintext_probe.starttls_offered == true
}

# Mail protocols pass only when STARTTLS is shown to be required.
acceptable(ep) if ep.plaintext_probe.starttls_required == true

deny contains f if {
	some pair in exposed
	host_id := pair[0]
	sock := pair[1]
	id := endpoint_id(host_id, sock)
	ep := input.evidence["tls.endpoint"][id]
	not acceptable(ep)
	guess := object.get(object.get(ep, "plaintext_probe", {}), "protocol_guess", "unknown")
	f := {
		"clause": "TLS-5", "check": "TLS-5", "target": host_id,
		"msg": sprintf("%s listens in plaintext (%s) on %s:%v (process %v)", [host_id, guess, sock.local_address, sock_port(sock), object.get(sock, "process", null)]),
		"details": {"locator": sprintf("tcp/%s/%v", [sock.local_address, sock_port(sock)]), "endpoint": id, "seen": guess},
	}
}

deny contains f if {
	some pair in exposed
	host_id := pair[0]
	sock := pair[1]
	id := endpoint_id(host_id, sock)
	not input.evidence["tls.endpoint"][id]
	seen := unprobed_reason(id)
	f := {
		"clause": "TLS-5", "check": "TLS-5", "target": host_id,
		"msg": sprintf("%s listens on %s:%v and the listener could not be verified as TLS (%s)", [host_id, sock.local_address, sock_port(sock), seen]),
		"details": {"locator": sprintf("tcp/%s/%v", [sock.local_address, sock_port(sock)]), "endpoint": id, "seen": seen},
	}
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.source != "socket"
	object.get(ep, "tls_handshake_ok", null) != true
	guess := object.get(object.get(ep, "plaintext_probe", {}), "protocol_guess", "unknown")
	f := {
		"clause": "TLS-5", "check": "TLS-5", "target": target,
		"msg": sprintf("%s answers in plaintext (%s)", [ep.url, guess]),
		"details": {"locator": "plaintext", "endpoint": ep.url, "seen": guess},
	}
}
