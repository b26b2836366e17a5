"""Property-based fuzzing of the readers: whatever the bytes, the outcome is a parsed value or
the documented error (exit 2 for CLI inputs, a parse error for collected files), never another
exception. Bounded in examples and time so `make test` stays predictable; the seed is derived
from the test, so a failure reproduces."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.collect.access.collector import build_access_list
from auditor.collect.access.settings import AccessSettings
from auditor.config import parse_config
from auditor.errors import CollectorError, UsageError
from auditor.targets import load_ansible_inventory
from auditor.waivers import lint, load_waivers

BOUNDED = settings(
    max_examples=150,
    deadline=2000,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
KEY = b"fuzz-key-0123456789abcdef"

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(string.printable, max_size=20),
    st.sampled_from(["2027-02-30", "2026-13-01", "~nosuchuser/x", "ninety", "-5", "local", "*"]),
)
_keys = st.one_of(
    st.sampled_from(
        [
            "version",
            "targets",
            "params",
            "access",
            "logs",
            "waivers_file",
            "documents",
            "inventory",
            "access_review_max_days",
            "accounts_files",
            "roots",
            "id",
            "clause",
            "expires",
            "hosts",
            "vars",
        ]
    ),
    st.text(string.ascii_lowercase + "_", min_size=1, max_size=12),
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=20,
)
_raw_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


# Hand-shaped lines reach what safe_dump never writes: unquoted impossible dates, flow
# mappings with repeated keys, odd indentation.
_raw_values = st.sampled_from(
    ["2027-02-30", "2026-13-01", "{a: 1, a: 2}", "[", "~nosuchuser/x", "ninety", "-5", "*", "!!binary x", ""]
)
_yaml_lines = st.lists(
    st.builds(
        lambda indent, key, value: f"{' ' * indent}{key}: {value}",
        st.sampled_from([0, 0, 2, 4]),
        _keys,
        st.one_of(_raw_values, st.text(string.ascii_letters + string.digits + " -:", max_size=12)),
    )
    | st.builds(lambda indent, value: f"{' ' * indent}- {value}", st.sampled_from([2, 4]), _raw_values),
    max_size=12,
).map("\n".join)


def _yaml_text(doc: object) -> str:
    return yaml.safe_dump(doc, default_flow_style=False, allow_unicode=True)


@BOUNDED
@given(st.one_of(_documents.map(_yaml_text), _yaml_lines, _raw_text))
def test_config_loader_accepts_or_names_the_problem(text: str) -> None:
    try:
        parse_config(text, Path("fuzz.yaml"), check_files=True)
    except UsageError as exc:
        assert str(exc).startswith("fuzz.yaml"), str(exc)


_cells = st.text(alphabet=string.printable.replace("\x0b", "").replace("\x0c", ""), max_size=16)


@st.composite
def _csv(draw: st.DrawFn) -> str:
    header = draw(
        st.lists(
            st.sampled_from(
                [
                    "system",
                    "username",
                    "status",
                    "created",
                    "last_login",
                    "roles",
                    "person_id",
                    "account_type",
                    "sealed",
                    "revoked_at",
                    "x",
                ]
            ),
            min_size=1,
            max_size=6,
        )
    )
    rows = draw(st.lists(st.lists(_cells, max_size=len(header) + 2), max_size=6))
    return "\n".join([",".join(header), *(",".join(r) for r in rows)]) + "\n"


@BOUNDED
@given(st.one_of(_csv(), _raw_text))
def test_access_tables_import_rows_or_record_located_errors(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("csv") / "accounts.csv"
    path.write_text(text, encoding="utf-8")
    settings_ = AccessSettings.model_validate({"accounts_files": [str(path)]})
    try:
        doc = build_access_list(settings_, KEY, re.compile("^admin$"))
    except CollectorError as exc:
        assert "accounts.csv" in str(exc), str(exc)
        return
    for error in doc["import_errors"]:
        assert error["file"] == "accounts.csv" and error["line"] >= 1


_ini_lines = st.one_of(
    st.sampled_from(["[web]", "[db:vars]", "[all:children]", "web", "[web", "ansible_port=22", "#c", ""]),
    st.builds(
        lambda h, k, v: f"{h} {k}={v}",
        st.sampled_from(["web1", "db[01:03]", "h[a:c]", "x[9:1]", "'q"]),
        st.sampled_from(["ansible_host", "ansible_port", "ansible_user", "x"]),
        _cells,
    ),
    _cells,
)


@BOUNDED
@given(st.one_of(st.lists(_ini_lines, max_size=12).map("\n".join), _documents.map(_yaml_text)))
def test_inventory_parsers_give_targets_or_a_located_error(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("inv")
    for name in ("hosts.ini", "hosts.yaml"):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        try:
            targets = load_ansible_inventory(path)
        except UsageError as exc:
            assert str(exc).startswith(str(path)), str(exc)
            continue
        assert all(t.kind == "host" for t in targets)


_waiver = st.fixed_dictionaries(
    {},
    optional={
        "id": _scalars,
        "clause": st.sampled_from(["NET-1", "ACC-8", "NOPE-1", ""]),
        "reason": _scalars,
        "requested_by": _scalars,
        "approved_by": _scalars,
        "created": st.one_of(st.dates(), _scalars),
        "expires": st.one_of(st.dates(), _scalars),
        "target": _scalars,
    },
)


@BOUNDED
@given(
    st.one_of(st.builds(lambda w: {"waivers": w}, st.lists(_waiver, max_size=3)).map(_yaml_text), _raw_text)
)
def test_waiver_loader_loads_or_names_file_and_line(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("w") / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    problems = lint(path)
    assert all(p.startswith(str(path)) for p in problems), problems
    try:
        load_waivers(path)
    except UsageError as exc:
        assert str(exc).startswith(str(path))
        assert problems
