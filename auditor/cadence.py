"""`schedule --every`: one validated cadence, rendered for systemd (OnCalendar) and cron.

Accepted: hourly, daily, weekly; five cron fields (validated here, converted for systemd);
or a systemd calendar expression, validated by `systemd-analyze calendar` where that exists
(for --systemd only: cron cannot express it). Anything else is a usage error, never a silent
fallback to daily.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from auditor.errors import UsageError

NAMED = {
    "hourly": ("hourly", "17 * * * *"),
    "daily": ("*-*-* 03:17:00", "17 3 * * *"),
    "weekly": ("Mon *-*-* 03:17:00", "17 3 * * 1"),
}
_FIELDS = (
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day of month", 1, 31),
    ("month", 1, 12),
    ("day of week", 0, 7),
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DAYS = {d: i for i, d in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])}
_DAY_NAMES = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_Item = tuple[int | None, int | None, int | None]
_ITEM = re.compile(r"^(?P<range>\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:/(?P<step>[0-9]+))?$")


@dataclass(frozen=True)
class Cadence:
    text: str
    on_calendar: str
    cron: str | None  # None: a systemd expression that cron cannot express


def _number(token: str, field: int) -> int:
    names = _MONTHS if field == 3 else _DAYS if field == 4 else {}
    value = names.get(token) if token in names else int(token) if token.isdigit() else None
    name, low, high = _FIELDS[field]
    if value is None or not low <= value <= high:
        raise ValueError(f"{name} {token!r} is not in {low}-{high}")
    return value


def _items(field_text: str, field: int) -> list[_Item]:
    """(start, end, step) per comma item; start None means `*`."""
    out: list[_Item] = []
    for item in field_text.lower().split(","):
        m = _ITEM.match(item)
        if not m:
            raise ValueError(f"{_FIELDS[field][0]} {item!r} is not a cron value")
        step = int(m["step"]) if m["step"] else None
        if step == 0:
            raise ValueError(f"{_FIELDS[field][0]} step 0")
        if m["range"] == "*":
            out.append((None, None, step))
            continue
        start, _, end = m["range"].partition("-")
        a, b = _number(start, field), _number(end, field) if end else None
        if b is not None and b < a:
            raise ValueError(f"{_FIELDS[field][0]} range {m['range']} runs backwards")
        out.append((a, b, step))
    return out


def _systemd_field(items: list[_Item], field: int) -> str:
    low = _FIELDS[field][1]
    parts = []
    for start, end, step in items:
        if start is None:
            parts.append(f"{low:02d}/{step}" if step else "*")
        elif end is not None:
            if step:
                raise ValueError(f"{_FIELDS[field][0]}: a stepped range has no systemd form")
            parts.append(f"{start:02d}..{end:02d}")
        else:
            parts.append(f"{start:02d}/{step}" if step else f"{start:02d}")
    return ",".join(parts)


def _dow(items: list[_Item]) -> str:
    parts = []
    for start, end, step in items:
        if start is None:
            return ""
        if step:
            raise ValueError("day of week: steps have no systemd form")
        parts.append(_DAY_NAMES[start] + (f"..{_DAY_NAMES[end]}" if end is not None else ""))
    return ",".join(parts)


def cron_to_systemd(expr: str) -> str:
    """Five cron fields -> OnCalendar; raises ValueError naming the field that is wrong."""
    fields = expr.split()
    parsed = [_items(text, i) for i, text in enumerate(fields)]
    if fields[2] != "*" and fields[4] != "*":
        # cron runs when EITHER day field matches, systemd when both do: no faithful form
        raise ValueError("day of month and day of week both set (cron ORs them; systemd cannot)")
    minute, hour, dom, month = (_systemd_field(parsed[i], i) for i in range(4))
    dow = _dow(parsed[4])
    return f"{dow + ' ' if dow else ''}*-{month}-{dom} {hour}:{minute}:00"


def _systemd_check(expr: str) -> str | None:
    """Normalised form from systemd-analyze, None when it is not installed; raises on rejection."""
    exe = shutil.which("systemd-analyze")
    if exe is None:
        return None
    try:
        proc = subprocess.run(
            [exe, "calendar", expr], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--every {expr!r}: systemd-analyze calendar failed: {exc}") from None
    if proc.returncode != 0:
        reason = (proc.stderr.strip().splitlines() or ["rejected"])[-1]
        raise UsageError(f"--every {expr!r}: not a systemd calendar expression ({reason})")
    m = re.search(r"Normalized form: (.+)", proc.stdout)
    return m.group(1).strip() if m else expr


def parse_every(text: str) -> Cadence:
    """hourly/daily/weekly, five cron fields, or a systemd calendar expression (checked)."""
    every = text.strip()
    if every in NAMED:
        on_calendar, cron = NAMED[every]
        return Cadence(every, on_calendar, cron)
    if len(every.split()) == 5 and not re.search(r"[:.~]|\.\.", every):
        try:
            on_calendar = cron_to_systemd(every)
        except ValueError as exc:
            raise UsageError(f"--every {every!r}: not a valid cron expression: {exc}") from None
        _systemd_check(on_calendar)
        return Cadence(every, on_calendar, " ".join(every.split()))
    normalised = _systemd_check(every)
    if normalised is None:
        raise UsageError(
            f"--every {every!r}: use hourly, daily, weekly or five cron fields "
            "(systemd-analyze is not installed to check a systemd calendar expression)"
        )
    return Cadence(every, every, None)
