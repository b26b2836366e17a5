"""Parameter overrides are checked against the catalogue's defaults: same type, sane range.

A wrong type would otherwise reach Rego and fail inside a policy (`acc_8.rego: mul expects
numeric argument`), blaming the policy instead of the config line; a negative duration or
count would be evaluated as if it meant something.
"""

from __future__ import annotations

from typing import Any

_NAMES = {bool: "a boolean", int: "an integer", str: "a string", list: "a list", dict: "a mapping"}


def _type_name(value: Any) -> str:
    return _NAMES.get(type(value), type(value).__name__)


def param_problem(value: Any, default: Any) -> str | None:
    """Why `value` cannot override a parameter whose catalogue default is `default`, or None."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else f"expected a boolean, got {_type_name(value)}"
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected an integer (like {default}), got {_type_name(value)} {str(value)[:20]!r}"
        return None if value >= 0 else f"must be 0 or more, got {value}"
    if isinstance(default, str):
        return None if isinstance(value, str) else f"expected a string, got {_type_name(value)}"
    if isinstance(default, list):
        if not isinstance(value, list):
            return f"expected a list, got {_type_name(value)}"
        if default:
            return next(
                (f"item {i}: {p}" for i, item in enumerate(value) if (p := param_problem(item, default[0]))),
                None,
            )
        return None
    if isinstance(default, dict):
        if not isinstance(value, dict):
            return f"expected a mapping, got {_type_name(value)}"
        kinds = {type(v) for v in default.values()}
        if len(kinds) != 1:  # a record of mixed fields, or empty: its keys are the policy's business
            return None
        sample = next(iter(default.values()))
        return next(
            (f"{k}: {p}" for k, v in value.items() if (p := param_problem(v, sample))),
            None,
        )
    return None
