"""Write tests/fixtures/policies/<CLAUSE>/<case>/{input.json,expected.yaml} for this area's clauses.

Run `python -m tests.hostplus.make_fixtures` after changing a case; the evidence below follows
the collectors' shapes (collectors/host.*.yaml `evidence`), trimmed to what each rule reads.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml

from tests.harness.clause_policies import FIXTURES

NOW = "2026-11-27T10:00:00Z"
CASES: dict[str, dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]] = {}


def case(
    clause: str,
    name: str,
    evidence: dict[str, Any],
    expected: dict[str, Any],
    params: dict[str, Any] | None = None,
) -> None:
    CASES.setdefault(clause, {})[name] = (evidence, params or {}, expected)


def d(**kw: Any) -> list[dict[str, str]]:
    """deny/warn lists: d(web1="GEN-5.a") -> [{check, target}]; several checks as a tuple."""
    out = []
    for target, checks in kw.items():
        for check in checks if isinstance(checks, tuple) else (checks,):
            out.append({"check": check, "target": target})
    return out


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(base)
    out.update(changes)
    return out


# GEN-5 ----------------------------------------------------------------------------------------
PKG = {
    "os": {
        "id": "debian",
        "id_like": [],
        "version_id": "12",
        "version_codename": "bookworm",
        "pretty_name": "Debian GNU/Linux 12 (bookworm)",
        "eol_date": "2028-06-30T00:00:00Z",
    },
    "os_eol_date": "2028-06-30T00:00:00Z",
    "manager": "apt",
    "method": "apt-get -s -o Debug::NoLocking=1 dist-upgrade",
    "method_reason": None,
    "security_updates_pending": [],
    "upgrades_pending": 3,
    "reboot_required": False,
    "reboot_required_since": None,
    "reboot_required_packages": [],
}
_RHEL = with_(
    PKG,
    manager="dnf",
    os={
        "id": "rocky",
        "id_like": ["rhel"],
        "version_id": "9.3",
        "version_codename": None,
        "pretty_name": "Rocky Linux 9.3",
        "eol_date": "2032-05-31T00:00:00Z",
    },
    os_eol_date="2032-05-31T00:00:00Z",
)
case("GEN-5", "pass_nothing_pending", {"host.packages": {"web1": PKG}}, {"deny": []})
case(
    "GEN-5",
    "pass_dnf_recent_advisory_and_fresh_reboot_flag",
    {
        "host.packages": {
            "db1": with_(
                _RHEL,
                security_updates_pending=[
                    {
                        "name": "curl",
                        "candidate_version": "7.76.1-26.el9",
                        "severity": "critical",
                        "published_at": "2026-11-20T00:00:00Z",
                        "advisory": "RHSA-2026:1",
                    },
                    {
                        "name": "vim",
                        "candidate_version": "9.0-1.el9",
                        "severity": "medium",
                        "published_at": "2026-11-01T00:00:00Z",
                        "advisory": "RHSA-2026:2",
                    },
                ],
                reboot_required=True,
                reboot_required_since="2026-11-25T08:00:00Z",
                reboot_required_packages=["linux-image"],
            )
        }
    },
    {"deny": []},
)
case(
    "GEN-5",
    "fail_apt_security_updates_without_dates",
    {
        "host.packages": {
            "web1": with_(
                PKG,
                security_updates_pending=[
                    {
                        "name": "libssl3",
                        "candidate_version": "3.0.22-1~deb12u2",
                        "severity": None,
                        "published_at": None,
                        "advisory": None,
                    }
                ],
            )
        }
    },
    {"deny": d(web1="GEN-5.a")},
)
case(
    "GEN-5",
    "fail_dnf_overdue_high_and_other",
    {
        "host.packages": {
            "db1": with_(
                _RHEL,
                security_updates_pending=[
                    {
                        "name": "glibc",
                        "candidate_version": "2.34-60.el9",
                        "severity": "high",
                        "published_at": "2026-11-05T00:00:00Z",
                        "advisory": "RHSA-2026:3",
                    },
                    {
                        "name": "vim",
                        "candidate_version": "9.0-1.el9",
                        "severity": "low",
                        "published_at": "2026-10-01T00:00:00Z",
                        "advisory": "RHSA-2026:4",
                    },
                ],
            )
        }
    },
    {"deny": [{"check": "GEN-5.a", "target": "db1"}, {"check": "GEN-5.a", "target": "db1"}]},
)
case(
    "GEN-5",
    "fail_reboot_pending_for_weeks",
    {
        "host.packages": {
            "web1": with_(
                PKG,
                reboot_required=True,
                reboot_required_since="2026-10-01T00:00:00Z",
                reboot_required_packages=["linux-image-amd64"],
            )
        }
    },
    {"deny": d(web1="GEN-5.b")},
)
case(
    "GEN-5",
    "fail_os_end_of_life",
    {
        "host.packages": {
            "old": with_(
                PKG,
                os={
                    "id": "debian",
                    "id_like": [],
                    "version_id": "10",
                    "version_codename": "buster",
                    "pretty_name": "Debian GNU/Linux 10 (buster)",
                    "eol_date": "2024-06-30T00:00:00Z",
                },
                os_eol_date="2024-06-30T00:00:00Z",
            )
        }
    },
    {"deny": d(old="GEN-5.c")},
)
case(
    "GEN-5",
    "fail_rootfs_updates_unknown_and_os_not_in_table",
    {
        "host.packages": {
            "img": with_(
                PKG,
                method=None,
                method_reason="a mounted root filesystem cannot run a package manager",
                security_updates_pending=None,
                upgrades_pending=None,
                os_eol_date=None,
                os={
                    "id": "alpine",
                    "id_like": [],
                    "version_id": "3.19.1",
                    "version_codename": None,
                    "pretty_name": "Alpine Linux v3.19",
                    "eol_date": None,
                },
            )
        }
    },
    {"deny": d(img="GEN-5.a"), "warn": d(img="GEN-5.c")},
)


def main() -> None:
    # Run as __main__, this module is a second copy: use the one fixture_cases registers into.
    import tests.hostplus.fixture_cases  # noqa: F401
    from tests.hostplus import make_fixtures as registry

    for clause, cases in registry.CASES.items():
        for name, (evidence, params, expected) in cases.items():
            folder = FIXTURES / clause / name
            folder.mkdir(parents=True, exist_ok=True)
            targets = {
                t: {"kind": "host", "address": f"ssh://audit@{t}:22"} for ev in evidence.values() for t in ev
            }
            doc = {
                "meta": {"run_id": "fixture", "evaluated_at": NOW, "profile": "default"},
                "params": params,
                "evidence": evidence,
                "targets": targets,
            }
            (folder / "input.json").write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
            (folder / "expected.yaml").write_text(yaml.safe_dump(expected, sort_keys=False))


if __name__ == "__main__":
    main()
