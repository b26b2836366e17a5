"""Collector ids are spelled once (auditor.collect.ids) and match specs, classes and rules."""

from __future__ import annotations

from auditor.collect import ids
from auditor.collect.specs import load_specs
from auditor.engine.policyset import load_policyset
from auditor.resources import policies_dir


def test_every_spec_has_an_id_constant_and_every_constant_a_spec() -> None:
    assert set(load_specs()) == set(ids.ALL)


def test_every_implementation_class_carries_its_spec_id() -> None:
    for spec in load_specs().values():
        assert spec.load_class().id == spec.id


def test_rules_require_only_known_collectors() -> None:
    unknown = {
        (pkg.path, cid)
        for pkg in load_policyset([policies_dir()]).packages
        for cid in pkg.metadata.requires
        if cid not in ids.ALL
    }
    assert unknown == set()
