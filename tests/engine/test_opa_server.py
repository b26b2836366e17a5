"""The OPA-server backend's transport: unreachable or silent servers, and the harness itself
driven by opa-python-client as a real OPA server would be."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from opa_client.errors import RegoParseError
from opa_client.opa import OpaClient

from auditor.engine.opa_server import OpaServerEngine
from auditor.errors import EngineError, UsageError
from tests.harness.opa_rest_server import OpaRestServer


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (backlog) but never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_server_is_one_line_naming_the_url() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    engine = OpaServerEngine(url, timeout_s=2)
    with pytest.raises(EngineError) as info:
        engine.load({"a.rego": "package a\n"})
    assert str(info.value) == f"OPA server at {url} is unreachable (connection failed)"


def test_silent_server_times_out(silent_port: int) -> None:
    url = f"http://127.0.0.1:{silent_port}"
    engine = OpaServerEngine(url, timeout_s=0.3)
    with pytest.raises(EngineError, match=r"is unreachable \(no answer within 0\.3 s\)") as info:
        engine.load({"a.rego": "package a\n"})
    assert url in str(info.value)


def test_bad_url_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="expected http"):
        OpaServerEngine("127.0.0.1:8181")


def test_harness_speaks_what_opa_python_client_uses(opa_server: OpaRestServer) -> None:
    client = OpaClient(host="127.0.0.1", port=opa_server.port, timeout=10)
    try:
        assert client.check_connection() is True
        assert client.check_health() is True
        policy = "package harness.demo\n\nimport rego.v1\n\nallow if input.user == data.admins[_]\n"
        assert client.update_policy_from_string(policy, "harness/demo.rego", rego_compat=False)
        assert "harness/demo.rego" in client.get_policies_list()
        assert client.get_policy("harness/demo.rego")["result"]["raw"] == policy
        assert client.update_or_create_data({"list": ["ann"]}, "admins_doc")
        client.update_or_create_data({"0": "x"}, "unused")
        assert client.get_data("admins_doc")["result"] == {"list": ["ann"]}
        assert client.query_rule({"user": "bob"}, "harness.demo", "allow") == {}
        results = client.bulk_query_rule([{"user": "x"}, {"user": "y"}], "harness.demo")
        assert results == [{}, {}]
        with pytest.raises(RegoParseError) as info:
            client.update_policy_from_string(
                "package harness.bad\n\nx := [\n", "harness/bad.rego", rego_compat=False
            )
        location = info.value.errors[0]["location"]
        assert (location["file"], location["row"]) == ("harness/bad.rego", 4)
        assert client.delete_policy("harness/demo.rego")
        assert "harness/demo.rego" not in client.get_policies_list()
        client.delete_data("unused")
        client.delete_data("admins_doc")
    finally:
        client.close_connection()
