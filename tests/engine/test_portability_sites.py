"""The shipped policy tree has no `not f(x.y)` site: the portability lint is strict for it, so a
policy whose missing-field meaning differs between regorus and OPA cannot come back."""

from __future__ import annotations

from auditor.engine.policyset import PolicySet, load_policyset
from auditor.engine.portability import portability_warnings
from auditor.resources import policies_dir


def _shipped() -> PolicySet:
    return load_policyset([policies_dir()])


def test_shipped_policies_have_no_portability_sites() -> None:
    policyset = _shipped()
    assert len(policyset.modules) >= 90  # the whole tree, not an empty directory
    assert portability_warnings(policyset.modules) == []


def test_a_site_put_back_into_a_shipped_policy_is_reported() -> None:
    # The check above is only worth something if the lint sees the shipped modules' sites.
    modules = dict(_shipped().modules)
    [key] = [k for k in modules if k.endswith("/gen/gen_3.rego")]
    bound = "\tts := object.get(p, k, null) # missing reads as never\n\tnot recent(ts)\n"
    assert bound in modules[key]
    modules[key] = modules[key].replace(bound, "\tnot recent(p[k])\n")
    [warning] = portability_warnings(modules)
    assert warning.startswith(f"{key}:")
