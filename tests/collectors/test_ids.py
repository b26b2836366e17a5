"""Collector ids are spelled once (auditor.collect.ids) and match specs, classes and rules."""

from __future__ import annotations

from auditor.collect import ids
from auditor.collect.specs import load_specs
from auditor.engine.policyset import load_policyset
from auditor.resources import collectors_dir, policies_dir


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


def test_clauses_served_come_from_the_rules_metadata(tmp_path) -> None:
    """The methodology's "Clauses served" is derived, so a rule's new `requires` (or `reads`)
    shows up without editing the spec, and a hand-kept list is refused."""
    import pytest

    from auditor.collect.specs import load_spec
    from auditor.errors import ConfigError

    specs = load_specs()
    assert "TLS-5" in specs[ids.HOST_LISTENING].clauses  # requires
    assert "GOV-2" in specs[ids.ACCESS_LIST].clauses  # reads
    served = {
        c
        for pkg in load_policyset([policies_dir()]).packages
        if pkg.metadata.clause and ids.HOST_SSHD in pkg.metadata.requires
        for c in [pkg.metadata.clause]
    }
    assert served <= set(specs[ids.HOST_SSHD].clauses)
    spec = (collectors_dir() / "host.sshd.yaml").read_text()
    (tmp_path / "host.sshd.yaml").write_text(spec + "clauses: [NET-5]\n")
    with pytest.raises(ConfigError, match="derived from the rules"):
        load_spec(tmp_path / "host.sshd.yaml")
