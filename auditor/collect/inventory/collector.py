"""The `inventory` collector: the asset inventory, normalised for reconciliation in Rego (SCP-1, GOV-*)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from auditor.collect.base import CollectContext, Collector
from auditor.collect.documents.records import load_records, normalise
from auditor.collect.inventory.settings import InventorySettings
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

_LISTS = ("hostnames", "ip_addresses", "targets", "assignee_history", "sanitisation", "sources")
_ALIASES = {"owner": "owner_person_id", "id": "asset_id"}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _asset(row: dict[str, Any], origin: str, index: int) -> dict[str, Any]:
    asset = {_ALIASES.get(k, k): v for k, v in row.items()}
    if not asset.get("asset_id"):
        raise CollectorError(ErrorKind.parse, f"{origin}: asset {index} has no asset_id")
    for key in _LISTS:
        asset[key] = _as_list(asset.get(key))
    asset["endpoints"] = [e if isinstance(e, dict) else {"url": e} for e in _as_list(asset.get("endpoints"))]
    asset["amazon_scope"] = asset.get("amazon_scope") is True
    asset.setdefault("status", "active")
    return asset


def _stores(rows: list[dict[str, Any]], assets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    stores = [dict(r) for r in rows]
    for a in assets:  # data stores may also be nested under their asset
        for s in _as_list(a.pop("data_stores", None)):
            stores.append({"asset_id": a["asset_id"], **(s if isinstance(s, dict) else {"id": s})})
    for s in stores:
        s["sources"] = _as_list(s.get("sources"))
        s["contains_pii"] = s.get("contains_pii") is True
    return stores


def _list_of(value: Any, origin: str, what: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise CollectorError(ErrorKind.parse, f"{origin}: `{what}` must be a list of mappings")
    return value


class InventoryCollector(Collector):
    id = "inventory.assets"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.inventory})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        raw = ctx.settings.get("inventory")
        if not raw:
            raise CollectorError(
                ErrorKind.unsupported,
                "no `inventory` section in the configuration",
                "configure inventory: {file: assets.yaml}",
            )
        try:
            cfg = InventorySettings.model_validate(raw)
        except ValidationError as exc:
            raise CollectorError(ErrorKind.parse, f"inventory: {exc.errors()[0]['msg']}") from None
        path = Path(cfg.file)
        doc = load_records(ctx, path)
        if isinstance(doc, list):  # CSV or a bare YAML list of assets
            doc = {"assets": doc}
        if not isinstance(doc, dict):
            raise CollectorError(ErrorKind.parse, f"{path}: expected a mapping with `assets`")
        rows = _list_of(doc.get("assets"), str(path), "assets")
        assets = [_asset(r, str(path), i) for i, r in enumerate(rows, start=1)]
        store_rows = _list_of(doc.get("data_stores"), str(path), "data_stores")
        if cfg.data_stores_file:
            store_rows += _list_of(
                load_records(ctx, Path(cfg.data_stores_file)), cfg.data_stores_file, "data_stores"
            )
        ids = [a["asset_id"] for a in assets]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise CollectorError(ErrorKind.parse, f"{path}: duplicate asset_id {', '.join(map(str, dupes))}")
        meta = {**normalise(cfg.meta), **(doc.get("meta") or {})}
        return {"file": str(path), "meta": meta, "assets": assets, "data_stores": _stores(store_rows, assets)}
