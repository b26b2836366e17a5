"""`dpp-auditor gate`: exit code for CI from a results file, plus JUnit, SARIF and Markdown."""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
from pathlib import Path

import click

from auditor import inputs
from auditor.clock import parse_instant
from auditor.errors import UsageError
from auditor.fsutil import atomic_write_bytes
from auditor.gate import baseline_fingerprints, exit_code, gating_findings, results_path
from auditor.models import Results, Severity
from auditor.render.base import RenderContext, build_context, render_bytes
from auditor.trust import check_coverage, read_results, require_sealed_intact

EPILOG = """\b
Examples:
  dpp-auditor gate --fail-on high
  dpp-auditor gate --fail-on low --baseline runs/2026-11-01T.../ --sarif dpp.sarif
  dpp-auditor gate --fail-on critical --fail-on-error --junit junit.xml --markdown summary.md

\b
Exit codes: 0 ok; 1 an open finding at or above --fail-on (and not in the baseline);
2 the results are not a complete run (a clause missing) or their sealed run does not verify;
3 a clause could not be evaluated and --fail-on-error is set. An output file that cannot be
written is a warning; the verdict stands.
"""


def _context(results: Results, source: Path, waivers: Path | None) -> RenderContext:
    run_dir = results_path(source).parent
    ctx = build_context(results, run_dir)
    if waivers is None:
        return ctx
    from auditor.waivers import annotate_waivers, apply_waivers, load_waivers

    now = parse_instant(results.meta.evaluated_at, what="results evaluated_at")  # the run's clock
    items = load_waivers(waivers, clause_ids=set(ctx.catalogue.ids))
    applied = apply_waivers(results, items, now)
    return dataclasses.replace(ctx, results=applied, waivers=annotate_waivers(applied, items, now))


def _warn(message: str) -> None:
    click.echo(f"gate: warning: {message}; the verdict below stands", err=True)


def _emit(ctx: RenderContext, fmt: str, dest: Path | None) -> None:
    """A side output that cannot be written is a warning: it must not lose the verdict."""
    if dest is None:
        return
    data = render_bytes(ctx, fmt)
    if str(dest) == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        target = inputs.writable_parent(dest, f"--{fmt if fmt != 'md' else 'markdown'} file")
        atomic_write_bytes(target, data, mode=0o644)
    except (inputs.InputError, OSError) as exc:
        _warn(str(exc) if isinstance(exc, inputs.InputError) else f"{dest}: cannot write: {exc.strerror}")


def _step_summary(ctx: RenderContext) -> None:
    """GitHub Actions shows $GITHUB_STEP_SUMMARY on the job page; it is appended to.

    Opened non-blocking and only as a regular file: a FIFO or a missing folder warns."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        path = inputs.writable_parent(Path(target), "GITHUB_STEP_SUMMARY")
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
        with os.fdopen(fd, "ab") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise inputs.InputError(f"{path}: GITHUB_STEP_SUMMARY is not a regular file")
            fh.write(render_bytes(ctx, "md"))
    except inputs.InputError as exc:
        _warn(str(exc))
    except OSError as exc:
        _warn(f"{target}: GITHUB_STEP_SUMMARY: cannot write: {exc.strerror}")


def _load_trusted(results_arg: Path) -> Results:
    """The results, after the run's seal (when it has one) and catalogue coverage are checked."""
    path = inputs.check_path(results_path(inputs.check_path(results_arg)))
    if not os.path.lexists(path):
        raise UsageError(f"{path}: no such results file")
    results = read_results(path)
    if not require_sealed_intact(path.parent):
        click.echo(f"gate: note: {path.parent} is not sealed; its results are taken as given", err=True)
    check_coverage(results, path)
    return results


@click.command("gate", epilog=EPILOG)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    required=True,
    help="Fail when an open finding has this severity or a higher one.",
)
@click.option(
    "--results",
    "results_arg",
    type=click.Path(path_type=Path),
    default=Path("runs/latest/results.json"),
    show_default=True,
    help="results.json or a run directory.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="Run directory or results.json: its open findings do not gate.",
)
@click.option("--fail-on-error", is_flag=True, help="Exit 3 when a clause could not be evaluated.")
@click.option(
    "--waivers",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Apply this waivers file before gating (when the scan did not).",
)
@click.option("--junit", type=click.Path(path_type=Path), help="Write JUnit XML here ('-' for stdout).")
@click.option("--sarif", type=click.Path(path_type=Path), help="Write SARIF 2.1.0 here ('-' for stdout).")
@click.option("--markdown", type=click.Path(path_type=Path), help="Write a Markdown summary here.")
def command(
    fail_on: str,
    results_arg: Path,
    baseline: Path | None,
    fail_on_error: bool,
    waivers: Path | None,
    junit: Path | None,
    sarif: Path | None,
    markdown: Path | None,
) -> None:
    """Decide a CI job from a scan's results; optionally write CI report formats."""
    results = _load_trusted(results_arg)
    if baseline:
        inputs.regular_file(results_path(inputs.check_path(baseline)), "baseline results file")
    base = baseline_fingerprints(baseline) if baseline else None
    ctx = _context(results, results_arg, waivers)
    for fmt, dest in (("junit", junit), ("sarif", sarif), ("md", markdown)):
        _emit(ctx, fmt, dest)
    _step_summary(ctx)
    severity = Severity(fail_on)
    gating = gating_findings(ctx.results, severity, base)
    code = exit_code(ctx.results, severity, fail_on_error=fail_on_error, baseline_fingerprints=base)
    for f in gating[:20]:
        click.echo(f"gate: {f.severity} {f.clause} {f.check} on {f.target}: {f.msg}", err=True)
    if len(gating) > 20:
        click.echo(f"gate: ... and {len(gating) - 20} more", err=True)
    errors = sum(1 for c in ctx.results.clauses if c.status == "error")
    new = " new" if base is not None else ""
    click.echo(
        f"gate: {len(gating)}{new} finding(s) at or above {fail_on}; {errors} clause(s) undecided; "
        f"exit {code}",
        err=True,
    )
    if code:
        sys.exit(code)
