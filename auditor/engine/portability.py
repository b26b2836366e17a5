"""Static checks for Rego that evaluates differently on regorus and on OPA.

`not f(x.y)`: OPA evaluates the arguments of a call under `not` outside the negation, so when
`x.y` is undefined the whole rule is undefined; regorus makes the `not` true. A policy that
means "missing field -> finding" therefore fails open on OPA. Bind the value first, with a
default, and negate the call on the variable:

    value := object.get(doc, "last_review_date", null)
    not fresh(value)

Comparisons without a call (`not x.y == 1`) behave the same on both engines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import regorus

_COMPREHENSIONS = frozenset({"ArrayCompr", "SetCompr", "ObjectCompr"})
ADVICE = (
    "`not f(x.y)` is undefined on OPA but true on regorus when x.y is missing: bind it with object.get first"
)


def portability_warnings(modules: dict[str, str]) -> list[str]:
    """`file:line:col: text` for each construct that may evaluate differently on the engines."""
    engine = regorus.Engine()
    try:
        for key in sorted(modules):
            engine.add_policy(key, modules[key])
        ast = json.loads(engine.get_ast_as_json())
    except RuntimeError:
        return []  # load() reports syntax errors
    warnings = []
    for module in ast:
        file = module["source"]["file"]
        for negation in _negations(module["ast"]):
            if any(_has_reference(call["params"]) for call in _calls(negation["expr"])):
                span = negation["span"]
                warnings.append(f"{file}:{span['line']}:{span['col']}: {ADVICE}")
    return sorted(set(warnings), key=_location_key)


def _location_key(warning: str) -> tuple[str, int, int]:
    file, line, col, _ = warning.split(":", 3)
    return file, int(line), int(col)


def _negations(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "NotExpr":
                yield value
            yield from _negations(value)
    elif isinstance(node, list):
        for value in node:
            yield from _negations(value)


def _calls(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _COMPREHENSIONS:
                continue  # its own scope: an undefined reference there is an empty result
            if key == "Call":
                yield value
                yield from _calls(value["params"])
            else:
                yield from _calls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _calls(value)


def _has_reference(node: Any) -> bool:
    """A field or index reference among call arguments (a call's own name does not count)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _COMPREHENSIONS:
                continue
            if key in ("RefDot", "RefBrack"):
                return True
            if key == "Call":
                if _has_reference(value["params"]):
                    return True
            elif _has_reference(value):
                return True
    elif isinstance(node, list):
        return any(_has_reference(v) for v in node)
    return False
