"""results.json: the canonical, byte-stable JSON form of Results."""

from __future__ import annotations

from typing import BinaryIO, ClassVar

from auditor.fsutil import canonical_json
from auditor.models import Results
from auditor.render.base import RenderContext, Renderer


def results_json(results: Results) -> str:
    return canonical_json(results.to_json_dict())


class JsonRenderer(Renderer):
    format: ClassVar[str] = "json"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        out.write(results_json(run.results).encode("utf-8"))
