"""Scheduled scans: systemd/cron units, regression detection and notifications.

A regression is a clause that fails now and did not in the previous recorded run, or a new
open critical finding. Notifications carry clause ids, severities, counts and the run id,
never target ids, finding messages or evidence: they leave the audited estate.
"""

from __future__ import annotations

import json
import shlex
import smtplib
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from auditor.cadence import parse_every
from auditor.errors import AuditorError, UsageError
from auditor.models import Results
from auditor.render.view import compliance_score
from auditor.store.history import Snapshot, snapshot_of


class NotifyError(AuditorError):
    """A notification could not be delivered (SMTP or webhook)."""


class SmtpSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str
    port: int = 25
    starttls: bool = False
    username: str | None = None
    password_file: str | None = None
    from_addr: str
    to: list[str] = Field(min_length=1)
    timeout_s: float = 15


class WebhookSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    timeout_s: float = 10


class NotifySettings(BaseModel):
    """Config section `notify:`."""

    model_config = ConfigDict(extra="forbid")

    smtp: SmtpSettings | None = None
    webhook: WebhookSettings | None = None
    on: list[str] = Field(default_factory=lambda: ["regression"])  # reserved: only regressions notify


# --- units -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleSpec:
    executable: str
    config: Path
    out_dir: Path
    every: str = "daily"
    formats: str = "json,html,pdf,sarif,md"

    def calendar(self) -> tuple[str, str | None]:
        """(OnCalendar, cron fields or None); an invalid --every is a UsageError, never daily."""
        cadence = parse_every(self.every)
        return cadence.on_calendar, cadence.cron

    def scan_argv(self) -> list[str]:
        return [self.executable, "scan", "-c", str(self.config), "-o", str(self.out_dir), "-f", self.formats]

    def notify_argv(self) -> list[str]:
        return [self.executable, "notify", str(self.out_dir / "latest"), "-c", str(self.config)]


def systemd_units(spec: ScheduleSpec) -> dict[str, str]:
    """dpp-auditor-scan.service and .timer, ready for /etc/systemd/system/."""
    service = f"""\
[Unit]
Description=dpp-auditor scan against the Amazon Data Protection Policy
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart={shlex.join(spec.scan_argv())}
ExecStartPost={shlex.join(spec.notify_argv())}
UMask=0077
Nice=10
IOSchedulingClass=idle
# PrivateTmp: the scan gets its own empty /tmp and /var/tmp, so the config and the run store
# must live elsewhere (schedule refuses paths there); logs.file_roots under /tmp see nothing.
PrivateTmp=true
NoNewPrivileges=true
"""
    timer = f"""\
[Unit]
Description=Run dpp-auditor scan {spec.every}

[Timer]
OnCalendar={spec.calendar()[0]}
RandomizedDelaySec=10min
Persistent=true
Unit=dpp-auditor-scan.service

[Install]
WantedBy=timers.target
"""
    return {"dpp-auditor-scan.service": service, "dpp-auditor-scan.timer": timer}


def cron_entry(spec: ScheduleSpec) -> str:
    """One crontab line: scan, then notify on regression (only when the scan ran)."""
    cmd = f"umask 077 && {shlex.join(spec.scan_argv())} >/dev/null && {shlex.join(spec.notify_argv())}"
    fields = spec.calendar()[1]
    if fields is None:
        raise UsageError(
            f"--every {spec.every!r} is a systemd calendar expression; cron needs hourly, daily, "
            "weekly or five cron fields"
        )
    return f"# dpp-auditor scheduled scan ({spec.every})\n{fields} {cmd}\n"


# --- regressions and notifications ---------------------------------------------------------


@dataclass
class Regression:
    run_id: str
    previous_run_id: str | None
    evaluated_at: str
    score: float | None
    newly_failing: list[tuple[str, str]] = field(default_factory=list)  # (clause, severity)
    new_critical: dict[str, int] = field(default_factory=dict)  # clause -> new open critical findings

    @property
    def any(self) -> bool:
        return bool(self.newly_failing or self.new_critical)

    def payload(self, organisation: str = "") -> dict[str, Any]:
        """What leaves the machine: identifiers and counts only."""
        return {
            "event": "dpp-auditor.regression",
            "organisation": organisation,
            "run_id": self.run_id,
            "previous_run_id": self.previous_run_id,
            "evaluated_at": self.evaluated_at,
            "compliance_score": self.score,
            "newly_failing_clauses": [{"clause": c, "severity": s} for c, s in self.newly_failing],
            "new_critical_findings": {
                "total": sum(self.new_critical.values()),
                "by_clause": self.new_critical,
            },
        }


def find_regression(previous: Snapshot | None, results: Results) -> Regression:
    """No previous run: nothing can have regressed (the first run is the baseline)."""
    current = snapshot_of(results)
    severity = {c.id: str(c.severity) for c in results.clauses}
    reg = Regression(
        results.meta.run_id,
        previous.run_id if previous else None,
        results.meta.evaluated_at,
        compliance_score(results.clauses).percent,
    )
    if previous is None:
        return reg
    before_clauses = previous.clauses
    before_open = {fp for fp, f in previous.findings.items() if not f.waived_by}
    reg.newly_failing = [
        (c, severity[c])
        for c, s in sorted(current.clauses.items())
        if s == "fail" and before_clauses.get(c) != "fail"
    ]
    for fp, f in sorted(current.findings.items()):
        if f.level == "deny" and not f.waived_by and f.severity == "critical" and fp not in before_open:
            reg.new_critical[f.clause] = reg.new_critical.get(f.clause, 0) + 1
    return reg


def _text(reg: Regression, organisation: str) -> str:
    lines = [
        f"dpp-auditor found a regression in run {reg.run_id}"
        + (f" for {organisation}" if organisation else ""),
        f"(previous run: {reg.previous_run_id or 'none'}; compliance score: "
        f"{'n/a' if reg.score is None else f'{reg.score:g}%'}).",
        "",
    ]
    if reg.newly_failing:
        lines.append("Clauses newly failing:")
        lines += [f"  {c} ({s})" for c, s in reg.newly_failing]
    if reg.new_critical:
        lines.append("New critical findings:")
        lines += [f"  {c}: {n}" for c, n in sorted(reg.new_critical.items())]
    lines += ["", "Details are in the run's report on the scanning host; this message carries no evidence."]
    return "\n".join(lines) + "\n"


def send_email(settings: SmtpSettings, reg: Regression, organisation: str = "") -> None:
    msg = EmailMessage()
    msg["Subject"] = (
        f"[dpp-auditor] regression: {len(reg.newly_failing)} clause(s) newly failing, "
        f"{sum(reg.new_critical.values())} new critical finding(s)"
    )
    msg["From"], msg["To"] = settings.from_addr, ", ".join(settings.to)
    msg.set_content(_text(reg, organisation))
    msg.add_attachment(
        json.dumps(reg.payload(organisation), indent=2).encode(),
        maintype="application",
        subtype="json",
        filename="regression.json",
    )
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.username:
                password = Path(settings.password_file).read_text().strip() if settings.password_file else ""
                smtp.login(settings.username, password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise NotifyError(f"SMTP {settings.host}:{settings.port}: {type(exc).__name__}: {exc}") from None


def post_webhook(settings: WebhookSettings, reg: Regression, organisation: str = "") -> None:
    if not settings.url.startswith(("http://", "https://")):
        raise UsageError(f"notify.webhook.url must be http(s): {settings.url}")
    body = json.dumps(reg.payload(organisation)).encode()
    req = urllib.request.Request(
        settings.url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "dpp-auditor"},
    )
    try:
        with urllib.request.urlopen(req, timeout=settings.timeout_s) as resp:
            if resp.status >= 300:
                raise NotifyError(f"webhook answered HTTP {resp.status}")
    except OSError as exc:
        raise NotifyError(f"webhook: {type(exc).__name__}: {exc}") from None


def notify(settings: NotifySettings, reg: Regression, organisation: str = "") -> list[str]:
    """Send on every configured channel; returns the channels used. Nothing is sent without a regression."""
    if not reg.any:
        return []
    sent, errors = [], []
    if settings.smtp is not None:
        try:
            send_email(settings.smtp, reg, organisation)
            sent.append("smtp")
        except NotifyError as exc:
            errors.append(str(exc))
    if settings.webhook is not None:
        try:
            post_webhook(settings.webhook, reg, organisation)
            sent.append("webhook")
        except NotifyError as exc:
            errors.append(str(exc))
    if errors:
        raise NotifyError("; ".join(errors) + (f" (sent by {', '.join(sent)})" if sent else ""))
    return sent
