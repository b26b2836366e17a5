"""Config section `inventory`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class InventorySettings(BaseModel):
    """The asset inventory: one YAML file ({meta, assets, data_stores}) or a CSV of assets
    (then data stores in `data_stores_file` and the inventory meta inline)."""

    model_config = ConfigDict(extra="forbid")

    file: str
    data_stores_file: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
