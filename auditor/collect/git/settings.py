"""The top-level `repos` section: a list of repositories, each a local path or a URL."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class RepoSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="stable target id, e.g. 'shop-backend'")
    path: str | None = Field(
        None, description="local clone or bare repository (read in place), or a git bundle file"
    )
    url: str | None = Field(None, description="remote URL, cloned read-only with `git clone --mirror`")

    @model_validator(mode="after")
    def _one_source(self) -> RepoSpec:
        if not _ID.match(self.id):
            raise ValueError("id: letters, digits, '.', '_' and '-' only")
        if (self.path is None) == (self.url is None):
            raise ValueError("set exactly one of path or url")
        return self

    @property
    def address(self) -> str:
        return self.url or self.path or ""


class ReposSettings(RootModel[list[RepoSpec]]):
    @model_validator(mode="after")
    def _unique_ids(self) -> ReposSettings:
        ids = [r.id for r in self.root]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate repo id {dup[0]}")
        return self
