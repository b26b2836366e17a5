"""PII detection shared by the log and file scanners and the database retention collector.

    from auditor.pii import scan_text, redact, Fingerprinter, load_or_create_key
    for m in scan_text(text):            # Match(category, confidence, start, end, value, detector)
        show = redact(m.category, m.value)
        fp = Fingerprinter(load_or_create_key()).fingerprint(m.category, m.value)

`Match.value` is the raw value: never write, print or raise it; use `redact` and fingerprints.
`escalate` applies DEF-2 to line-located findings; `run_selftest` is the DEF-1.d canary.
"""

from auditor.pii.categories import CATEGORIES, Category, Confidence
from auditor.pii.combine import escalate
from auditor.pii.detectors import (
    REGISTRY,
    Detector,
    Match,
    detector_categories,
    register,
    scan_line,
    scan_text,
)
from auditor.pii.engine import VERSION, Hit, LineScanner, ruleset_sha256
from auditor.pii.fingerprint import Fingerprinter, default_key_path, load_or_create_key
from auditor.pii.redact import excerpt, redact
from auditor.pii.selftest import SelfTest, run_selftest

__all__ = [
    "CATEGORIES",
    "REGISTRY",
    "VERSION",
    "Category",
    "Confidence",
    "Detector",
    "Fingerprinter",
    "Hit",
    "LineScanner",
    "Match",
    "SelfTest",
    "default_key_path",
    "detector_categories",
    "escalate",
    "excerpt",
    "load_or_create_key",
    "redact",
    "register",
    "ruleset_sha256",
    "run_selftest",
    "scan_line",
    "scan_text",
]
