"""A streaming parser for `git log --all -p --pretty=raw --unified=0`.

One pass gives the identities, signature presence and the added lines of every commit. Hunk
line counts from `@@` headers decide what is content, so text in a file can never be taken
for a commit header. Only added lines are scanned: any secret ever present in the history
was added by some commit, so a key deleted later is still found at the commit that added it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditor.collect.git.secrets import scan_line, secret_fingerprint

_PERSON = re.compile(r"^(author|committer) (.*?) ?<([^>]*)> (\d+) [+-]\d{4}$")
_HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
MAX_FINDINGS = 1000


@dataclass
class Identity:
    email: str
    names: set[str] = field(default_factory=set)
    authored: int = 0
    committed: int = 0
    signed: int = 0
    first_at: int | None = None
    last_at: int | None = None

    def saw_author(self, name: str, ts: int, signed: bool) -> None:
        self.names.add(" ".join(name.lower().split()))
        self.authored += 1
        self.signed += int(signed)
        self.first_at = ts if self.first_at is None else min(self.first_at, ts)
        self.last_at = ts if self.last_at is None else max(self.last_at, ts)


@dataclass
class _Commit:
    sha: str
    author: tuple[str, str, int] | None = None
    committer: tuple[str, str, int] | None = None
    signed: bool = False


class HistoryScan:
    """Feed lines (without newline); read identities, counts and secret findings."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self.identities: dict[str, Identity] = {}
        self.commits = 0
        self.signed = 0
        self.findings: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.findings_dropped = 0
        self._commit: _Commit | None = None
        self._in_header = False
        self._path = ""
        self._minus = 0
        self._plus = 0
        self._lineno = 0
        self._pending: tuple[str, str, int] | None = None  # PEM header waiting for its first body line

    def feed(self, line: str) -> None:
        if self._minus or self._plus:
            self._content(line)
        elif line.startswith("commit ") and not self._in_header:
            self._start_commit(line[7:47])
        elif self._in_header:
            self._header(line)
        elif line.startswith("diff --git "):
            self._flush_pending()
            self._path = line.rsplit(" b/", 1)[-1].strip('"')
        elif line.startswith("+++ ") and line[4:] != "/dev/null":
            self._path = line[4:].strip('"').removeprefix("b/")
        elif line.startswith("@@ "):
            m = _HUNK.match(line)
            if m:
                self._minus = int(m[1]) if m[1] is not None else 1
                self._lineno = int(m[2])
                self._plus = int(m[3]) if m[3] is not None else 1

    def close(self) -> None:
        self._end_commit()

    # -- commits -------------------------------------------------------------------------------

    def _start_commit(self, sha: str) -> None:
        self._end_commit()
        self._commit = _Commit(sha)
        self._in_header = True

    def _header(self, line: str) -> None:
        assert self._commit is not None
        if line == "":
            self._in_header = False
        elif line.startswith(("gpgsig ", "gpgsig-sha256 ")):
            self._commit.signed = True
        else:
            m = _PERSON.match(line)
            if m:
                who = (m[2], m[3].strip().lower(), int(m[4]))
                if m[1] == "author":
                    self._commit.author = who
                else:
                    self._commit.committer = who

    def _end_commit(self) -> None:
        self._flush_pending()
        c, self._commit = self._commit, None
        if c is None:
            return
        self.commits += 1
        self.signed += int(c.signed)
        if c.author:
            self._identity(c.author[1]).saw_author(c.author[0], c.author[2], c.signed)
        if c.committer:
            ident = self._identity(c.committer[1])
            ident.committed += 1
            ident.names.add(" ".join(c.committer[0].lower().split()))

    def _identity(self, email: str) -> Identity:
        return self.identities.setdefault(email, Identity(email))

    # -- content -------------------------------------------------------------------------------

    def _content(self, line: str) -> None:
        first = line[:1]
        if first == "-" and self._minus:
            self._minus -= 1
            return
        if first != "+" or not self._plus:
            if first != "\\":
                self._minus = self._plus = 0  # malformed hunk: resynchronise on headers
            return
        self._plus -= 1
        text = line[1:]
        if self._pending:
            self._add(self._pending, text)
            self._pending = None
        for m in scan_line(text):
            where = (m.kind, m.redacted, self._lineno)
            if m.kind == "private_key_pem":
                self._pending = where
            else:
                self._add(where, m.secret)
        self._lineno += 1
        if not self._plus and not self._minus:
            self._flush_pending()

    def _flush_pending(self) -> None:
        if self._pending:
            self._add(self._pending, f"{self._path}:{self._pending[2]}")
            self._pending = None

    def _add(self, where: tuple[str, str, int], material: str) -> None:
        kind, redacted, lineno = where
        fp = secret_fingerprint(self._key, kind, material)
        k = (kind, fp, self._path)
        if k in self.findings:
            self.findings[k]["occurrences"] += 1
            return
        if len(self.findings) >= MAX_FINDINGS:
            self.findings_dropped += 1
            return
        sha = self._commit.sha[:12] if self._commit else ""
        self.findings[k] = {
            "rule_id": kind,
            "path": self._path,
            "commit": sha,
            "line": lineno,
            "redacted": redacted,
            "fingerprint": fp,
            "occurrences": 1,
        }


def rfc3339_epoch(ts: int | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
