"""METADATA blocks are parsed by the application; errors name file:line."""

from __future__ import annotations

import pytest

from auditor.engine.metadata import parse_module
from auditor.errors import PolicyError

MODULE = """# METADATA
# title: NET-1 host firewall is active with default deny
# description: |
#   Every host runs a firewall
#   with an input policy of drop.
# custom:
#   clause: NET-1
#   severity: critical
#   requires: [host.firewall]
#   remediation: Enable nftables with an input policy of drop.
package dpp.net.net_1

import rego.v1

# METADATA
# title: the check NET-1.b
# custom:
#   severity: high
warn contains f if {
	f := 1
}
"""


def test_package_and_rule_blocks() -> None:
    meta = parse_module("policies/dpp/net/net_1.rego", MODULE)
    assert meta.package == "dpp.net.net_1"
    assert meta.package_line == 11
    pkg = meta.package_metadata
    assert pkg is not None
    assert pkg.title == "NET-1 host firewall is active with default deny"
    assert pkg.description == "Every host runs a firewall\nwith an input policy of drop.\n"
    assert (pkg.clause, pkg.severity, pkg.requires) == ("NET-1", "critical", ["host.firewall"])
    assert pkg.remediation == "Enable nftables with an input policy of drop."
    assert (pkg.scope, pkg.line) == ("package", 1)
    [rule] = meta.rules
    assert (rule.target, rule.scope, rule.severity, rule.clause, rule.line) == (
        "warn",
        "rule",
        "high",
        None,
        15,
    )


def test_module_without_metadata() -> None:
    meta = parse_module("x.rego", "package a.b\n\nimport rego.v1\n\nx := 1\n")
    assert (meta.package, meta.package_metadata, meta.rules) == ("a.b", None, [])


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("# METADATA\n# custom:\n#   severity: huge\npackage a\n", "m.rego:3:", "severity"),
        ("# METADATA\n# title: x\n# colour: red\npackage a\n", "m.rego:3:", "unknown key 'colour'"),
        ("# METADATA\n# title: [unclosed\npackage a\n", "m.rego:", "invalid METADATA YAML"),
        ("# METADATA\n# custom:\n#   requires: host.sshd\npackage a\n", "m.rego:3:", "requires"),
        ("# METADATA\n# title: x\n\npackage a\n", "m.rego:1:", "directly followed"),
        ("package a\n# METADATA\n# title: x\nimport rego.v1\n", "m.rego:2:", "directly followed"),
        ("# METADATA\n# scope: rule\npackage a\n", "m.rego:2:", "scope"),
        ("# METADATA\n# - a\n# - b\npackage a\n", "m.rego:1:", "mapping"),
        ("# just a comment\nx := 1\n", "m.rego:1:", "no package"),
    ],
)
def test_errors_name_file_and_line(text: str, where: str, words: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_module("m.rego", text)
    message = str(info.value)
    assert message.startswith(where), message
    assert words in message
