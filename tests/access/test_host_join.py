"""The host joins (ACC-3, ACC-10, NET-5) on evidence from the real host.accounts and host.sshd
collectors, run over a mounted root filesystem built by the test (rootfs transport)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from auditor.catalogue import load_catalogue
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.models import Target, TargetKind
from tests.access import rego
from tests.access.exports import HOST


def _public_key() -> tuple[str, str]:
    pub = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )
    blob = base64.b64decode(pub.split()[1])
    return pub, "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def _rootfs(root: Path, keys: dict[str, str]) -> None:
    etc = root / "etc"
    (etc / "ssh").mkdir(parents=True)
    (etc / "hostname").write_text("app1\n")
    (etc / "passwd").write_text(
        "root:x:0:0:root:/root:/bin/bash\n"
        "alice:x:1001:1001:Alice Archer:/home/alice:/bin/bash\n"
        "bob:x:1002:1002:Bob Baker:/home/bob:/bin/bash\n"
        "dave:x:1004:1004:Dave Dyer:/home/dave:/bin/bash\n"
        "deploy:x:998:998::/home/deploy:/usr/sbin/nologin\n"
    )
    (etc / "group").write_text(
        "root:x:0:\nsudo:x:27:bob\nsshusers:x:1100:alice,bob\nalice:x:1001:\n"
        "bob:x:1002:\ndave:x:1004:\ndeploy:x:998:\n"
    )
    (etc / "shadow").write_text(
        "root:!:20000::::::\nalice:!:20000::::::\nbob:!:20000::::::\n"
        "dave:!:20000::::::\ndeploy:!:20000::::::\n"
    )
    (etc / "shadow").chmod(0o640)
    (etc / "ssh" / "sshd_config").write_text("PermitRootLogin no\nAllowGroups sshusers\n")
    for user, key in keys.items():
        ssh = root / "home" / user / ".ssh"
        ssh.mkdir(parents=True)
        (ssh / "authorized_keys").write_text(key + " laptop\n")


def _host_evidence(root: Path) -> dict[str, dict[str, Any]]:
    specs = load_specs()
    target = Target(id="app1", kind=TargetKind.host, address=f"rootfs:{root}")
    units = [Unit(specs["host.accounts"], target), Unit(specs["host.sshd"], target)]
    opts = RunnerOptions(max_workers=2, params=dict(load_catalogue().parameters), settings={})
    evidence = run_units(units, lambda t: transport_for(t, {}), None, opts)
    assert all(e.status == "collected" for e in evidence), [e.error for e in evidence]
    return {e.collector: {e.target.id: e.data} for e in evidence}


def _mutate_keys(alice_fp: str, bob_fp: str, dave_fp: str) -> Any:
    def mutate(t: dict[str, Any]) -> None:
        for a in t["accounts"]:
            if a["system"] == HOST:
                a["ssh_key_fingerprints"] = {"alice": alice_fp, "bob": bob_fp, "dave": dave_fp}.get(
                    a["username"], ""
                )

    return mutate


def test_real_host_evidence_joins_the_access_list(scan: Any, tmp_path: Path) -> None:
    (alice_pub, alice_fp), (bob_pub, bob_fp), (dave_pub, dave_fp) = (
        _public_key(),
        _public_key(),
        _public_key(),
    )
    root = tmp_path / "rootfs"
    _rootfs(root, {"alice": alice_pub, "bob": bob_pub, "dave": dave_pub})
    doc = scan(_mutate_keys(alice_fp, bob_fp, dave_fp), extra=_host_evidence(root))
    found = {}
    for clause in ("ACC-3", "ACC-10", "NET-5"):
        got = rego.findings(clause, doc)
        assert got["regorus"] == got["opa"]
        found[clause] = sorted(f["msg"] for f in got["regorus"])
    # dave left on 2026-11-10 and his key is still in authorized_keys: every join sees it.
    assert found == {
        "ACC-3": [
            "interactive account dave on host:app1 maps to 0 active people in the access list "
            "(must be exactly 1)"
        ],
        "ACC-10": ["leaver P-004's account dave on host:app1 still has 1 authorized key(s)"],
        "NET-5": [
            f"authorized key {dave_fp} of dave on host:app1 is not registered for an active account "
            "in the access list"
        ],
    }
