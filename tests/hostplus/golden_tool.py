"""Write a golden case from a real file or command output: the expected value is the parser's
result at the time, to be read and checked by hand (tests/hostplus re-derive key facts)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def write_case(directory: str, name: str, command: str, output: str, parser: str | None = None) -> dict:
    module_name, _, func = (parser or f"auditor.collect.parsers.{directory}:parse").partition(":")
    expected = getattr(importlib.import_module(module_name), func or "parse")(output, command)
    case = {"command": command, "output": output, "expected": json.loads(json.dumps(expected))}
    if parser:
        case["parser"] = parser
    path = GOLDEN / directory / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(case, indent=1, sort_keys=True) + "\n")
    return case["expected"]


if __name__ == "__main__":  # directory name command file [parser]
    d, n, c, f, *p = sys.argv[1:]
    print(json.dumps(write_case(d, n, c, Path(f).read_text(), p[0] if p else None), indent=1)[:3000])
