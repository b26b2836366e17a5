"""Registers are typed by people: PII slips in (a buyer's e-mail in an incident note). Evidence
keeps only the redacted form of anything the shared detectors find."""

from __future__ import annotations

from typing import Any

from auditor.pii import redact, scan_text


class Scrubber:
    def __init__(self, allowed: set[str]) -> None:
        self.allowed = {a.lower() for a in allowed if a}  # e.g. Amazon's security contact
        self.redacted = 0

    def text(self, value: str) -> str:
        matches = [
            m
            for m in scan_text(value)
            if str(m.confidence) != "low" and not m.quasi and m.value.lower() not in self.allowed
        ]
        for m in sorted(matches, key=lambda m: m.start, reverse=True):
            value = value[: m.start] + redact(str(m.category), m.value) + value[m.end :]
            self.redacted += 1
        return value

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v) for v in value]
        return value
