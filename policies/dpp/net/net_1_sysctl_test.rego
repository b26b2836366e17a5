package dpp.net.net_1_sysctl

import rego.v1

_in(values) := {"params": {}, "evidence": {"host.hardening": {"h": {"sysctl": {"method": "/proc/sys", "values": values}}}}}

_good := {k: v | some k, allowed in _wanted; v := sort(allowed)[0]}

test_hardened_stack_passes if {
	count(deny) == 0 with input as _in(_good)
}

test_redirects_accepted_fail if {
	v := object.union(_good, {"net.ipv4.conf.all.accept_redirects": "1"})
	{f.details.locator | some f in deny} == {"sysctl:net.ipv4.conf.all.accept_redirects"} with input as _in(v)
}

test_unset_on_an_image_never_passes if {
	v := object.remove(_good, ["net.ipv4.conf.all.rp_filter"])
	{f.details.locator | some f in deny} == {"sysctl:net.ipv4.conf.all.rp_filter"} with input as _in(v)
}
