"""Generate the committed JSON Schemas (make schemas): evidence and every collector's data model,
results and config core."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, create_model

from auditor.collect.datamodels import MODELS
from auditor.config import CoreConfig, _load_section_model
from auditor.config_sections import SECTION_MODELS
from auditor.models import Evidence, Results


def config_model() -> type[BaseModel]:
    """The whole dpp-auditor.yaml: core keys plus every registered section."""
    fields: dict[str, Any] = {
        key: (_load_section_model(spec) | None, None) for key, spec in sorted(SECTION_MODELS.items())
    }
    return (
        create_model(
            "DppAuditorConfig", __base__=CoreConfig, __config__=None, **fields
        )
        if fields
        else CoreConfig
    )


def evidence_data_model() -> type[BaseModel]:
    """Every collector's `data` model, one property per collector id (auditor.collect.datamodels)."""
    fields: dict[str, Any] = {
        cid.replace(".", "_"): (model | None, Field(None, alias=cid)) for cid, model in sorted(MODELS.items())
    }
    return create_model("EvidenceDataByCollector", **fields)


def _schemas() -> dict[str, Any]:
    return {
        "evidence.schema.json": Evidence,
        "evidence-data.schema.json": evidence_data_model(),
        "results.schema.json": Results,
        "config.schema.json": config_model(),
    }


def generate() -> dict[str, str]:
    out = {}
    for name, model in _schemas().items():
        schema = model.model_json_schema(by_alias=True, mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://dpp-auditor.invalid/schema/{name}"
        out[name] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path("reports/schema")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        (target / name).write_text(text, encoding="utf-8")
        print(target / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
