"""Run with compliance-trestle's interpreter: validate OSCAL assessment results files.

compliance-trestle pins paramiko and cryptography to versions that conflict with the
project's own pins, so it lives in an isolated venv (see test_oscal.py) and this script is
the bridge: it prints OK or the validation error, one file per argument.
"""

import json
import sys

from trestle.oscal.assessment_results import AssessmentResults

status = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    try:
        AssessmentResults.parse_obj(doc["assessment-results"])
        print(f"{path}: OK")
    except Exception as exc:  # pydantic ValidationError or a missing top-level key
        print(f"{path}: INVALID {type(exc).__name__}: {exc}")
        status = 1
sys.exit(status)
