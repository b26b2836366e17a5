"""The `code.transport` collector (TLS-7): plain http:// endpoints and disabled certificate
verification in repositories (the committed HEAD, via `git grep`) and in application
configuration directories on hosts (`tls.app_config_dir`, read through the transport).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector, Transport
from auditor.collect.code.transport_rules import SKIP_DIRS, is_doc_path, scan_line
from auditor.errors import CollectorError, NotApplicable
from auditor.models import ErrorKind, TargetKind

MAX_FILES = 20000
MAX_FILE_BYTES = 1024 * 1024
MAX_FINDINGS = 500
# Cheap pre-filter for git grep; scan_line decides.
_PREFILTER = (r"http://|verify|rejectUnauthorized|InsecureSkipVerify|_create_unverified_context|CERT_NONE|"
              r"check_hostname|insecure|curl .*-k|no-check-certificate|validate_certs|strict-ssl")
_GIT = ["git", "-c", "safe.directory=*", "-c", "core.quotepath=off"]


class CodeTransportCollector(Collector):
    id: ClassVar[str] = "code.transport"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.repo, TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        if ctx.target.kind == TargetKind.repo:
            return self._repo(ctx)
        dirs = (ctx.settings.get("tls") or {}).get("app_config_dir") or []
        if not dirs:
            raise NotApplicable("no tls.app_config_dir configured for host application configuration")
        return _scan_host_dirs(ctx, ctx.require_transport(), list(dirs))

    def _repo(self, ctx: CollectContext) -> dict[str, Any]:
        repos: list[dict[str, Any]] = ctx.settings.get("repos") or []
        spec = next((r for r in repos if r.get("id") == ctx.target.id), {})
        path, url = spec.get("path"), spec.get("url")
        if not path and not url:
            address = ctx.target.address
            url, path = (address, None) if "://" in address or address.startswith("git@") else (None, address)
        if path and Path(path).is_file():  # a git bundle: read its HEAD like a remote's
            url, path = path, None
        if url:
            with tempfile.TemporaryDirectory(prefix="dpp-code-") as tmp:
                _git(ctx, ["clone", "--quiet", "--depth", "1", "--bare", "--", url, tmp], None)
                return _scan_git(ctx, tmp, url)
        assert path is not None
        if not Path(path).exists():
            raise CollectorError(ErrorKind.connectivity, f"{ctx.target.id}: repository path does not exist",
                                 hint="check repos[].path in dpp-auditor.yaml")
        if _git(ctx, ["rev-parse", "--verify", "-q", "HEAD"], path, check=False).returncode == 0:
            return _scan_git(ctx, path, path)
        return _scan_local_tree(ctx, Path(path))


def _git(ctx: CollectContext, args: list[str], cwd: str | None, *, check: bool = True
         ) -> subprocess.CompletedProcess[str]:
    argv = [*_GIT, *(["-C", cwd] if cwd else []), *args]
    ctx.provenance.commands.append(" ".join(argv))
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, errors="replace",
                              timeout=ctx.remaining(), check=False)
    except FileNotFoundError:
        raise CollectorError(ErrorKind.unsupported, "git is not installed",
                             hint="apt-get install git") from None
    if check and proc.returncode not in (0, 1):  # git grep exits 1 when nothing matched
        kind = ErrorKind.connectivity if args[0] == "clone" else ErrorKind.parse
        raise CollectorError(kind, f"git {args[0]} failed: {proc.stderr.strip()[:200]}")
    return proc


def _result(root: str, source: str, files: int, skipped: int, hits: Iterator[dict[str, Any]],
            **extra: Any) -> dict[str, Any]:
    findings = sorted(hits, key=lambda h: (h["path"], h["line"], h["rule_id"]))
    return {"root": root, "source": source, "files_scanned": files, "files_skipped": skipped,
            "findings": findings[:MAX_FINDINGS], "truncated": len(findings) > MAX_FINDINGS, **extra}


def _line_hits(path: str, lines: Iterator[tuple[int, str]]) -> Iterator[dict[str, Any]]:
    for number, text in lines:
        for hit in scan_line(text):
            yield {"path": path, "line": number, "rule_id": hit.rule_id, "pattern": hit.pattern,
                   "excerpt": hit.excerpt}


def _scan_git(ctx: CollectContext, repo: str, root: str) -> dict[str, Any]:
    head = _git(ctx, ["rev-parse", "HEAD"], repo).stdout.strip()
    names = _git(ctx, ["ls-tree", "-r", "--name-only", "HEAD"], repo).stdout.splitlines()
    code = {n for n in names if _is_code(n)}
    out = _git(ctx, ["grep", "-n", "-I", "-i", "-E", "-e", _PREFILTER, "HEAD"], repo).stdout

    def parsed() -> Iterator[dict[str, Any]]:
        for raw in out.splitlines():
            _, _, rest = raw.partition(":")  # HEAD:path:line:text
            path, _, rest = rest.partition(":")
            number, _, text = rest.partition(":")
            if number.isdigit() and path in code:
                yield from _line_hits(path, iter([(int(number), text)]))

    return _result(root, "git HEAD", len(code), len(names) - len(code), parsed(), commit=head)


def _is_code(path: str) -> bool:
    return not is_doc_path(path) and not set(Path(path).parts) & SKIP_DIRS


def _scan_local_tree(ctx: CollectContext, root: Path) -> dict[str, Any]:
    files = skipped = 0
    hits: list[dict[str, Any]] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file() or set(path.relative_to(root).parts) & SKIP_DIRS:
            continue
        if is_doc_path(rel) or path.stat().st_size > MAX_FILE_BYTES or files >= MAX_FILES:
            skipped += 1
            continue
        ctx.remaining()
        files += 1
        hits.extend(_text_hits(rel, path.read_bytes()))
    return _result(str(root), "directory", files, skipped, iter(hits))


def _text_hits(rel: str, data: bytes) -> Iterator[dict[str, Any]]:
    if b"\0" in data[:8192]:
        return iter(())
    text = data.decode("utf-8", errors="replace")
    return _line_hits(rel, enumerate(text.splitlines(), start=1))


def _walk(t: Transport, base: str) -> Iterator[str]:
    stack = [base]
    while stack:
        current = stack.pop()
        for name in t.list_dir(current) or []:
            if name in SKIP_DIRS:
                continue
            full = f"{current.rstrip('/')}/{name}"
            st = t.stat(full)
            if st is None:
                continue
            if st.is_dir:
                stack.append(full)
            else:
                yield full


def _scan_host_dirs(ctx: CollectContext, t: Transport, dirs: list[str]) -> dict[str, Any]:
    files = skipped = 0
    hits: list[dict[str, Any]] = []
    for base in dirs:
        if t.stat(base) is None:
            raise CollectorError(ErrorKind.parse, f"{ctx.target.id}: app config dir {base} does not exist",
                                 hint="check tls.app_config_dir")
        for path in _walk(t, base):
            if is_doc_path(path) or files >= MAX_FILES:
                skipped += 1
                continue
            ctx.remaining()
            data = ctx.read(path, MAX_FILE_BYTES)
            if data is None:
                continue
            files += 1
            hits.extend(_text_hits(path, data))
    return _result(",".join(dirs), "host directory", files, skipped, iter(hits))
