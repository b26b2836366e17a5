"""The dpp-auditor command line. Commands are thin: the work lives in pipeline, evaluate,
render and store. Expected errors become one line on stderr and a documented exit code."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from auditor import __version__
from auditor.clock import run_clock, wall_now
from auditor.collect.progress import FleetProgress
from auditor.commands import COMMAND_MODULES
from auditor.config import Config, default_config, load_config
from auditor.console import ConsoleProgress
from auditor.errors import AuditorError, UsageError
from auditor.exitcodes import ExitCode
from auditor.models import rfc3339
from auditor.store.rundir import RunDir, create_run_dir, find_run_dir, new_run_id, point_latest

EPILOG_SCAN = """\b
Examples:
  dpp-auditor scan                                  # audit this machine
  dpp-auditor scan -c dpp-auditor.yaml -f json,html,pdf
  dpp-auditor scan -t ssh://root@web1 -t https://shop.example.com --known-hosts kh
  dpp-auditor scan -i hosts.ini --identity ~/.ssh/audit_ed25519 -o /var/lib/dpp-auditor/runs
  dpp-auditor scan --at 2026-11-27T10:00:00Z --engine opa --opa-url http://127.0.0.1:8181

\b
Exit codes: 0 ok, 1 gate failed (--fail-on), 2 usage/config/policy error,
            3 audit incomplete (--fail-on-error), 4 internal error.
"""

DEFAULT_FORMATS = "json,html,pdf"


def _load(config_path: Path | None) -> Config:
    return load_config(config_path) if config_path else default_config()


def _formats(value: str | None, config: Config) -> list[str]:
    from auditor.render.base import OutputFormat

    raw = value or ",".join(config.core.formats or []) or DEFAULT_FORMATS
    formats = [f.strip() for f in raw.split(",") if f.strip()]
    valid = {f.value for f in OutputFormat}
    bad = [f for f in formats if f not in valid]
    if bad:
        raise UsageError(f"unknown format {bad[0]!r} (choose from {', '.join(sorted(valid))})")
    if "json" not in formats:
        formats.insert(0, "json")  # results.json is always written
    return formats


def _apply_ssh_options(config: Config, options: dict[str, Any]) -> None:
    """CLI SSH flags override the config's ssh section."""
    overrides = {k: v for k, v in options.items() if v not in (None, False)}
    if not overrides:
        return
    from auditor.collect.transports.ssh_settings import SshSettings

    current = config.sections.get("ssh")
    base = current.model_dump() if current is not None else {}
    config.sections["ssh"] = SshSettings.model_validate({**base, **overrides})


ssh_options = [
    click.option(
        "--identity",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="SSH private key for ssh:// targets.",
    ),
    click.option(
        "--known-hosts",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="known_hosts file used to verify host keys (default ~/.ssh/known_hosts).",
    ),
    click.option(
        "--ssh-config",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="OpenSSH client config (Host aliases, User, Port, IdentityFile, ProxyJump).",
    ),
    click.option(
        "--accept-new-host-keys",
        is_flag=True,
        help="Trust and record keys of hosts not yet in known_hosts (changed keys still fail).",
    ),
]


def _apply_tls_options(config: Config, ca_bundle: Path | None) -> None:
    """--ca-bundle overrides tls.ca_bundle_file (internal CAs trusted for endpoints)."""
    if ca_bundle is None:
        return
    from auditor.collect.tls.settings import TlsSettings

    current = config.sections.get("tls")
    base = current.model_dump() if current is not None else {}
    config.sections["tls"] = TlsSettings.model_validate({**base, "ca_bundle_file": str(ca_bundle.resolve())})


tls_options = [
    click.option(
        "--ca-bundle",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="PEM bundle of internal CAs trusted for https:// endpoints (with the system store).",
    ),
]


def _with(options: list[Any]):
    def deco(f):
        for opt in reversed(options):
            f = opt(f)
        return f

    return deco


target_options = [
    click.option(
        "-c",
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="dpp-auditor.yaml (see `dpp-auditor init`).",
    ),
    click.option(
        "-t",
        "--target",
        "targets",
        multiple=True,
        metavar="TARGET",
        help="local, ssh://[user@]host[:port], https://host[:port] or rootfs:PATH (repeatable).",
    ),
    click.option(
        "-i",
        "--inventory",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Ansible inventory (INI or YAML).",
    ),
    click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory for run directories (default: runs).",
    ),
    *ssh_options,
    *tls_options,
]

engine_options = [
    click.option(
        "--engine",
        type=click.Choice(["embedded", "opa"]),
        default=None,
        help="Policy engine: embedded regorus (default) or an OPA server.",
    ),
    click.option("--opa-url", help="OPA server URL for --engine opa, e.g. http://127.0.0.1:8181."),
    click.option("--at", "at", metavar="RFC3339", help="Evaluate as of this time (default: now)."),
    click.option(
        "--policy-dir",
        "policy_dirs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Extra Rego policy directory (repeatable).",
    ),
]


def _prepare(opts: dict[str, Any]) -> tuple[Config, list[Any]]:
    """Config plus CLI overrides (SSH, CA bundle) and the run's targets, from target_options."""
    from auditor.scope import build_targets

    config = _load(opts["config_path"])
    _apply_ssh_options(
        config,
        {
            "identity_file": opts["identity"] and str(opts["identity"]),
            "known_hosts_file": opts["known_hosts"] and str(opts["known_hosts"]),
            "ssh_config_file": opts["ssh_config"] and str(opts["ssh_config"]),
            "accept_new_host_keys": opts["accept_new_host_keys"],
        },
    )
    _apply_tls_options(config, opts.get("ca_bundle"))
    return config, build_targets(config, list(opts["targets"]), opts["inventory"])


def _collect(
    config: Config, target_list: list[Any], out_dir: Path | None, at: str | None
) -> tuple[RunDir, Path, list[Any]]:
    from auditor.pipeline import collect, write_run_meta

    started = wall_now()
    clock = run_clock(at)  # one "now" for every collector and, later, the policies
    run_id = new_run_id(started)
    base = out_dir or Path(config.core.output_dir or "runs")
    config.core.output_dir = str(base)  # the run store that store.runs audits (AUD-1)
    run = create_run_dir(base, run_id)
    hosts = sum(1 for t in target_list if t.kind == "host")
    progress: ConsoleProgress | FleetProgress = (
        FleetProgress(sys.stderr) if hosts > 1 else ConsoleProgress(sys.stderr)
    )
    click.echo(f"run {run_id}: {len(target_list)} targets", err=True)
    evidence, final_targets = collect(config, target_list, run, progress, clock)
    write_run_meta(run, run_id, config, final_targets, rfc3339(started), rfc3339(clock))
    return run, base, evidence


_INPUT_ERRORS_SHOWN = 20


def _print_input_errors(evidence: list[Any]) -> None:
    """At the end, where it is seen: every unit that failed and every rejected input row."""
    lines = [
        f"error: {e.collector} {e.target.id}: {e.error.kind}: {e.error.message}"
        for e in evidence
        if e.status == "error" and e.error is not None and e.error.kind != "unsupported"
    ]
    for e in evidence:
        for row in (e.data or {}).get("import_errors") or []:
            lines.append(f"error: {row.get('file')}:{row.get('line')}: {row.get('message')} ({e.collector})")
    if not lines:
        return
    click.echo(f"{len(lines)} input error(s); the clauses that need these inputs are not passed:", err=True)
    for line in lines[:_INPUT_ERRORS_SHOWN]:
        click.echo(line, err=True)
    if len(lines) > _INPUT_ERRORS_SHOWN:
        click.echo(
            f"... and {len(lines) - _INPUT_ERRORS_SHOWN} more (see the report's errors section)", err=True
        )


def _engine_choice(config: Config | None, engine: str | None, opa_url: str | None) -> tuple[str, str | None]:
    chosen = engine or (config.core.engine if config else "embedded")
    url = opa_url or (config.core.opa_url if config else None)
    if chosen == "opa" and not url:
        raise UsageError("--engine opa needs --opa-url (or opa_url in the config)")
    return chosen, url


def _preflight(
    config: Config, engine: str | None, opa_url: str | None, at: str | None, policy_dirs: tuple[Path, ...]
) -> None:
    """What would fail evaluation fails before collection: no half-written run directory."""
    from auditor.engine.policyset import load_policyset
    from auditor.resources import policies_dir

    chosen, url = _engine_choice(config, engine, opa_url)
    if at:
        run_clock(at)  # a bad --at is a usage error before anything is collected
    load_policyset([policies_dir(), *policy_dirs])
    if chosen == "opa" and url:
        _reach_opa(url)


def _reach_opa(url: str) -> None:
    """An OPA server that is down is a usage error found before collection, not after it."""
    import socket
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UsageError(f"--opa-url {url!r}: {exc}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise UsageError(f"--opa-url {url!r}: expected http://host:port or https://host:port")
    try:
        socket.create_connection((host, port), timeout=5).close()
    except OSError as exc:
        raise UsageError(
            f"opa_url {url}: OPA server unreachable ({exc.strerror or exc}); "
            "start it or use --engine embedded"
        ) from None


def _evaluate(
    run: RunDir,
    config: Config | None,
    engine: str | None,
    opa_url: str | None,
    at: str | None,
    policy_dirs: tuple[Path, ...],
) -> Any:
    from auditor.pipeline import EvaluateOptions, evaluate_run

    chosen, url = _engine_choice(config, engine, opa_url)
    when = rfc3339(run_clock(at)) if at else None  # None: the clock the run was collected with
    return evaluate_run(
        run,
        at=when,
        params=config.params if config else None,
        options=EvaluateOptions(engine=chosen, opa_url=url, extra_policy_dirs=policy_dirs),
        organisation=config.core.organisation if config else run.read_meta().get("organisation", ""),
        profile=config.core.profile if config else "default",
        settings=config.settings() if config else None,
    )


def _report(run: RunDir, formats: list[str]) -> list[Path]:
    from auditor.pipeline import report_run

    return report_run(run, formats)


def _gate(results: Any, fail_on: str | None, fail_on_error: bool) -> int:
    if not fail_on and not fail_on_error:
        return ExitCode.OK
    from auditor.gate import exit_code
    from auditor.models import Severity

    return int(
        exit_code(
            results,
            Severity(fail_on or "critical") if fail_on else None,
            fail_on_error=fail_on_error,
            baseline_fingerprints=None,
        )
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dpp-auditor")
def main_group() -> None:
    """Prove, clause by clause and with evidence, compliance with the Amazon Data Protection Policy.

    \b
    Quick start:
      dpp-auditor scan                  # audit this machine, write HTML, PDF and JSON
      dpp-auditor clauses               # what each clause checks, and with which collectors
      dpp-auditor gate --fail-on high   # CI: exit 1 if a high or critical clause fails
    """


@main_group.command(epilog=EPILOG_SCAN)
@_with(target_options)
@_with(engine_options)
@click.option(
    "-f",
    "--format",
    "formats",
    metavar="FMT[,FMT...]",
    help=f"Report formats (default {DEFAULT_FORMATS}): json, html, pdf, junit, sarif, md, oscal.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["critical", "high", "medium", "low"]),
    help="Exit 1 when a clause at or above this severity fails.",
)
@click.option("--fail-on-error", is_flag=True, help="Exit 3 when any clause could not be evaluated.")
def scan(
    engine: str | None,
    opa_url: str | None,
    at: str | None,
    policy_dirs: tuple[Path, ...],
    formats: str | None,
    fail_on: str | None,
    fail_on_error: bool,
    **target_opts: Any,
) -> None:
    """Collect evidence, evaluate every clause and write the reports (collect + evaluate + report).

    With neither -c nor -t it audits this machine (`local`). The run directory
    OUTDIR/<run-id>/ is printed as the last line of stdout; OUTDIR/latest points at it.
    """
    config, target_list = _prepare(target_opts)
    fmts = _formats(formats, config)
    _preflight(config, engine, opa_url, at, policy_dirs)
    run, base, evidence = _collect(config, target_list, target_opts["out_dir"], at)
    results = _evaluate(run, config, engine, opa_url, at, policy_dirs)
    written = _report(run, fmts)
    from auditor.store.finalize import finalize_run

    finalize_run(run.path, results, config.settings(), base)
    point_latest(base, run)
    _print_summary(results, written)
    _print_input_errors(evidence)
    click.echo(str(run.path))
    sys.exit(_gate(results, fail_on, fail_on_error))


@main_group.command(epilog="Example:\n\n  dpp-auditor collect -t local -o runs")
@_with(target_options)
@click.option("--at", "at", metavar="RFC3339", help="The run's clock (default: now).")
def collect(at: str | None, **target_opts: Any) -> None:
    """Collect evidence only; prints the run directory. Evaluate it later, even offline."""
    config, target_list = _prepare(target_opts)
    run, _, evidence = _collect(config, target_list, target_opts["out_dir"], at)
    _print_input_errors(evidence)
    click.echo(str(run.path))


@main_group.command(
    name="evaluate",
    epilog="Example:\n\n  dpp-auditor evaluate runs/latest/evidence --at 2026-11-27T10:00:00Z",
)
@click.argument("evidence", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config for parameter overrides (default: the parameters stored with the run).",
)
@_with(engine_options)
@click.option(
    "--unsealed",
    "allow_unsealed",
    is_flag=True,
    help="Re-evaluate a sealed run even when its seal does not verify; the run is marked unsealed.",
)
def evaluate_cmd(
    evidence: Path,
    config_path: Path | None,
    engine: str | None,
    opa_url: str | None,
    at: str | None,
    policy_dirs: tuple[Path, ...],
    allow_unsealed: bool,
) -> None:
    """Evaluate a stored evidence directory; writes input.json and results.json beside it.

    With the same --at, repeated runs give byte-identical results.json. A sealed run is
    verified first: tampered evidence is refused (exit 2) unless --unsealed is given. When
    re-evaluation changes what the seal covers, the manifest is set aside as
    manifest.unsealed.json, so no gate trusts the new results as sealed; `seal` re-seals.
    """
    from auditor.trust import require_sealed_intact

    run = find_run_dir(evidence)
    config = load_config(config_path) if config_path else None
    sealed = _check_seal(run, allow_unsealed, require_sealed_intact)
    results = _evaluate(run, config, engine, opa_url, at, policy_dirs)
    if sealed:
        _unseal_if_changed(run)
    _print_summary(results, [run.results_path])
    click.echo(str(run.results_path))


def _check_seal(run: RunDir, allow_unsealed: bool, require: Any) -> bool:
    from auditor.trust import EVALUATION_INPUTS

    try:
        return bool(require(run.path, EVALUATION_INPUTS))
    except UsageError as exc:
        if not allow_unsealed:
            raise UsageError(f"{exc} (--unsealed re-evaluates anyway and marks the run unsealed)") from None
        click.echo(f"dpp-auditor: warning: {exc}; re-evaluating because of --unsealed", err=True)
        return True


def _unseal_if_changed(run: RunDir) -> None:
    from auditor.store.manifest import sha256_file
    from auditor.trust import manifest_digest, seal_problems, unseal

    changed = [
        rel
        for rel in ("results.json", "input.json")
        if manifest_digest(run.path, rel) != sha256_file(run.path / rel)
    ]
    if changed or seal_problems(run.path):
        moved = unseal(run.path)
        click.echo(
            f"dpp-auditor: note: {run.path} is now unsealed (re-evaluated; old manifest kept as "
            f"{moved.name}); `dpp-auditor seal {run.path}` seals it again",
            err=True,
        )


@main_group.command(epilog="Example:\n\n  dpp-auditor report runs/latest -f html,pdf,sarif")
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-f",
    "--format",
    "formats",
    metavar="FMT[,FMT...]",
    default=DEFAULT_FORMATS,
    help="Formats to render from results.json.",
)
def report(run_dir: Path, formats: str) -> None:
    """Render reports of an evaluated run directory."""
    from auditor.trust import read_results

    run = find_run_dir(run_dir)
    if not os.path.lexists(run.results_path):
        raise UsageError(f"{run.path}: no results.json; run `dpp-auditor evaluate {run.evidence_dir}` first")
    read_results(run.results_path)  # garbage or unreadable: one located line, before rendering
    for path in _report(run, _formats(formats, default_config())):
        click.echo(str(path))


@main_group.command(
    epilog="Examples:\n\n  dpp-auditor clauses\n\n  dpp-auditor clauses --json | jq '.clauses[0]'"
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--policy-dir", "policy_dirs", multiple=True, type=click.Path(exists=True, path_type=Path))
def clauses(as_json: bool, policy_dirs: tuple[Path, ...]) -> None:
    """Coverage per clause: the rules and collectors that implement each one."""
    from auditor.coverage import clause_coverage, format_coverage

    rows = clause_coverage(list(policy_dirs))
    click.echo(json.dumps({"clauses": rows}, indent=2) if as_json else format_coverage(rows))


@main_group.command(epilog="Example:\n\n  dpp-auditor init > dpp-auditor.yaml")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of stdout (refuses to overwrite).",
)
def init(output: Path | None) -> None:
    """Write a commented starter configuration."""
    from auditor.starter import starter_config

    text = starter_config()
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists():
        raise UsageError(f"{output}: already exists; not overwritten")
    from auditor.fsutil import atomic_write_text

    atomic_write_text(output, text, mode=0o644)
    click.echo(str(output))


def _print_summary(results: Any, written: list[Path]) -> None:
    counts = results.summary["by_status"]
    shown = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
    click.echo(f"{results.summary['clauses']} clauses: {shown}", err=True)
    for path in written:
        click.echo(f"wrote {path}", err=True)


for _name in COMMAND_MODULES:
    main_group.add_command(importlib.import_module(_name).command)


def main() -> None:
    """Entry point: one clear line and a documented exit code for every expected error."""
    debug = bool(os.environ.get("DPP_AUDITOR_DEBUG"))
    try:
        main_group.main(prog_name="dpp-auditor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("dpp-auditor: aborted", err=True)
        sys.exit(ExitCode.USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.USAGE)
    except AuditorError as exc:
        if debug:
            raise
        click.echo(f"dpp-auditor: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"dpp-auditor: internal error: {type(exc).__name__}: {exc} "
            "(set DPP_AUDITOR_DEBUG=1 for a traceback)",
            err=True,
        )
        sys.exit(ExitCode.INTERNAL)
    sys.exit(ExitCode.OK)
