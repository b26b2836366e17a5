"""The exit-code contract, documented in the README. Findings and tool failures differ."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # audit ran; nothing at or above the gate threshold failed
    GATE_FAILED = 1  # a clause at or above --fail-on failed (not waived, not in the baseline)
    USAGE = 2  # bad command line, config, inventory, CSV or Rego policy
    INCOMPLETE = 3  # clauses could not be evaluated and the gate counts errors (--fail-on-error)
    INTERNAL = 4  # a bug: please report it
