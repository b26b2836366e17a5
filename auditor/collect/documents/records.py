"""Loading of the small files a company keeps (YAML, CSV) into JSON-safe, time-normalised records.

Shared by the documents and inventory collectors. Every timestamp becomes RFC 3339 UTC with a
trailing Z (a bare date becomes midnight UTC) so policies compare them with time.parse_rfc3339_ns.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from auditor import inputs
from auditor.collect.base import CollectContext
from auditor.errors import CollectorError
from auditor.models import ErrorKind, FileProvenance, rfc3339

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_LIST_SEP = ";"
_LIST_KEYS = (
    "_refs",
    "_ids",
    "hostnames",
    "ip_addresses",
    "targets",
    "sources",
    "_covered",
    "_documents",
    "roles",
    "devices",
    "sections",
    "_hmac",
)
_BOOLS = {"true": True, "yes": True, "false": False, "no": False}


def to_rfc3339(value: Any) -> Any:
    """Dates and datetimes (objects or ISO strings) -> RFC 3339 Z; anything else unchanged."""
    if isinstance(value, datetime):
        return rfc3339(value if value.tzinfo else value.replace(tzinfo=UTC))
    if isinstance(value, date):
        return rfc3339(datetime.combine(value, time(), UTC))
    if isinstance(value, str):
        text = value.strip()
        if _DATE.match(text):
            return rfc3339(datetime.combine(date.fromisoformat(text), time(), UTC))
        if _DATETIME.match(text):
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return rfc3339(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))
    return value


def normalise(value: Any) -> Any:
    """Recursively make a YAML value JSON-safe with normalised times.

    Null and empty values are dropped from mappings: an empty CSV cell means "not recorded",
    and policies test presence with `not row.key`, which a null would defeat.
    """
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items() if v is not None and v != ""}
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    return to_rfc3339(value)


def _csv_cell(key: str, text: str) -> Any:
    text = text.strip()
    if text == "":
        return None
    if text.lower() in _BOOLS:
        return _BOOLS[text.lower()]
    if (key.endswith("s") and _LIST_SEP in text) or key.endswith(("[]", *_LIST_KEYS)):
        return [p.strip() for p in text.split(_LIST_SEP) if p.strip()]
    if re.fullmatch(r"-?(0|[1-9]\d*)", text):  # "07911..." stays text
        return int(text)
    return to_rfc3339(text)


_TIME_KEYS = ("_at", "_date", "date", "valid_until", "_end", "_start")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def check_times(value: Any, origin: str) -> None:
    """Every time-named field must hold a date or timestamp: policies parse them."""
    if isinstance(value, list):
        for i, item in enumerate(value, start=1):
            check_times(item, f"{origin}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            timed = key == "at" or key.endswith(_TIME_KEYS)
            if timed and item is not None and not (isinstance(item, str) and _RFC3339.match(item)):
                raise CollectorError(
                    ErrorKind.parse, f"{origin}: {key}: {str(item)[:40]!r} is not a date or timestamp"
                )
            if isinstance(item, dict | list):
                check_times(item, f"{origin}.{key}")


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    """`method.nist_category` columns become {"method": {"nist_category": ...}}."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        node = out
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        if value is not None:
            node[leaf] = value
    return out


def parse_csv(text: str, origin: str) -> list[dict[str, Any]]:
    """CSV with a header row; `a;b` in plural columns (or `col[]`) becomes a list, `a.b` nests."""
    reader = csv.DictReader(io.StringIO(text))
    rows: list[dict[str, Any]] = []
    try:
        for row in reader:
            if None in row:
                raise CollectorError(ErrorKind.parse, f"{origin}:{reader.line_num}: more cells than headers")
            try:
                flat = {k.strip().removesuffix("[]"): _csv_cell(k.strip(), v or "") for k, v in row.items()}
            except ValueError as exc:  # 2026-13-45 matches the date pattern but is no date
                raise CollectorError(ErrorKind.parse, f"{origin}:{reader.line_num}: {exc}") from None
            rows.append(_nest(flat))
    except csv.Error as exc:
        raise CollectorError(ErrorKind.parse, f"{origin}:{reader.line_num}: malformed CSV: {exc}") from None
    return rows


def parse_yaml(text: str, origin: str) -> Any:
    try:
        return normalise(inputs.parse_yaml(text, origin)[1])
    except inputs.InputError as exc:
        raise CollectorError(ErrorKind.parse, str(exc)) from None


def read_file(ctx: CollectContext, path: Path) -> bytes:
    """Read a local file, recording its hash in the unit's provenance."""
    if not os.path.lexists(path):
        raise CollectorError(
            ErrorKind.unsupported, f"{path}: file not found", "check the path in the configuration"
        )
    try:
        data = inputs.read_bytes(path)
    except inputs.InputError as exc:
        kind = ErrorKind.permission if "permission denied" in str(exc) else ErrorKind.parse
        raise CollectorError(kind, str(exc)) from None
    st = path.stat()
    ctx.provenance.files.append(
        FileProvenance(
            path=str(path), sha256=hashlib.sha256(data).hexdigest(), mode=f"{st.st_mode & 0o7777:04o}"
        )
    )
    return data


def load_records(ctx: CollectContext, path: Path) -> Any:
    """A YAML or CSV file as normalised records (CSV -> list of rows)."""
    raw = read_file(ctx, path)
    try:
        text = inputs.decode(raw, str(path))
    except inputs.InputError as exc:
        raise CollectorError(ErrorKind.parse, str(exc)) from None
    try:
        records = parse_csv(text, str(path)) if path.suffix.lower() == ".csv" else parse_yaml(text, str(path))
    except ValueError as exc:  # an impossible date in a YAML string value
        raise CollectorError(ErrorKind.parse, f"{path}: {exc}") from None
    check_times(records, str(path))
    return records


def resolve(base: Path | None, value: str) -> Path:
    p = Path(value)
    return p if p.is_absolute() or base is None else base / p
