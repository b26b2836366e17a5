"""`dpp-auditor policy test [DIR...]`: run the Rego unit tests (test_* rules)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from auditor.engine.policyset import ENGINE_NAMES
from auditor.engine.policytest import Outcome, PolicyTestReport, run_policy_tests

EPILOG = """\b
Examples:
  dpp-auditor policy test                       # the shipped policies
  dpp-auditor policy test my-policies/          # the shipped policies and mine
  dpp-auditor policy test my-policies/ --no-shipped --run 'net_'
  dpp-auditor policy test --engine opa --opa-url http://127.0.0.1:8181 --json

\b
Exit codes: 0 every test passed; 1 a test failed or erred; 2 a policy does not load.
"""


_WARNINGS_SHOWN = 5


@click.group(name="policy")
def command() -> None:
    """Work with Rego policies."""


@command.command(name="test", epilog=EPILOG)
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--engine", type=click.Choice(ENGINE_NAMES), default="embedded", show_default=True)
@click.option("--opa-url", default=None, help="OPA server for --engine opa (default http://127.0.0.1:8181).")
@click.option("--no-shipped", is_flag=True, help="Test only DIRs, without the shipped policies.")
@click.option("--run", "pattern", default=None, help="Only tests whose rule path matches this regex.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List passing tests too.")
def test(
    dirs: tuple[Path, ...],
    engine: str,
    opa_url: str | None,
    no_shipped: bool,
    pattern: str | None,
    as_json: bool,
    verbose: bool,
) -> None:
    """Run the test_* rules of the shipped policies and of each DIR."""
    if no_shipped and not dirs:
        raise click.UsageError("--no-shipped needs at least one DIR")
    report = run_policy_tests(
        list(dirs), engine, include_shipped=not no_shipped, opa_url=opa_url, pattern=pattern
    )
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        _print(report, verbose)
    sys.exit(report.exit_code)


def _print(report: PolicyTestReport, verbose: bool) -> None:
    shown = report.warnings if verbose else report.warnings[:_WARNINGS_SHOWN]
    for warning in shown:
        click.echo(f"warning: {warning}", err=True)
    if len(shown) < len(report.warnings):
        click.echo(
            f"warning: {len(report.warnings) - len(shown)} more portability warnings (-v lists them)",
            err=True,
        )
    if report.load_error is not None:
        click.echo(f"error: {report.load_error}", err=True)
        return
    for r in report.results:
        if r.status == Outcome.passed and not verbose:
            continue
        label = {"pass": "PASS", "fail": "FAIL", "error": "ERROR", "skip": "SKIP"}[r.status.value]
        detail = f": {r.message}" if r.message and r.status != Outcome.passed else ""
        click.echo(f"{r.file}:{r.line}: {label} {r.rule_path} ({r.duration_ms:g} ms){detail}")
        if r.status != Outcome.passed:
            for line in r.prints:
                click.echo(f"    {line}")
    counts = ", ".join(f"{report.count(s)} {s.value}" for s in Outcome if report.count(s))
    click.echo(f"{len(report.results)} tests on {report.engine}: {counts or 'none found'}")
