"""The rule-writing convention (CONTRIBUTING.md, "Rules that a missing field cannot silence"),
as far as a static check can enforce it."""

from __future__ import annotations

import re

from auditor.engine.policyset import load_policyset
from auditor.resources import policies_dir

_READ = re.compile(r'input\.evidence\["([^"]+)"\]')
# Packages another change (issue #15) brings under the convention; remove when it has.
PENDING = {"dpp.log.log_2", "dpp.net.net_2", "dpp.net.net_3", "dpp.tls.tls_3"}
# Flags whose null must never read as the safe value. In Rego only `false` is falsy, so
# `not s.is_loopback` is false for null: an unknown socket would count as loopback.
_FLAGS = "is_loopback|tls_handshake_ok|full_scan|in_scope"
_NEGATED_FLAG = re.compile(rf"\bnot\s+[A-Za-z_][A-Za-z0-9_]*\.({_FLAGS})\b")


def test_every_collector_a_package_reads_is_declared() -> None:
    """A collector a rule reads must be in its METADATA `requires` (the clause applies to its
    targets) or `reads` (a cross-check): otherwise damaged evidence of that collector is not
    an error of the clause and can silently change its verdict."""
    policyset = load_policyset([policies_dir()])
    declared = {
        p.path: {c for m in [p.metadata, *p.rule_metadata] for c in [*m.requires, *m.reads]}
        for p in policyset.packages
    }
    undeclared = {}
    for key, text in policyset.modules.items():
        package = re.search(r"^package\s+(\S+)", text, re.MULTILINE)
        assert package, key
        missing = set(_READ.findall(text)) - declared.get(package.group(1), set())
        if missing and package.group(1) not in PENDING:
            undeclared[key] = sorted(missing)
    assert undeclared == {}


def test_safety_flags_are_compared_with_true_not_negated() -> None:
    """`object.get(s, "is_loopback", null) != true` treats unknown as exposed; `not s.is_loopback`
    treats null as loopback and a missing field as exposed, depending on the engine's mood."""
    policyset = load_policyset([policies_dir()])
    sites = []
    for key, text in policyset.modules.items():
        package = re.search(r"^package\s+(\S+)", text, re.MULTILINE)
        if package and package.group(1) in PENDING:
            continue
        for lineno, line in enumerate(text.splitlines(), start=1):
            if _NEGATED_FLAG.search(line.split("#", 1)[0]):
                sites.append(f"{key}:{lineno}: {line.strip()}")
    assert sites == []
