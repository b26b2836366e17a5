"""Rows with line numbers from CSV or YAML files, and strict value parsers.

A bad value raises RowError; importers record it as `{file, line, message}` and go on, so one
bad row never hides the valid ones.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from auditor import inputs
from auditor.errors import CollectorError
from auditor.models import ErrorKind, rfc3339

LONDON = ZoneInfo("Europe/London")
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f", ""}
_NEVER = {"", "n/a", "never", "no_information", "not_supported", "never logged in", "-", "null", "none"}
_DATE = re.compile(r"^\d{4}[-/]\d{2}[-/]\d{2}$")


class RowError(ValueError):
    """One row (or one value) could not be imported."""


@dataclass
class Row:
    file: str
    line: int
    values: dict[str, Any]

    def get(self, *names: str) -> Any:
        """First present, non-empty value among names (header match ignores case and spaces)."""
        invalid = self.values.get("__invalid__")
        if invalid:
            raise RowError(invalid if isinstance(invalid, str) else "not a mapping of columns")
        for name in names:
            v = self.values.get(_norm(name))
            if v not in (None, ""):
                return v
        return None

    def require(self, *names: str) -> Any:
        v = self.get(*names)
        if v is None:
            raise RowError(f"missing {names[0]}")
        return v


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name).strip().lower()).strip("_")


def read_text(path: str) -> str:
    """The file's text; a FIFO, a loop, bad UTF-8 or an endless line is a located parse error."""
    if not os.path.lexists(path):
        raise CollectorError(
            ErrorKind.parse, f"{path}: file not found", hint="check access.* in dpp-auditor.yaml"
        )
    try:
        return inputs.read_text(path)
    except inputs.InputError as exc:
        kind = ErrorKind.permission if "permission denied" in str(exc) else ErrorKind.parse
        raise CollectorError(kind, str(exc)) from None


def read_rows(path: str, yaml_key: str | None = None) -> Iterator[Row]:
    """CSV (by header) or YAML (a list of mappings, or {yaml_key: [...]}) rows."""
    name = Path(path).name
    text = read_text(path)
    if path.endswith((".yaml", ".yml")):
        yield from _yaml_rows(name, text, yaml_key)
        return
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    try:
        for fields in reader:
            if not fields or all(not f.strip() for f in fields) or fields[0].startswith("#"):
                continue
            if header is None:
                header = [_norm(h) for h in fields]
                continue
            if len(fields) > len(header):
                # zip() would drop the extra cell and shift nothing: the row is not what it says
                yield Row(
                    name, reader.line_num, {"__invalid__": f"{len(fields)} cells, header has {len(header)}"}
                )
                continue
            yield Row(name, reader.line_num, dict(zip(header, (f.strip() for f in fields), strict=False)))
    except csv.Error as exc:
        raise CollectorError(ErrorKind.parse, f"{name}:{reader.line_num}: malformed CSV: {exc}") from None


def _yaml_rows(name: str, text: str, key: str | None) -> Iterator[Row]:
    try:
        inputs.parse_yaml(text, name)  # duplicate keys, bad dates, depth: located errors
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except inputs.InputError as exc:
        raise CollectorError(ErrorKind.parse, str(exc)) from None
    if isinstance(node, yaml.MappingNode) and key:
        node = next((v for k, v in node.value if k.value == key), None)
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        raise CollectorError(
            ErrorKind.parse, f"{name}:{node.start_mark.line + 1}: expected a list of {key or 'rows'}"
        )
    for item in node.value:
        line = item.start_mark.line + 1
        value = yaml.SafeLoader(yaml.serialize(item)).get_single_data()
        if not isinstance(value, dict):
            yield Row(name, line, {"__invalid__": True})
            continue
        yield Row(name, line, {_norm(k): _yaml_scalar(v) for k, v in value.items()})


def _yaml_scalar(value: Any) -> Any:
    # YAML dates/times arrive as objects: give them back as text, parsed like CSV values.
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def as_bool(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowError(f"{field}: not a boolean: {str(value)[:20]!r}")


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in re.split(r"[;|]", str(value)) if p.strip()]


def as_time(value: Any, field: str, *, end_of_day: bool = False) -> tuple[str | None, bool]:
    """(RFC 3339 UTC, inferred): date-only values mean 00:00 UTC, or 23:59:59 Europe/London."""
    text = "" if value is None else str(value).strip()
    if text.lower() in _NEVER:
        return None, False
    if _DATE.match(text):
        try:
            d = date.fromisoformat(text.replace("/", "-"))
        except ValueError as exc:
            raise RowError(f"{field}: not a date: {text!r} ({exc})") from None
        if end_of_day:
            return rfc3339(datetime.combine(d, time(23, 59, 59), LONDON)), True
        return rfc3339(datetime.combine(d, time(0, 0), UTC)), True
    return rfc3339(_parse_datetime(text, field)), False


def _parse_datetime(text: str, field: str) -> datetime:
    t = text.replace("/", "-").removesuffix(" UTC").replace(" ", "T", 1)
    if t.endswith("Z"):
        t = t[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(t)
    except ValueError:
        raise RowError(f"{field}: not a date or time: {text[:32]!r}") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
