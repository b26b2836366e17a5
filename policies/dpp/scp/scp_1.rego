# METADATA
# title: SCP-1 every in-scope asset is audited and every reached system is an in-scope inventory asset
# custom:
#   clause: SCP-1
#   severity: high
#   requires: [inventory.assets]
#   remediation: Add every reached host, endpoint, database and repository to the inventory (targets, hostnames or ip_addresses) with amazon_scope set, and audit every in-scope server.
package dpp.scp.scp_1

import rego.v1

reached_kinds := {"host", "endpoint", "database", "repo"}

audited_types := {"server", "repo"}

host_of(address) := h if {
	m := regex.find_all_string_submatch_n(`^[a-z]+://(?:[^@/]*@)?([^:/\[\]]+)`, address, 1)
	h := lower(m[0][1])
}

# names under which a target is known: id, address, host part, identities seen by collectors
target_names(tid, t) := names if {
	hosts := {h | h := host_of(t.address)}
	ident := {lower(n) |
		some c, per_target in input.evidence
		idt := per_target[tid].identity
		some n in array.concat([object.get(idt, "hostname", ""), object.get(idt, "fqdn", "")],
			object.get(idt, "ip_addresses", []))
		n != ""
	}
	# endpoints discovered on a host are named "<host target>/tcp/<addr>/<port>"
	names := ({lower(tid), lower(t.address), lower(split(tid, "/")[0])} | hosts) | ident
}

asset_names(a) := names if {
	urls := {lower(e.url) | some e in a.endpoints}
	url_hosts := {h | some e in a.endpoints; h := host_of(e.url)}
	names := (({lower(n) | some n in array.concat(array.concat(a.targets, a.hostnames), a.ip_addresses)} | urls)
		| url_hosts)
}

reached contains tid if {
	some tid, t in input.targets
	t.kind in reached_kinds
	some c, per_target in input.evidence
	c != "inventory.assets"
	per_target[tid]
}

matches(inv, tid) := [a | some a in inv.assets; count(asset_names(a) & target_names(tid, input.targets[tid])) > 0]

# Unknown (absent, null, mistyped) status or type never exempts an in-scope asset.
_active(a) if a.status == "active"

_active(a) if not is_string(object.get(a, "status", null))

_audited_type(a) if a.type in audited_types

_audited_type(a) if not is_string(object.get(a, "type", null))

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some tid in reached
	count(matches(inv, tid)) == 0
	f := {"clause": "SCP-1", "check": "SCP-1.b", "target": tid,
		"msg": sprintf("%v was reached by the audit but is not in the asset inventory (unmanaged system)", [tid]),
		"details": {"locator": tid, "inventory": target}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some tid in reached
	ms := matches(inv, tid)
	count(ms) > 0
	count([a | some a in ms; a.amazon_scope]) == 0
	f := {"clause": "SCP-1", "check": "SCP-1.b", "target": tid,
		"msg": sprintf("%v was reached by the audit but its inventory asset is not marked amazon_scope", [tid]),
		"details": {"locator": tid, "inventory": target}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.amazon_scope
	_active(a)
	_audited_type(a)
	count([tid | some tid in reached; count(asset_names(a) & target_names(tid, input.targets[tid])) > 0]) == 0
	f := {"clause": "SCP-1", "check": "SCP-1.a", "target": target,
		"msg": sprintf("in-scope asset %v was not reached by this audit (no fresh evidence)", [a.asset_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}
