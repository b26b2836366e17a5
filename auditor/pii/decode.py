"""Percent-decoding and JSON unescaping of a log line before detection.

Web logs keep query strings and paths as the client sent them (`email=buyer42%40gmail.com`),
JSON writers escape characters (`buyer42\\u0040gmail.com`, Go's `\\u003c...\\u003e`), and form
encoding writes spaces as `+`. Detectors run on the decoded line; `positions` maps each decoded
character back to its column in the line as written, so findings still point at the right place.
Only printable ASCII is decoded: a `%0A` never splits a line, and multi-byte sequences (names in
other scripts) are left as written.
"""

from __future__ import annotations

import re

_PRINTABLE = r"(?:2[0-9A-Fa-f]|[3-6][0-9A-Fa-f]|7[0-9A-Ea-e])"
_ESCAPE = re.compile(rf"%{_PRINTABLE}|\\u00{_PRINTABLE}|(?<=[0-9])\+(?=[0-9])")
# What makes a line worth decoding: an encoded @ or +, an escaped character, or digits in groups
# joined by form-encoded spaces (4111+1111+...). A bare %20 in a path changes nothing we detect.
TRIGGER = (
    r"%40|%2[Bb][0-9]|\\u00[2-7][0-9A-Fa-f]|[0-9]%20[0-9]|[0-9]%2[Dd][0-9]"
    r"|[0-9]{3,4}\+[0-9]{3,4}\+[0-9]{3,4}"
)


def decode(line: str) -> tuple[str, list[int]] | None:
    """(decoded line, column in `line` of each decoded character plus one past the end), or None
    when nothing decodes. A `+` becomes a space only between digits inside a query string (after
    a `?`): elsewhere, as in a package version `30+20221128-1`, it stays."""
    query = line.find("?")
    out: list[str] = []
    pos: list[int] = []
    last = 0
    changed = False
    for m in _ESCAPE.finditer(line):
        s, e = m.span()
        token = m.group()
        if token == "+":
            if query < 0 or s < query:
                continue
            ch = " "
        else:
            ch = chr(int(token[-2:], 16))
        out.append(line[last:s])
        pos.extend(range(last, s))
        out.append(ch)
        pos.append(s)
        last = e
        changed = True
    if not changed:
        return None
    out.append(line[last:])
    pos.extend(range(last, len(line) + 1))
    return "".join(out), pos
