"""A dated copy of the example set, so the demo never ages.

`examples/` holds a small organisation's records as they stood on one day, the anchor in
`examples/anchor.yaml`. `materialise` copies it with every date moved by the same whole number of
days (in file contents, file names, the demo database and the shop repository's commit times)
and returns the clock to scan it with: the anchor moved by those days. Every interval between
two records, and between a record and the run's clock, is the one written in the example, so
the record-based verdicts are the same on any day.

    python -m auditor.example examples build/example     # prints the --at to scan it with
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

from auditor.clock import parse_instant, run_clock
from auditor.errors import AuditorError, UsageError
from auditor.models import rfc3339

ANCHOR_FILE = "anchor.yaml"
_DATE = re.compile(r"(?<![0-9])(\d{4})-(\d{2})-(\d{2})(?![0-9])")
_DAY_S = 86400
# Built from their sources in the copy, never copied.
_GENERATED = {".sqlite": ".sql"}
_BINARY = {".bundle", ".png", ".jpg", ".pdf", ".gz"}


def anchor_of(src: Path) -> datetime:
    path = src / ANCHOR_FILE
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: cannot read the example's anchor ({exc})") from None
    value = doc.get("anchor") if isinstance(doc, dict) else None
    if isinstance(value, datetime) and value.tzinfo is not None:  # YAML reads an unquoted time
        value = rfc3339(value)
    if not isinstance(value, str):
        raise UsageError(f"{path}: `anchor: RFC3339` is missing")
    return parse_instant(value, what=f"{path}: anchor")


def shift_days(anchor: datetime, now: datetime) -> int:
    """Whole days that bring the anchor as close to `now` as possible without passing it."""
    return (now - anchor) // timedelta(days=1)


def shift_text(text: str, days: int) -> str:
    """Every valid YYYY-MM-DD in text moved by `days` (a time that follows it is kept)."""

    def move(m: re.Match[str]) -> str:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return m[0]  # not a date (a version, an id): left as written
        return (d + timedelta(days=days)).isoformat()

    return _DATE.sub(move, text)


def materialise(src: Path, dest: Path, now: datetime) -> datetime:
    """Write the example set dated for `now` into dest (replaced whole); return its clock."""
    anchor = anchor_of(src)
    days = shift_days(anchor, now)
    staging = Path(tempfile.mkdtemp(prefix=".example-", dir=dest.parent if dest.parent.exists() else None))
    try:
        for path in sorted(src.rglob("*")):
            if path.is_dir() or path.suffix in _GENERATED:
                continue
            rel = Path(shift_text(path.relative_to(src).as_posix(), days))
            out = staging / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".bundle":
                shift_bundle(path, out, days)
            elif path.suffix in _BINARY:
                shutil.copyfile(path, out)
            else:
                out.write_text(shift_text(path.read_text(encoding="utf-8"), days), encoding="utf-8")
        for sql in sorted(staging.rglob("*.sql")):
            build_sqlite(sql, sql.with_suffix(".sqlite"))
        _rehash(src, staging, days)
        if dest.exists():
            shutil.rmtree(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return anchor + timedelta(days=days)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rehash(src: Path, copy: Path, days: int) -> None:
    """Hashes the records quote of other example files (an attestation's sha256) name the dated
    copies: a moved date changes a file's bytes, not what it attests."""
    moved: dict[str, str] = {}
    for path in src.rglob("*"):
        if path.is_file() and path.suffix not in _GENERATED:
            twin = copy / shift_text(path.relative_to(src).as_posix(), days)
            if twin.is_file():
                moved[_sha256(path)] = _sha256(twin)
    pattern = re.compile(r"\b[0-9a-f]{64}\b")
    for path in copy.rglob("*"):
        if path.is_file() and path.suffix not in _BINARY | set(_GENERATED):
            text = path.read_text(encoding="utf-8")
            new = pattern.sub(lambda m: moved.get(m[0], m[0]), text)
            if new != text:
                path.write_text(new, encoding="utf-8")


def build_sqlite(sql: Path, db: Path) -> None:
    """The demo database from its SQL script (what `sqlite3 db < sql` does)."""
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    try:
        con.executescript(sql.read_text(encoding="utf-8"))
        con.commit()
    finally:
        con.close()


_PERSON = re.compile(rb"^(author|committer|tagger) (.*) (\d+) ([+-]\d{4})$")


def _shift_stream(stream: bytes, seconds: int) -> bytes:
    """git fast-export output with every author/committer/tagger time moved; data blocks verbatim."""
    out = bytearray()
    pos = 0
    while pos < len(stream):
        end = stream.find(b"\n", pos)
        end = len(stream) if end < 0 else end
        line = stream[pos:end]
        pos = end + 1
        if line.startswith(b"data "):
            size = int(line[5:])
            out += line + b"\n" + stream[pos : pos + size]
            pos += size
            continue
        m = _PERSON.match(line)
        if m:
            line = b"%s %s %d %s" % (m[1], m[2], int(m[3]) + seconds, m[4])
        out += line + b"\n"
    return bytes(out)


def shift_bundle(bundle: Path, out: Path, days: int) -> None:
    """A copy of a git bundle whose commit times are moved by `days` (content unchanged)."""
    git = ["git", "-c", "core.hooksPath=/dev/null", "-c", "init.defaultBranch=main"]
    with tempfile.TemporaryDirectory(prefix="example-git-") as tmp:
        old, new = Path(tmp, "old.git"), Path(tmp, "new.git")
        try:
            subprocess.run([*git, "clone", "-q", "--mirror", str(bundle), str(old)], check=True,
                           capture_output=True)
            stream = subprocess.run([*git, "-C", str(old), "fast-export", "--all", "--signed-tags=strip"],
                                    check=True, capture_output=True).stdout
            subprocess.run([*git, "init", "-q", "--bare", str(new)], check=True, capture_output=True)
            subprocess.run([*git, "-C", str(new), "fast-import", "--quiet"],
                           input=_shift_stream(stream, days * _DAY_S), check=True, capture_output=True)
            subprocess.run([*git, "-C", str(new), "bundle", "create", str(out.resolve()), "--all"],
                           check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            raise AuditorError(f"{bundle}: cannot re-date the repository: "
                               f"{detail.decode(errors='replace').strip() or exc}") from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m auditor.example", description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path, help="the example set (examples/)")
    ap.add_argument("dest", type=Path, help="where to write the dated copy (replaced)")
    ap.add_argument("--at", help="date it for this RFC 3339 time (default: now)")
    args = ap.parse_args(argv)
    try:
        clock = materialise(args.src, args.dest, run_clock(args.at))
    except AuditorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(rfc3339(clock.astimezone(UTC)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
