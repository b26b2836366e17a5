"""OPA builtins that regorus lacks, implemented in Python and registered under their OPA names.

Each function takes and returns JSON-compatible values shaped like OPA's output for the same
input; tests/engine/test_polyfills.py compares them with real OPA. On invalid input they raise,
which regorus reports as an evaluation error (OPA would make the expression undefined): policies
must only pass well-formed values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Polyfill = Callable[..., Any]

# name -> (arity, implementation); filled in below the implementations.
POLYFILLS: dict[str, tuple[int, Polyfill]] = {}


def register_regorus(engine: Any) -> set[str]:
    """Register every polyfill on a regorus Engine; return the names registered."""
    for name, (arity, fn) in POLYFILLS.items():
        engine.add_extension(name, arity, _plain_args(fn))
    return set(POLYFILLS)


def _plain_args(fn: Polyfill) -> Polyfill:
    """regorus passes Rego sets as Python sets; OPA's JSON encoding of a set is a sorted array."""

    def call(*args: Any) -> Any:
        return fn(*(_plain(a) for a in args))

    call.__name__ = getattr(fn, "__name__", "polyfill")
    return call


def _plain(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=_sort_key)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _sort_key(value: Any) -> tuple[str, str]:
    import json

    return (type(value).__name__, json.dumps(value, sort_keys=True, default=str))
