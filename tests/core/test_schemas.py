"""The committed JSON Schemas are what the models generate (`make schemas` refreshes them)."""

from __future__ import annotations

from auditor.resources import reports_dir
from auditor.schemas import generate


def test_committed_schemas_are_current() -> None:
    for name, text in generate().items():
        committed = (reports_dir() / "schema" / name).read_text(encoding="utf-8")
        assert committed == text, f"reports/schema/{name} is stale: run `make schemas`"


def test_config_schema_covers_every_section() -> None:
    import json

    from auditor.config_sections import SECTION_MODELS

    schema = json.loads(generate()["config.schema.json"])
    assert set(SECTION_MODELS) <= set(schema["properties"])


def test_evidence_data_schema_covers_every_collector() -> None:
    import json

    from auditor.collect.specs import load_specs

    schema = json.loads(generate()["evidence-data.schema.json"])
    assert set(schema["properties"]) == set(load_specs())
