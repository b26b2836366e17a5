package dpp.enc.enc_1

import rego.v1

_b(luks) := {"luks": luks, "dm_crypt": [], "pii_paths": ["/srv/pii"], "path_mounts": [{"path": "/srv/pii",
	"mountpoint": "/srv", "fstype": "ext4", "source": "/dev/mapper/c",
	"device_chain": [{"name": "c", "type": "crypt"}, {"name": "sdb", "type": "disk"}]}]}

_l(cipher, bits) := {"mapped_names": ["c"], "cipher": cipher, "effective_bits": bits}

test_aes_256_passes if {
	count(deny) == 0 with input as {"params": {}, "evidence": {"host.blockdev": {"h": _b([_l("aes-xts-plain64", 256)])}}}
}

test_aes_128_fails if {
	count(deny) == 1 with input as {"params": {}, "evidence": {"host.blockdev": {"h": _b([_l("aes-xts-plain64", 128)])}}}
}

test_serpent_fails if {
	count(deny) == 1 with input as {"params": {}, "evidence": {"host.blockdev": {"h": _b([_l("serpent-xts-plain64", 256)])}}}
}

test_unknown_mapping_fails if {
	some f in deny with input as {"params": {}, "evidence": {"host.blockdev": {"h": _b([])}}}
	contains(f.msg, "unknown")
}
