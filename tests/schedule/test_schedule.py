from __future__ import annotations

import email
import json
import re
import shutil
import subprocess
import tempfile
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cadence import parse_every
from auditor.commands.notify import command as notify_cmd
from auditor.commands.schedule import command as schedule_cmd
from auditor.errors import UsageError
from auditor.fsutil import canonical_json
from auditor.models import Finding, Results
from auditor.render.synthetic import fingerprint, synthetic_results
from auditor.schedule import (
    NotifyError,
    NotifySettings,
    ScheduleSpec,
    cron_entry,
    find_regression,
    notify,
    systemd_units,
)
from auditor.store.history import snapshot_of
from tests.schedule.receivers import HttpReceiver, SmtpReceiver


def _runs() -> tuple[Results, Results, str]:
    """A and B: in B one passing critical clause fails with a new critical finding."""
    a = synthetic_results(3)
    a = a.model_copy(update={"meta": a.meta.model_copy(update={"run_id": "20261120T100000Z-aaaaaa"})})
    victim = next(c for c in a.clauses if c.status == "pass" and c.severity == "critical")
    target = "ssh://audit@db-primary.example.internal:22"
    f = Finding(
        **{
            "clause": victim.id,
            "check": f"{victim.id}.a",
            "target": target,
            "level": "deny",
            "msg": "user alice.smith has an empty password",
            "details": {"locator": "alice.smith"},
            "severity": "critical",
            "rule": "r",
            "fingerprint": fingerprint(victim.id, f"{victim.id}.a", target, "x"),
        }
    )
    clauses = [
        c.model_copy(update={"status": "fail", "findings": [f]}) if c.id == victim.id else c
        for c in a.clauses
    ]
    b = a.model_copy(
        update={
            "clauses": clauses,
            "meta": a.meta.model_copy(
                update={"run_id": "20261127T100000Z-bbbbbb", "evaluated_at": "2026-11-27T10:00:00Z"}
            ),
        }
    )
    return a, b, victim.id


def test_regression_detection() -> None:
    a, b, victim = _runs()
    assert not find_regression(None, a).any  # the first run is the baseline
    assert not find_regression(snapshot_of(a), a).any
    reg = find_regression(snapshot_of(a), b)
    assert reg.newly_failing == [(victim, "critical")]
    assert reg.new_critical == {victim: 1}


def _no_pii(text: str) -> None:
    for secret in ("alice", "db-primary", "ssh://", "empty password", "web000"):
        assert secret not in text, secret


def test_notify_smtp_and_webhook(tmp_path: Path) -> None:
    a, b, victim = _runs()
    reg = find_regression(snapshot_of(a), b)
    with SmtpReceiver() as smtp, HttpReceiver() as hook:
        settings = NotifySettings.model_validate(
            {
                "smtp": {
                    "host": "127.0.0.1",
                    "port": smtp.port,
                    "from_addr": "auditor@example.com",
                    "to": ["security@example.com"],
                },
                "webhook": {"url": hook.url},
            }
        )
        assert notify(settings, reg, "The Entertainer") == ["smtp", "webhook"]
    (mail,) = smtp.messages
    assert mail["to"] == ["<security@example.com>"]
    msg = email.message_from_bytes(mail["data"], policy=policy.default)  # type: ignore[arg-type]
    assert "regression" in str(msg["Subject"])
    body = msg.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert f"{victim} (critical)" in body
    _no_pii(mail["data"].decode())  # type: ignore[union-attr]
    (raw,) = hook.bodies
    payload = json.loads(raw)
    assert payload["newly_failing_clauses"] == [{"clause": victim, "severity": "critical"}]
    assert payload["new_critical_findings"]["total"] == 1
    _no_pii(raw.decode())


def test_failed_channel_is_reported_and_the_other_still_sent() -> None:
    a, b, _ = _runs()
    reg = find_regression(snapshot_of(a), b)
    with HttpReceiver(status=500) as bad, SmtpReceiver() as smtp:
        settings = NotifySettings.model_validate(
            {
                "smtp": {
                    "host": "127.0.0.1",
                    "port": smtp.port,
                    "from_addr": "a@example.com",
                    "to": ["b@example.com"],
                },
                "webhook": {"url": bad.url},
            }
        )
        with pytest.raises(NotifyError, match=r"HTTP Error 500.*\(sent by smtp\)"):
            notify(settings, reg)
    assert len(smtp.messages) == 1


def test_notify_command_records_and_notifies_once(tmp_path: Path) -> None:
    a, b, _ = _runs()
    store = tmp_path / "runs"
    dirs = []
    for r in (a, b):
        d = store / r.meta.run_id
        d.mkdir(parents=True)
        (d / "results.json").write_text(canonical_json(r.to_json_dict()))
        dirs.append(d)
    with HttpReceiver() as hook:
        config = tmp_path / "dpp-auditor.yaml"
        config.write_text(
            f"version: 1\norganisation: The Entertainer\nnotify:\n  webhook:\n    url: {hook.url}\n"
        )
        runner = CliRunner()
        first = runner.invoke(notify_cmd, [str(dirs[0]), "-c", str(config)])
        assert first.exit_code == 0, first.output
        assert "no regression" in first.output
        second = runner.invoke(notify_cmd, [str(dirs[1]), "-c", str(config)])
        assert second.exit_code == 0, second.output
        assert "regression notified by webhook" in second.output
    assert len(hook.bodies) == 1
    assert json.loads(hook.bodies[0])["organisation"] == "The Entertainer"
    assert (store / "history.sqlite").is_file()


def test_systemd_units_verify(tmp_path: Path) -> None:
    exe = str(Path(".venv/bin/dpp-auditor").resolve())
    spec = ScheduleSpec(exe, tmp_path / "dpp-auditor.yaml", tmp_path / "runs", "weekly")
    units = systemd_units(spec)
    for name, text in units.items():
        (tmp_path / name).write_text(text)
    assert "OnCalendar=Mon *-*-* 03:17:00" in units["dpp-auditor-scan.timer"]
    assert (
        f"ExecStart={exe} scan -c {tmp_path}/dpp-auditor.yaml -o {tmp_path}/runs"
        in units["dpp-auditor-scan.service"]
    )
    proc = subprocess.run(
        [
            "systemd-analyze",
            "verify",
            "--man=no",
            str(tmp_path / "dpp-auditor-scan.timer"),
            str(tmp_path / "dpp-auditor-scan.service"),
        ],
        capture_output=True,
        text=True,
    )
    problems = [line for line in proc.stderr.splitlines() if "dpp-auditor-scan" in line]
    assert problems == [], proc.stderr  # it does report unknown keys and missing executables


def test_schedule_command_cron_and_systemd(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "c.yaml").write_text("version: 1\n")
    cron = runner.invoke(
        schedule_cmd, ["--cron", "-c", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "runs")]
    )
    assert cron.exit_code == 0, cron.output
    line = cron.output.splitlines()[1]
    assert re.match(r"^17 3 \* \* \* umask 077 && \S+ scan -c ", line)
    assert f"notify {tmp_path}/runs/latest -c {tmp_path}/c.yaml" in line
    # The unit runs with PrivateTmp=true: a config under /tmp would be invisible to it.
    hidden = runner.invoke(schedule_cmd, ["--systemd", "-c", str(tmp_path / "c.yaml"), "-o", "/srv/runs"])
    assert isinstance(hidden.exception, UsageError) and "PrivateTmp=true" in str(hidden.exception)
    # not the checkout's folder: a clone may itself live under /tmp (CI's might)
    with tempfile.TemporaryDirectory(dir=Path.home()) as visible:
        (Path(visible) / "c.yaml").write_text("version: 1\n")
        unit = runner.invoke(
            schedule_cmd, ["--systemd", "--every", "hourly", "-c", f"{visible}/c.yaml", "-o", f"{visible}/r"]
        )
    assert unit.exit_code == 0, unit.output
    assert "OnCalendar=hourly" in unit.output and "[Install]" in unit.output
    assert "# PrivateTmp:" in unit.output
    assert runner.invoke(schedule_cmd, ["-c", "c.yaml"]).exit_code == 2


def test_schedule_checks_the_config(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(schedule_cmd, ["--cron", "-c", str(tmp_path / "nope.yaml")])
    assert isinstance(missing.exception, UsageError) and "config file not found" in str(missing.exception)
    (tmp_path / "bad.yaml").write_text("colour: red\n")
    bad = runner.invoke(schedule_cmd, ["--cron", "-c", str(tmp_path / "bad.yaml")])
    assert "bad.yaml:1: colour: unknown key" in str(bad.exception)


@pytest.mark.parametrize(
    ("every", "on_calendar", "cron"),
    [
        ("*/5 * * * *", "*-*-* *:00/5:00", "*/5 * * * *"),
        ("0 2 * * 1-5", "Mon..Fri *-*-* 02:00:00", "0 2 * * 1-5"),
        ("30 4 1,15 * *", "*-*-01,15 04:30:00", "30 4 1,15 * *"),
        ("0 0 * jan sun", "Sun *-01-* 00:00:00", "0 0 * jan sun"),
        ("weekly", "Mon *-*-* 03:17:00", "17 3 * * 1"),
    ],
)
def test_every_cron_fields_become_the_same_schedule_for_systemd(
    every: str, on_calendar: str, cron: str
) -> None:
    cadence = parse_every(every)
    assert (cadence.on_calendar, cadence.cron) == (on_calendar, cron)
    if shutil.which("systemd-analyze"):  # systemd agrees the two are the same instants
        proc = subprocess.run(
            ["systemd-analyze", "calendar", "--iterations=3", on_calendar], capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("every", "message"),
    [
        ("bogus", "--every 'bogus'"),
        ("61 * * * *", "minute '61' is not in 0-59"),
        ("* * * * * *", "--every '* * * * * *'"),
        ("0 0 1 * mon", "day of month and day of week both set"),
        ("*/0 * * * *", "step 0"),
    ],
)
def test_every_refuses_what_it_cannot_honour(every: str, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        parse_every(every)
    assert message in str(exc.value)


def test_cron_refuses_a_systemd_only_expression(tmp_path: Path) -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze validates systemd expressions")
    spec = ScheduleSpec("dpp-auditor", tmp_path / "c.yaml", tmp_path / "runs", "Mon,Fri *-*-* 10:00")
    assert systemd_units(spec)["dpp-auditor-scan.timer"].count("OnCalendar=Mon,Fri *-*-* 10:00") == 1
    with pytest.raises(UsageError, match="cron needs hourly, daily, weekly or five cron fields"):
        cron_entry(spec)
