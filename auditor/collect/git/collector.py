"""git.history: read-only whole-history scan of one configured repository.

Fast path: one `git log --all -p --pretty=raw --unified=0` process streamed line by line (see
history.py). git's own C diff machinery does the heavy work, memory stays flat, and no extra
dependency (libgit2/pygit2 wheels, or dulwich's pure-Python diffs) is needed.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from auditor.collect.access.identity import fingerprint, fingerprint_key, redact_email
from auditor.collect.base import CollectContext, Collector
from auditor.collect.git.history import HistoryScan, Identity, rfc3339_epoch
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

_GIT = ["git", "-c", "safe.directory=*", "-c", "core.quotepath=off", "-c", "log.showSignature=false"]
_LOG = [
    "log",
    "--all",
    "--reverse",
    "-p",
    "--pretty=raw",
    "--unified=0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-renames",
    "--diff-merges=off",
]
_GENERIC_DOMAINS = re.compile(r"(^|\.)(localhost|localdomain|local|\(none\))$")
_GENERIC_EMAILS = {"you@example.com", "your.email@example.com", "email@example.com", ""}
_GENERIC_NAMES = {"your name", "root", "ubuntu", "admin", "deploy"}
_GENERIC_LOCALS = re.compile(
    r"^(root|admin|administrator|deploy|deployer|ubuntu|ec2-user|centos|git|jenkins)$"
)
_WEB_FLOW = {"noreply@github.com"}


def _env(repo: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="true", GIT_CONFIG_NOSYSTEM="1", LC_ALL="C")
    if repo:  # a configured folder that is not a repository must not resolve to an enclosing one
        env["GIT_CEILING_DIRECTORIES"] = str(Path(repo).resolve().parent)
    return env


def generic_reason(ident: Identity, name_regex: re.Pattern[str] | None) -> str | None:
    local, _, domain = ident.email.partition("@")
    if ident.email in _GENERIC_EMAILS:
        return "placeholder e-mail"
    if _GENERIC_DOMAINS.search(domain) or not domain:
        return "host-local e-mail domain"
    if _GENERIC_LOCALS.match(local) or (name_regex and name_regex.match(local)):
        return "generic mailbox name"
    if ident.names & _GENERIC_NAMES:
        return "generic author name"
    return None


class GitHistoryCollector(Collector):
    id: ClassVar[str] = "git.history"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.repo})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        spec = _repo_spec(ctx)
        key = fingerprint_key(ctx.settings)
        url = spec.get("url")
        path = str(spec.get("path") or ctx.target.address)
        if not url and not Path(path).exists():
            raise CollectorError(
                ErrorKind.connectivity,
                f"{ctx.target.id}: repository path does not exist",
                hint="check repos[].path in dpp-auditor.yaml",
            )
        if url or Path(path).is_file():  # a URL, or a `git bundle` file
            with tempfile.TemporaryDirectory(prefix="dpp-git-") as tmp:
                mirror = str(Path(tmp) / "mirror.git")
                _git(ctx, ["clone", "--mirror", "--quiet", "--", url or path, mirror], None)
                return self._scan(ctx, mirror, key)
        return self._scan(ctx, path, key)

    def _scan(self, ctx: CollectContext, repo: str, key: bytes) -> dict[str, Any]:
        head = _git(ctx, ["rev-parse", "--git-dir"], repo)
        if not head.strip():
            raise CollectorError(ErrorKind.parse, f"{ctx.target.id}: not a git repository")
        scan = HistoryScan(key)
        _stream(ctx, repo, scan)
        regex = _name_regex(ctx.params.get("generic_name_regex"))
        bots = {str(b).strip().lower() for b in ctx.params.get("bot_identities") or []}
        identities = [_identity_out(i, key, regex, bots) for i in scan.identities.values()]
        return {
            "commits_scanned": scan.commits,
            "signed_commits": scan.signed,
            "identities": sorted(identities, key=lambda i: i["email_fp"]),
            "secret_findings": sorted(
                scan.findings.values(), key=lambda f: (f["path"], f["line"], f["rule_id"])
            ),
            "secret_findings_dropped": scan.findings_dropped,
            "scan": {"method": "git log --all -p --pretty=raw --unified=0", "added_lines_only": True},
        }


def _identity_out(
    ident: Identity, key: bytes, regex: re.Pattern[str] | None, bots: set[str]
) -> dict[str, Any]:
    generic = generic_reason(ident, regex)
    return {
        "email_fp": fingerprint(key, ident.email),
        # A generic address names no person: shown in clear so the finding is actionable.
        "email": ident.email if generic else redact_email(ident.email),
        "names_count": len(ident.names),
        "authored": ident.authored,
        "committed": ident.committed,
        "signed": ident.signed,
        "first_at": rfc3339_epoch(ident.first_at),
        "last_at": rfc3339_epoch(ident.last_at),
        "generic": generic,
        "bot": ident.email in bots,
        "web_flow": ident.email in _WEB_FLOW,
    }


def _name_regex(value: Any) -> re.Pattern[str] | None:
    try:
        return re.compile(str(value)) if value else None
    except re.error:
        raise CollectorError(ErrorKind.parse, "params.generic_name_regex is not a valid regex") from None


def _repo_spec(ctx: CollectContext) -> dict[str, Any]:
    for spec in ctx.settings.get("repos") or []:
        if spec.get("id") == ctx.target.id:
            return dict(spec)
    address = ctx.target.address
    return {"url": address} if "://" in address or address.startswith("git@") else {"path": address}


def _git(ctx: CollectContext, args: list[str], repo: str | None) -> str:
    argv = [*_GIT, *(["-C", repo] if repo else []), *args]
    ctx.provenance.commands.append(" ".join(["git", *args[:2]]))
    try:
        proc = subprocess.run(argv, capture_output=True, env=_env(repo), timeout=ctx.remaining(), check=False)
    except FileNotFoundError:
        raise CollectorError(
            ErrorKind.unsupported, "git is not installed", hint="apt-get install git"
        ) from None
    except subprocess.TimeoutExpired:
        raise CollectorError(ErrorKind.timeout, f"{ctx.target.id}: git {args[0]} timed out") from None
    if proc.returncode != 0:
        last = (proc.stderr.decode(errors="replace").strip().splitlines() or ["failed"])[-1]
        kind = ErrorKind.connectivity if args[0] == "clone" else ErrorKind.parse
        raise CollectorError(kind, f"{ctx.target.id}: git {args[0]}: {_scrub(last)}")
    return proc.stdout.decode(errors="replace")


def _scrub(text: str) -> str:
    # URLs in git errors may carry credentials.
    return re.sub(r"://[^/@\s]+@", "://***@", text)[:200]


def _stream(ctx: CollectContext, repo: str, scan: HistoryScan) -> None:
    argv = [*_GIT, "-C", repo, *_LOG]
    ctx.provenance.commands.append("git " + " ".join(_LOG))
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(repo))
    assert proc.stdout is not None
    try:
        for raw in proc.stdout:
            scan.feed(raw.decode("utf-8", errors="replace").rstrip("\n"))
            if scan.commits % 256 == 0:
                ctx.remaining()
        scan.close()
        _, err = proc.communicate(timeout=max(1.0, ctx.remaining()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != 0:
        last = (err.decode(errors="replace").strip().splitlines() or ["failed"])[-1]
        if "does not have any commits" in last:
            return
        raise CollectorError(ErrorKind.parse, f"{ctx.target.id}: git log: {_scrub(last)}")
